// The sidebar's host element: a custom element with an open shadow root holding the sidebar's own
// stylesheet, so Mixpanel's styles do not reach in and ours do not leak out. Hand-written rather
// than WXT's createShadowRootUi, whose dependencies cost the content script a tenth of its size.
import { browser } from 'wxt/browser';

/** Keys typed in the sidebar must not trigger Mixpanel's shortcuts or close its dialog. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input'] as const;

/** The stylesheet WXT emits for this content script (listed in web_accessible_resources). */
export async function loadStylesheet(): Promise<string> {
  try {
    // WXT's PublicPath type lists scripts, not the CSS it emits beside them: build the URL from the root.
    const response = await fetch(`${browser.runtime.getURL('/')}content-scripts/${import.meta.env.ENTRYPOINT}.css`);
    return response.ok ? await response.text() : '';
  } catch {
    // Unstyled but working beats no sidebar at all.
    return '';
  }
}

/** The page's own CSS cannot cascade in; `:root` custom properties become the host's. */
export function shadowCss(stylesheet: string): string {
  return `:host{all:initial !important;}\n${stylesheet.replaceAll(':root', ':host')}`;
}

export interface ShadowHost {
  /** The element appended to the page. */
  readonly host: HTMLElement;
  /** Where the sidebar renders, inside the shadow root. */
  readonly container: HTMLElement;
}

export function createShadowHost(doc: Document, tagName: string, stylesheet: string): ShadowHost {
  const host = doc.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = shadowCss(stylesheet);
  const container = doc.createElement('div');
  for (const type of ISOLATED_EVENTS) container.addEventListener(type, (event) => event.stopPropagation());
  shadow.append(style, container);
  return { host, container };
}
