// Keyboard focus when the control the admin just used goes away (a form replaces its button, an
// editor closes): focus moves to the control that takes its place instead of falling to the page.
import { useLayoutEffect, useRef } from 'preact/hooks';

type Finder = () => HTMLElement | null | undefined;

/**
 * Returns `focusAfterRender(find)`: after the next render that shows it (a file read first, say),
 * the element `find()` returns gets focus. A newer request replaces an older one.
 */
export function useFocusAfterRender(): (find: Finder) => void {
  const pending = useRef<Finder | null>(null);
  useLayoutEffect(() => {
    const target = pending.current?.();
    if (!target) return;
    pending.current = null;
    target.focus();
  });
  return (find) => {
    pending.current = find;
  };
}

/** The shortcut that moves focus between the page (its invite dialog keeps Tab inside) and the sidebar. */
export const JUMP_SHORTCUT = 'Alt+Shift+G';

export function isJumpShortcut(event: KeyboardEvent): boolean {
  // event.code: on macOS, Option+Shift+G types a symbol, not "G".
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyG';
}
