// Remembering which element of the invite dialog is which (a layout), so that a keystroke reads
// only values. Which element is a row's email field or role picker depends on the dialog's
// elements, a few of their attributes, the text that names them, and the option chosen in a select
// that sits inside such text; never on what is typed into an <input>. A MutationObserver on the
// dialog says when any of that may have changed; its pending records are taken synchronously
// before each use, so nothing depends on when the browser delivers them.
//
// Names from outside the dialog: a layout is not kept while an aria-labelledby in the dialog points
// outside it, a <label> outside it names a control in it, or the dialog sits in a hidden element or
// a label; those reads are all made afresh. What ids point to (aria-labelledby targets, a labelled
// control's `labels`) is looked up again on every read, which is cheap, so an element or label
// added outside later is seen. Not seen: a <label for> added outside the dialog for an id that two
// elements share (invalid HTML), which only dom.ts's own scan of the page's labels would find.
import { chosenOption, collapseSpaces, referenced } from './dom';

/** The attributes the layout is found from: selectors, accessible names, hidden and disabled tests. */
const STRUCTURE_ATTRIBUTES = [
  'role', 'contenteditable', 'type', 'placeholder', 'title', 'aria-label', 'aria-labelledby', 'for', 'id',
  'hidden', 'aria-hidden', 'disabled', 'aria-disabled',
];
const FORM_CONTROLS = new Set(['input', 'select', 'textarea']);
/** Where dialog.ts finds the dialog's column labels, whose text it reads. */
const COLUMN_LABELS = 'label, [role="columnheader"]';

export interface LayoutSpec<L> {
  /** Finds the layout from the dialog's elements. */
  build(dialog: Element): L;
  /** The elements a layout holds. */
  controls(layout: L): Element[];
  /** Elements whose own text can be their accessible name (buttons, comboboxes, text boxes). */
  nameCarriers: string;
}

interface Watched<L> {
  layout: L;
  controls: Element[];
  observer: MutationObserver;
  /** Set when the observer delivered a relevant record before the next read took them. */
  dirty: boolean;
  root: Node;
  /** Elements whose text can name a control: text edited inside them changes the layout. */
  textSources: Set<Element>;
  /** What each aria-labelledby in the dialog pointed to. */
  labelledBy: { el: Element; targets: Element[] }[];
  /** Form controls named by their labels that have an id, which labels anywhere can point at. */
  labelled: { control: Element; labels: Element[] }[];
  /** Selects inside such text, with the option their text reads as. */
  selects: { select: Element; chosen: Element | null }[];
}

export interface LayoutCache<L> {
  /** The dialog's layout: the one found before while nothing it depends on changed. */
  get(dialog: Element): L;
  /** How many layouts were found rather than reused (tests check a keystroke finds none). */
  readonly builds: number;
}

function hasName(el: Element): boolean {
  return collapseSpaces(el.getAttribute('aria-label') ?? '') !== '';
}

/** Whether `node` is inside one of the elements, looking up no further than the dialog. */
function within(node: Node, elements: Set<Element>, dialog: Element): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (elements.has(el)) return true;
    if (el === dialog) return false;
  }
  // No longer in the dialog: a childList record says so too, but do not rely on it.
  return true;
}

/** The email fields' hidden test and a form control's wrapping label both look above the dialog. */
function inHiddenOrLabel(dialog: Element): boolean {
  return Boolean(dialog.parentElement?.closest('[hidden], label'));
}

/** Whether a <label> outside the dialog points at one of the ids (dom.ts looks for those when `labels` finds none). */
function labelledFromOutside(dialog: Element, ids: Set<string>): boolean {
  for (const label of dialog.ownerDocument.getElementsByTagName('label')) {
    if (ids.has(label.getAttribute('for') ?? '') && !dialog.contains(label)) return true;
  }
  return false;
}

type Parts<L> = Omit<Watched<L>, 'observer' | 'dirty'>;

/**
 * What a layout depends on besides the dialog's elements and watched attributes, found in one walk
 * over them; null when it cannot be kept.
 */
