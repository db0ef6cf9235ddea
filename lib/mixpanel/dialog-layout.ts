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
import { collapseSpaces, referenced } from './dom';

/** The attributes the layout is found from: selectors, accessible names, hidden and disabled tests. */
const STRUCTURE_ATTRIBUTES = [
  'role', 'contenteditable', 'type', 'placeholder', 'title', 'aria-label', 'aria-labelledby', 'for', 'id',
  'hidden', 'aria-hidden', 'disabled', 'aria-disabled',
];
const FORM_CONTROLS = new Set(['input', 'select', 'textarea']);

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
  labelledBy: { el: Element; targets: Element[] }[];
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

function chosenOption(select: Element): Element | null {
  for (const option of select.querySelectorAll('option')) if ((option as HTMLOptionElement).selected) return option;
  return null;
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

function outsideNames(dialog: Element): boolean {
  return Boolean(dialog.parentElement?.closest('[hidden], label'));
}

/**
 * Form controls named by their <label>s (no aria-label) with an id, which a label anywhere on the
 * page can point at, and their labels; null when one of those labels is outside the dialog.
 */
function labelledControls(dialog: Element, nameCarriers: string): Watched<unknown>['labelled'] | null {
  const out: Watched<unknown>['labelled'] = [];
  const ids = new Set<string>();
  for (const control of dialog.querySelectorAll(nameCarriers)) {
    const id = control.getAttribute('id');
    if (!FORM_CONTROLS.has(control.localName) || hasName(control) || !id) continue;
    const labels = (control as HTMLInputElement).labels;
    if (!labels) return null;
    if (!Array.from(labels).every((label) => dialog.contains(label))) return null;
    out.push({ control, labels: Array.from(labels) });
    ids.add(id);
  }
  if (!ids.size) return out;
  // Also the labels dom.ts finds by their `for` when `labels` finds none (a repeated id).
  for (const label of dialog.ownerDocument.getElementsByTagName('label')) {
    if (ids.has(label.getAttribute('for') ?? '') && !dialog.contains(label)) return null;
  }
  return out;
}

type WatchedParts<L> = Omit<Watched<L>, 'observer' | 'dirty'>;

/** What a layout depends on besides the dialog's own elements and attributes; null when it cannot be kept. */
function dependencies<L>(dialog: Element, layout: L, spec: LayoutSpec<L>): WatchedParts<L> | null {
  const root = dialog.getRootNode();
  if ((root.nodeType !== 9 && root.nodeType !== 11) || outsideNames(dialog)) return null;
  const textSources = new Set<Element>(dialog.querySelectorAll('label, [role="columnheader"]'));
  const labelledBy: Watched<L>['labelledBy'] = [];
  for (const el of dialog.querySelectorAll('[aria-labelledby]')) {
    const targets = referenced(el, 'aria-labelledby');
    if (!targets.every((target) => dialog.contains(target))) return null;
    labelledBy.push({ el, targets });
    for (const target of targets) textSources.add(target);
  }
  for (const el of dialog.querySelectorAll(spec.nameCarriers)) {
    if (!FORM_CONTROLS.has(el.localName) && !hasName(el)) textSources.add(el);
  }
  const labelled = labelledControls(dialog, spec.nameCarriers);
  if (!labelled) return null;
  const selects: Watched<L>['selects'] = [];
  for (const select of dialog.querySelectorAll('select')) {
    if (within(select, textSources, dialog)) selects.push({ select, chosen: chosenOption(select) });
  }
  return { layout, controls: spec.controls(layout), root, textSources, labelledBy, labelled, selects };
}

function relevant(records: MutationRecord[], watched: WatchedParts<unknown>, dialog: Element): boolean {
  // Text edited where it names nothing (typing in a labelled contenteditable) leaves the layout as it was.
  return records.some((record) => record.type !== 'characterData' || within(record.target, watched.textSources, dialog));
}

function watch<L>(dialog: Element, layout: L, spec: LayoutSpec<L>): Watched<L> | null {
  const Observer = dialog.ownerDocument.defaultView?.MutationObserver;
  const parts = Observer ? dependencies(dialog, layout, spec) : null;
  if (!Observer || !parts) return null;
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

function sameElements(a: Element[], b: Element[]): boolean {
  return a.length === b.length && a.every((el, i) => el === b[i]);
}

function stillValid<L>(watched: Watched<L>, dialog: Element): boolean {
  if (watched.dirty || relevant(watched.observer.takeRecords(), watched, dialog)) return false;
  // Outside the observed subtree: where the dialog is, and what its ids point to.
  if (dialog.getRootNode() !== watched.root || outsideNames(dialog)) return false;
  return (
    watched.labelledBy.every(({ el, targets }) => sameElements(referenced(el, 'aria-labelledby'), targets)) &&
    watched.labelled.every(({ control, labels }) => sameElements(Array.from((control as HTMLInputElement).labels ?? []), labels)) &&
    watched.selects.every(({ select, chosen }) => chosenOption(select) === chosen) &&
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
      if (known) {
        if (stillValid(known, dialog)) return known.layout;
        known.observer.disconnect();
        kept.delete(dialog);
      }
      builds++;
      const layout = spec.build(dialog);
      let watched: Watched<L> | null = null;
      try {
        watched = watch(dialog, layout, spec);
      } catch {
        // Not kept: the next read finds the layout again, as every read did before.
      }
      if (watched) kept.set(dialog, watched);
      return layout;
    },
  };
}
