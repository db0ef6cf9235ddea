// Keyboard focus when the control the admin just used goes away (a form replaces its button, an
// editor closes): focus moves to the control that takes its place instead of falling to the page.
import { Component } from 'preact';

export type Finder = () => HTMLElement | null | undefined;

/**
 * A component that can say `focusAfterRender(find)`: after its next render that shows it (a file
 * read first, say), the element `find()` returns gets focus. A newer request replaces an older one.
 * A class rather than a hook, so the content script carries no preact/hooks.
 */
export abstract class FocusAfterRender<P = object, S = object> extends Component<P, S> {
  private pendingFocus: Finder | null = null;

  protected readonly focusAfterRender = (find: Finder): void => {
    this.pendingFocus = find;
  };

  override componentDidUpdate(): void {
    if (focusFound(this.pendingFocus)) this.pendingFocus = null;
  }
}

/** Focuses what `find` finds now; false when there is nothing yet (the request waits for the next render). */
export function focusFound(find: Finder | null): boolean {
  const target = find?.();
  target?.focus();
  return !!target;
}

/** The shortcut that moves focus between the page (its invite dialog keeps Tab inside) and the sidebar. */
export const JUMP_SHORTCUT = 'Alt+Shift+G';

export function isJumpShortcut(event: KeyboardEvent): boolean {
  // event.code: on macOS, Option+Shift+G types a symbol, not "G".
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyG';
}
