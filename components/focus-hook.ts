// The hook form of focus.ts's FocusAfterRender, for the extension's own pages (the popup), which
// carry preact/hooks anyway; the content script uses the class and so carries no hooks.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { focusFound, type Finder } from './focus';

/**
 * Returns `focusAfterRender(find)`: after the next render that shows it (a file read first, say),
 * the element `find()` returns gets focus. A newer request replaces an older one.
 */
export function useFocusAfterRender(): (find: Finder) => void {
  const pending = useRef<Finder | null>(null);
  useLayoutEffect(() => {
    if (focusFound(pending.current)) pending.current = null;
  });
  return (find) => {
    pending.current = find;
  };
}
