// @vitest-environment happy-dom
// The sidebar's place on the page: a shadow root holding the sidebar's extension frame, pinned to the
// right edge by rules of its own that Mixpanel's styles can't reach.
import { describe, expect, it } from 'vitest';
import { FRAME_CSS, createShadowHost } from '../../entrypoints/members.content/shadow-host';

describe('createShadowHost', () => {
  it('puts the frame, at the address given, in an open shadow root with its own rules', () => {
    // Not appended: happy-dom would try to load the frame.
    const { host, frame } = createShadowHost(document, 'invite-guard-sidebar', 'chrome-extension://abc/sidebar-frame.html#secret');
    expect(host.tagName.toLowerCase()).toBe('invite-guard-sidebar');
    expect(host.shadowRoot?.contains(frame)).toBe(true);
    expect(frame.getAttribute('src')).toBe('chrome-extension://abc/sidebar-frame.html#secret');
    expect(frame.getAttribute('title')).toBe('Invite Guard');
    expect(host.shadowRoot?.querySelector('style')?.textContent).toBe(FRAME_CSS);
    expect(document.querySelector('style')).toBeNull();
  });

  it('resets what the page may set on the host, and starts the frame with no size until the sidebar gives one', () => {
    expect(FRAME_CSS.startsWith(':host{all:initial !important;}')).toBe(true);
    expect(FRAME_CSS).toMatch(/iframe\{position:fixed;[^}]*width:0;height:0;/);
  });
});
