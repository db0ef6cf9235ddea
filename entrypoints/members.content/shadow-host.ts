// The sidebar's place on the page: a custom element whose shadow root holds the sidebar's extension
// frame and the few rules that pin it to the right edge, so Mixpanel's styles do not reach it.

/** The frame's place; the page agent sets its size and position as the sidebar asks. */
export const FRAME_CSS = `:host{all:initial !important;}
iframe{position:fixed;top:50%;right:0;width:0;height:0;border:0;margin:0;padding:0;z-index:2147483000;
background:transparent;color-scheme:normal;display:block;}`;

export interface ShadowHost {
  /** The element appended to the page. */
  readonly host: HTMLElement;
  /** The sidebar's frame, inside the shadow root. */
  readonly frame: HTMLIFrameElement;
}

export function createShadowHost(doc: Document, tagName: string, src: string): ShadowHost {
  const host = doc.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = FRAME_CSS;
  const frame = doc.createElement('iframe');
  frame.setAttribute('title', 'Invite Guard');
  frame.src = src;
  shadow.append(style, frame);
  return { host, frame };
}
