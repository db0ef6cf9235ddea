// Small DOM readers shared by the adapter: visible text, accessible names, label comparison.
// They compare tag names and node types rather than using `instanceof`, so they work on documents
// from any window (content-script worlds, iframes, DOMParser, test environments).
import { HEADING, MAIN_AREA } from './selectors';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements that do not break a word: their text joins their neighbours' without a space. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q',
  's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg', 'img', 'iframe', 'object', 'canvas']);

// White space, except U+FEFF: JavaScript counts that invisible character as a space, and trimming it
// would make "jane@acme.com<U+FEFF>" read as jane@acme.com. Kept, it is refused and shown.
const SPACES = /[^\S\ufeff]+/g;
const EDGE_SPACES = /^[^\S\ufeff]+|[^\S\ufeff]+$/g;

export function collapseSpaces(text: string): string {
  return collapseAscii(text) ?? trimSpaces(text.replace(SPACES, ' '));
}

function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Collapsing for plain ASCII text with single spaces between its words (most cells): only its edges
 * change, and a loop finds them for less than the regexes cost. null for any other text.
 */
function collapseAscii(text: string): string | null {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  let space = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (space) return null;
      space = true;
    } else if (code > 126 || (code >= 9 && code <= 13)) {
      return null;
    } else {
      space = false;
    }
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `trim()`, keeping U+FEFF. */
export function trimSpaces(text: string): string {
  return text.replace(EDGE_SPACES, '');
}

/** Lower case, "&" → "and", everything but letters and digits → one space. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether a label reads as one of the names, optionally followed by a count ("Pending invitations 3"). */
export function labelIs(label: string, names: readonly string[]): boolean {
  const text = normalizeLabel(label);
  if (names.includes(text)) return true;
  // The count may sit in its own inline badge, glued to the word ("Teams<span>5</span>").
  const withoutCount = text.replace(/ ?\d+$/, '');
  return withoutCount !== text && names.includes(withoutCount);
}

/** Whether an element is hidden from everyone (`hidden`, `aria-hidden="true"`) — not checked for ancestors. */
function skipped(el: Element, name: string): boolean {
  return SKIPPED.has(name) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

/** A select's first chosen option: the one its text reads as. */
export function chosenOption(select: Element): Element | null {
  for (const option of select.querySelectorAll('option')) if ((option as HTMLOptionElement).selected) return option;
  return null;
}

function selectedOptionText(select: Element): string {
  return chosenOption(select)?.textContent ?? '';
}

/**
 * The text a person (or a screen reader) gets from an element: aria-hidden and hidden parts and
 * icons left out, block boundaries read as spaces, a select read as its chosen option. Stops after
 * about `limit` characters.
 */
export function readText(el: Element, limit = 4000): string {
  return readTextDown(el, limit, null).text;
}

/**
 * `readText(el, limit)` and `firstElementNamed(el, name)` together: a cell's <time> or link, found
 * the cheapest way its text was read.
 */
export function readTextAndFirst(el: Element, limit: number, name: string): { text: string; first: Element | null } {
  return readTextDown(el, limit, name);
}

function readTextDown(el: Element, limit: number, name: string | null): { text: string; first: Element | null } {
  // A select reads as its chosen option, whatever else it holds: never down its children.
  if (el.localName === 'select') return walkedFrom(el, limit, name);
  // Fast path: down a chain of single shown elements (<td><span>text</span></td>). With nothing
  // else below, the text is the textContent, read in one call. Text nodes are touched only around
  // a block: each node touched costs a wrapper in a content script. The chain's elements come
  // first in tree order, so the first element named is on it if anywhere.
  let first: Element | null = null;
  for (let leaf = el, count = el.childElementCount; count > 0; count = leaf.childElementCount) {
    const only = count === 1 ? leaf.firstElementChild : null;
    if (only === null) return walkedFrom(el, limit, name);
    const tag = only.localName;
    if (tag === 'select' || skipped(only, tag)) return walkedFrom(el, limit, name);
    // A block sets its text apart from any text beside it, at any level above, which textContent does not.
    if (!INLINE.has(tag) && !aloneDown(el, only)) return walkedFrom(el, limit, name);
    if (first === null && tag === name && only.prefix === null) first = only;
    leaf = only;
  }
  const text = el.textContent ?? '';
  // Past the limit, the walk tells where the text ends (it stops after the node that passes it).
  if (text.length > limit) return walkedFrom(el, limit, name);
  return { text: collapseSpaces(text), first };
}

/** Whether each element from `top` down its only element children to `to` holds that child and nothing else. */
function aloneDown(top: Element, to: Element): boolean {
  for (let el: Element | null = top; el && el !== to; el = el.firstElementChild) {
    const child = el.firstElementChild;
    if (el.firstChild !== child || el.lastChild !== child) return false;
  }
  return true;
}

/** The walk, which any element below may change; the first element named is looked for as usual. */
function walkedFrom(el: Element, limit: number, name: string | null): { text: string; first: Element | null } {
  return { text: walkFrom(el, limit, true), first: name === null ? null : firstElementNamed(el, name) };
}

/**
 * `root.getElementsByTagName(name)[0]` for a lower-case name with no prefix, without building the
 * collection when root holds a chain of only children (most cells do). Elements in tree order
 * start down the first children; a match there is the first.
 */
export function firstElementNamed(root: Element, name: string): Element | null {
  for (let el = root.firstElementChild; el; el = el.firstElementChild) {
    if (el.localName === name && el.prefix === null) return el;
    if (el.nextElementSibling) return root.getElementsByTagName(name)[0] ?? null;
  }
  return null;
}

interface TextWalk {
  text: string;
  /** Characters of text nodes read so far. */
  length: number;
  limit: number;
  /**
   * Elements holding only text read by their textContent, in one call (the sidebar's reads), rather
   * than node by node (the reference walk the tests compare them with).
   */
  leavesWhole: boolean;
}

function walkText(parent: Element, walk: TextWalk): void {
  for (let child = parent.firstChild; child && walk.length <= walk.limit; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === TEXT_NODE) {
      const value = child.nodeValue ?? '';
      walk.text += value;
      walk.length += value.length;
    } else if (type === ELEMENT_NODE) {
      const element = child as Element;
      const name = element.localName;
      if (skipped(element, name)) continue;
      const block = !INLINE.has(name);
      if (block) walk.text += ' ';
      if (name === 'select') walk.text += selectedOptionText(element);
      else if (!walk.leavesWhole || element.childElementCount > 0 || !readLeafWhole(element, walk)) walkText(element, walk);
      if (block) walk.text += ' ';
    }
  }
}