function dependencies<L>(dialog: Element, layout: L, spec: LayoutSpec<L>): Parts<L> | null {
  const root = dialog.getRootNode();
  if ((root.nodeType !== 9 && root.nodeType !== 11) || inHiddenOrLabel(dialog)) return null;
  const textSources = new Set<Element>();
  const labelledBy: Parts<L>['labelledBy'] = [];
  const labelled: Parts<L>['labelled'] = [];
  const allSelects: Element[] = [];
  const ids = new Set<string>();
  for (const el of dialog.querySelectorAll(`${COLUMN_LABELS}, [aria-labelledby], ${spec.nameCarriers}`)) {
    const columnLabel = el.localName === 'label' || el.getAttribute('role') === 'columnheader';
    const labelledByIds = el.hasAttribute('aria-labelledby');
    if (columnLabel) textSources.add(el);
    if (el.localName === 'select') allSelects.push(el);
    if (labelledByIds) {
      const targets = referenced(el, 'aria-labelledby');
      if (!targets.every((target) => dialog.contains(target))) return null;
      labelledBy.push({ el, targets });
      for (const target of targets) textSources.add(target);
    }
    // Anything else the walk found is a name carrier.
    if (hasName(el) || ((columnLabel || labelledByIds) && !el.matches(spec.nameCarriers))) continue;
    // Named by its own text, or (a form control) by its labels, which an id lets any label point at.
    if (!FORM_CONTROLS.has(el.localName)) textSources.add(el);
    const id = el.getAttribute('id');
    if (!FORM_CONTROLS.has(el.localName) || !id) continue;
    const labels = (el as HTMLInputElement).labels;
    if (!labels || !Array.from(labels).every((label) => dialog.contains(label))) return null;
    labelled.push({ control: el, labels: Array.from(labels) });
    ids.add(id);
  }
  if (ids.size && labelledFromOutside(dialog, ids)) return null;
  const selects = allSelects
    .filter((select) => within(select, textSources, dialog))
    .map((select) => ({ select, chosen: chosenOption(select) }));
  return { layout, controls: spec.controls(layout), root, textSources, labelledBy, labelled, selects };
}

function relevant(records: MutationRecord[], watched: Parts<unknown>, dialog: Element): boolean {
  // Text edited where it names nothing (typing in a labelled contenteditable) leaves the layout as it was.
  return records.some((record) => record.type !== 'characterData' || within(record.target, watched.textSources, dialog));
}

function watch<L>(dialog: Element, parts: Parts<L>): Watched<L> | null {
  const Observer = dialog.ownerDocument.defaultView?.MutationObserver;
  if (!Observer) return null;
  const watched: Watched<L> = {
    ...parts,
    dirty: false,
    observer: new Observer((records) => {
      if (relevant(records, watched, dialog)) watched.dirty = true;
    }),
  };
  watched.observer.observe(dialog, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: STRUCTURE_ATTRIBUTES });
  return watched;
}

function sameElements(a: ArrayLike<Element>, b: Element[]): boolean {
  return a.length === b.length && b.every((el, i) => el === a[i]);
}

function stillValid<L>(watched: Watched<L>, dialog: Element): boolean {
  if (watched.dirty || relevant(watched.observer.takeRecords(), watched, dialog)) return false;
  // Outside the observed subtree: where the dialog is, and what its ids point to.
  if (dialog.getRootNode() !== watched.root || inHiddenOrLabel(dialog)) return false;
  return (
    watched.labelledBy.every(({ el, targets }) => sameElements(referenced(el, 'aria-labelledby'), targets)) &&
    watched.labelled.every(({ control, labels }) => sameElements((control as HTMLInputElement).labels ?? [], labels)) &&
    watched.selects.every(({ select, chosen }) => chosenOption(select) === chosen) &&
    // The observer would have said so; checked anyway, for little.
    watched.controls.every((control) => control.isConnected && dialog.contains(control))
  );
}

/** Layouts kept per dialog element, each until its dialog changes in a way that may change it. */
export function layoutCache<L>(spec: LayoutSpec<L>): LayoutCache<L> {
  const kept = new WeakMap<Element, Watched<L>>();
  let builds = 0;
  return {
    get builds() {
      return builds;
    },
    get(dialog) {
      const known = kept.get(dialog);
      if (known && stillValid(known, dialog)) return known.layout;
      // What the observer holds is about the layout being replaced.
      known?.observer.takeRecords();
      builds++;
      const layout = spec.build(dialog);
      let parts: Parts<L> | null = null;
      try {
        parts = dependencies(dialog, layout, spec);
        // The same observer goes on watching the same dialog.
        if (known && parts) return Object.assign(known, parts, { dirty: false }).layout;
        known?.observer.disconnect();
        kept.delete(dialog);
        const watched = parts && watch(dialog, parts);
        if (watched) kept.set(dialog, watched);
      } catch {
        // Not kept: the next read finds the layout again, as every read did before.
        known?.observer.disconnect();
        kept.delete(dialog);
      }
      return layout;
    },
  };
}
