// @vitest-environment happy-dom
// The sidebar's shadow host: our styles apply inside it only, and keys typed in the sidebar do not
// reach Mixpanel's own shortcuts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShadowHost, shadowCss } from '../../entrypoints/members.content/shadow-host';

afterEach(() => document.body.replaceChildren());

describe('shadowCss', () => {
  it('resets inherited page styles and moves :root custom properties to the host', () => {
    const css = shadowCss(':root { --ig-text: #111; }\n@media (prefers-color-scheme: dark) { :root { --ig-text: #eee; } }');
    expect(css.startsWith(':host{all:initial !important;}')).toBe(true);
    expect(css).not.toContain(':root');
    expect(css.match(/:host \{ --ig-text/g)).toHaveLength(2);
  });
});

describe('createShadowHost', () => {
  it('renders into an open shadow root that holds the stylesheet', () => {
    const { host, container } = createShadowHost(document, 'invite-guard-sidebar', '.ig { color: red; }');
    document.body.append(host);
    expect(host.tagName.toLowerCase()).toBe('invite-guard-sidebar');
    expect(host.shadowRoot?.contains(container)).toBe(true);
    expect(host.shadowRoot?.querySelector('style')?.textContent).toContain('.ig { color: red; }');
    expect(document.querySelector('style')).toBeNull();
  });

  it.each(['keydown', 'keyup', 'keypress', 'input'])('keeps %s events typed in the sidebar from the page', (type) => {
    const { host, container } = createShadowHost(document, 'invite-guard-sidebar', '');
    document.body.append(host);
    const field = document.createElement('input');
    container.append(field);
    const pageListener = vi.fn();
    document.addEventListener(type, pageListener);
    field.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    document.removeEventListener(type, pageListener);
    expect(pageListener).not.toHaveBeenCalled();
  });

  it('lets other events through, so the page still sees clicks outside its dialog', () => {
    const { host, container } = createShadowHost(document, 'invite-guard-sidebar', '');
    document.body.append(host);
    const pageListener = vi.fn();
    document.addEventListener('click', pageListener);
    container.dispatchEvent(new Event('click', { bubbles: true, composed: true }));
    document.removeEventListener('click', pageListener);
    expect(pageListener).toHaveBeenCalledTimes(1);
  });
});