/**
 * Reads an element holding no element, whole, when the walk would have read all of its text nodes
 * (it stops after the one that passes the limit); false when it would not.
 */
function readLeafWhole(leaf: Element, walk: TextWalk): boolean {
  const value = leaf.textContent ?? '';
  if (walk.length + value.length > walk.limit) return false;
  walk.text += value;
  walk.length += value.length;
  return true;
}

function walkFrom(el: Element, limit: number, leavesWhole: boolean): string {
  const walk: TextWalk = { text: '', length: 0, limit, leavesWhole };
  if (el.localName === 'select') walk.text += selectedOptionText(el);
  else walkText(el, walk);
  return collapseSpaces(walk.text).slice(0, limit);
}

/** `readText` by walking every node: what its fast paths must always agree with. Exported for tests. */
export function readTextWalking(el: Element, limit = 4000): string {
  return walkFrom(el, limit, false);
}

function byId(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById === 'function') {
    const hit = root.getElementById(id);
    if (hit) return hit;
  }
  return el.ownerDocument.getElementById(id);
}

/** Elements an id-reference attribute (aria-labelledby, aria-controls) points to. */
export function referenced(el: Element, attribute: string): Element[] {
  const ids = (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  const out: Element[] = [];
  for (const id of ids) {
    const hit = byId(el, id);
    if (hit) out.push(hit);
  }
  return out;
}

const FORM_CONTROLS = new Set(['input', 'select', 'textarea']);

function labelsOf(el: Element): Element[] {
  const own = (el as HTMLInputElement).labels;
  if (own && own.length) return Array.from(own);
  const out: Element[] = [];
  const id = el.getAttribute('id');
  if (id) {
    for (const label of el.ownerDocument.getElementsByTagName('label')) {
      if (label.getAttribute('for') === id) out.push(label);
    }
  }
  const wrapping = el.closest('label');
  if (wrapping && !out.includes(wrapping)) out.push(wrapping);
  return out;
}

/**
 * A simplified accessible name: aria-labelledby, aria-label, a form control's labels, the element's
 * own text (buttons, links, headings), then title and placeholder.
 */
export function accessibleName(el: Element): string {
  const labelledBy = referenced(el, 'aria-labelledby');
  if (labelledBy.length) {
    const text = collapseSpaces(labelledBy.map((x) => readText(x, 500)).join(' '));
    if (text) return text;
  }
  const ariaLabel = collapseSpaces(el.getAttribute('aria-label') ?? '');
  if (ariaLabel) return ariaLabel;
  if (FORM_CONTROLS.has(el.localName)) {
    const text = collapseSpaces(labelsOf(el).map((label) => readText(label, 500)).join(' '));
    if (text) return text;
  } else {
    const text = readText(el, 500);
    if (text) return text;
  }
  return collapseSpaces(el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '');
}

/** The page's main content area, or the body. */
export function mainArea(doc: Document): Element {
  return doc.querySelector(MAIN_AREA) ?? doc.body ?? doc.documentElement;
}

/** The first heading in scope whose text is one of the names (a trailing count allowed). */
export function findHeading(scope: ParentNode, names: readonly string[]): Element | null {
  for (const heading of scope.querySelectorAll(HEADING)) {
    if (heading.closest('[hidden]')) continue;
    if (labelIs(readText(heading, 200), names)) return heading;
  }
  return null;
}

/** The nearest heading before an element, looking back through its siblings and a few ancestors. */
export function precedingHeading(el: Element, stop: Element, levels = 4): Element | null {
  let current: Element | null = el;
  for (let level = 0; current && current !== stop && level < levels; level++) {
    let sibling = current.previousElementSibling;
    for (let steps = 0; sibling && steps < 6; steps++, sibling = sibling.previousElementSibling) {
      if (sibling.matches(HEADING)) return sibling;
      const inner = sibling.querySelectorAll(HEADING);
      const last = inner[inner.length - 1];
      if (last) return last;
    }
    current = current.parentElement;
  }
  return null;
}

/** Whether a control is disabled (native or ARIA). */
export function isDisabled(el: Element): boolean {
  return el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';
}

/** Digits of a number as pages write them ("5,036", "5 036") → 5036; null when there are none. */
export function readCount(text: string): number | null {
  const digits = text.replace(/\D+/g, '');
  if (!digits || digits.length > 9) return null;
  return Number(digits);
}
