// Keeps the sidebar from covering the invite dialog: the dialog slides left by just the overlap,
// when the window is wide enough for both. Its own inline `translate` is restored afterwards.

const GAP = 12;
const EDGE = 8;
const original = new WeakMap<HTMLElement, string>();

/**
 * Moves the dialog out from under a sidebar `sidebarWidth` wide on the right edge. Returns false
 * when the window is too narrow for both side by side (the caller then collapses the sidebar).
 */
export function makeRoomForSidebar(dialog: HTMLElement, sidebarWidth: number, viewportWidth: number): boolean {
  if (!original.has(dialog)) original.set(dialog, dialog.style.translate);
  const current = parseFloat(dialog.style.translate) || 0;
  const rect = dialog.getBoundingClientRect();
  // Where the dialog would be without our shift.
  const left = rect.left - current;
  const right = rect.right - current;
  const sidebarLeft = viewportWidth - sidebarWidth - GAP;
  const overlap = right - sidebarLeft;
  if (overlap <= 0) {
    setTranslate(dialog, original.get(dialog) ?? '');
    return true;
  }
  if (left - EDGE < overlap) {
    setTranslate(dialog, original.get(dialog) ?? '');
    return false;
  }
  setTranslate(dialog, `${-Math.ceil(overlap)}px`);
  return true;
}

/** Writes the dialog's translate only when it changes: a write makes the page lay out again. */
function setTranslate(dialog: HTMLElement, value: string): void {
  if (dialog.style.translate !== value) dialog.style.translate = value;
}

/** Puts the dialog back where the page placed it. */
export function releaseRoom(dialog: HTMLElement): void {
  if (!original.has(dialog)) return;
  setTranslate(dialog, original.get(dialog) ?? '');
  original.delete(dialog);
}

// The page's own right margin, saved while the docked sidebar takes that space.
const pageMargin = new WeakMap<Document, { value: string; priority: string }>();

/** Narrows the page by the sidebar's width so the sidebar docks beside it instead of covering it. */
export function reservePageSpace(doc: Document, width: number): void {
  const style = doc.documentElement.style;
  if (!pageMargin.has(doc)) {
    pageMargin.set(doc, { value: style.getPropertyValue('margin-right'), priority: style.getPropertyPriority('margin-right') });
  }
  style.setProperty('margin-right', `${width}px`, 'important');
}

/** Gives the page its width back. */
export function releasePageSpace(doc: Document): void {
  const saved = pageMargin.get(doc);
  if (!saved) return;
  doc.documentElement.style.setProperty('margin-right', saved.value, saved.priority);
  pageMargin.delete(doc);
}
