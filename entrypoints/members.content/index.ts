// Mounts the Invite Guard sidebar when Mixpanel shows the Users & Teams view, and removes it when
// the admin leaves. Mixpanel is a single-page app: the view is decided from what the page shows.
// The sidebar itself is an extension frame (entrypoints/sidebar-frame): this script reads the page
// and tells the frame what it shows over a runtime port, which web pages can't open or listen to.
import { browser } from 'wxt/browser';
import { inviteDialogAround, isDialogChange, observeRoot, type MemberListRead } from '../../lib/mixpanel';
import { MIXPANEL_MATCHES } from '../../lib/mixpanel/hosts';
import { SIDEBAR_PAGE, SIDEBAR_PORT, readFrameMessage, type SentPageMessage } from '../../lib/sidebar-link';
import { PageAgent, readListForSidebar } from './page-agent';
import { createShadowHost, type ShadowHost } from './shadow-host';

/** A secret for the frame's address and the port's name: another tab's sidebar ignores this one's port. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export default defineContentScript({
  matches: MIXPANEL_MATCHES,
  runAt: 'document_idle',

  main(ctx) {
    let agent: PageAgent | null = null;
    let host: ShadowHost | null = null;
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    /** The host last removed, whose removal the observer reports after it is gone. */
    let removedHost: HTMLElement | null = null;
    const ui = {
      mount(list: MemberListRead) {
        const secret = newSecret();
        const url = `${(browser.runtime.getURL as (path: string) => string)(SIDEBAR_PAGE)}#${secret}`;
        const mounted = createShadowHost(document, 'invite-guard-sidebar', url);
        host = mounted;
        // What the agent tells before the frame has loaded waits for the port.
        const waiting: string[] = [];
        const tell = (message: SentPageMessage) => {
          const json = JSON.stringify(message);
          if (port) port.postMessage(json);
          else waiting.push(json);
        };
        mounted.frame.addEventListener('load', () => {
          if (host !== mounted || port) return;
          const opened = browser.runtime.connect({ name: SIDEBAR_PORT + secret });
          port = opened;
          opened.onMessage.addListener((raw: unknown) => {
            let message;
            try {
              message = readFrameMessage(typeof raw === 'string' ? JSON.parse(raw) : null);
            } catch {
              return;
            }
            if (message && port === opened) agent?.receive(message);
          });
          for (const json of waiting.splice(0)) opened.postMessage(json);
        });
        document.body.append(mounted.host);
        agent = new PageAgent(document, mounted.frame, tell, list);
      },
      remove() {
        agent?.destroy();
        agent = null;
        port?.disconnect();
        port = null;
        removedHost = host?.host ?? null;
        host?.host.remove();
        host = null;
      },
    };
    ctx.onInvalidated(() => ui.remove());

    // What changed since the last look: the list or view (rows added or removed) or only a dialog.
    let listDirty = false;
    /** The page's address when its list was last read: a navigation already read is not read again. */
    let readAt: string | null = null;
    let frame = 0;
    let soon = false;
    const evaluate = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (ctx.isInvalid) return;
      // Only a change outside dialogs can change the view.
      if (agent && !listDirty) {
        agent.update();
        return;
      }
      listDirty = false;
      readAt = location.href;
      // Reading the list tells the view too: the page's tables are found once. (Elsewhere than Users
      // & Teams no users table is found, and nothing more is read.)
      if (agent) {
        if (agent.listChanged() !== 'users') ui.remove();
        return;
      }
      const list = readListForSidebar(document);
      if (list.view === 'users') ui.mount(list);
    };
    const schedule = (list: boolean) => {
      listDirty ||= list;
      if (list) {
        // A new list or view is read at once, before the page's next frame: waiting for that frame
        // meant waiting for the page to lay out and paint 5,000 new rows first.
        if (!soon) {
          soon = true;
          queueMicrotask(() => {
            soon = false;
            evaluate();
          });
        }
      } else if (!frame) {
        // Changes inside a dialog: once per frame is enough (each keystroke is handled as it comes).
        frame = ctx.requestAnimationFrame(evaluate);
      }
    };

    // The sidebar's own host coming and going is no change to the page.
    const isOurs = (r: MutationRecord) =>
      r.target === document.body && [...r.addedNodes, ...r.removedNodes].every((node) => node === host?.host || node === removedHost);
    // One observer, on the page's main area (and the body's children, where dialogs are portaled).
    // Only a change outside dialogs can be a change to the member list.
    const observer = new MutationObserver((records) => {
      const theirs = records.filter((r) => !isOurs(r));
      if (theirs.length) schedule(theirs.some((r) => r.target !== document.body && !isDialogChange(r)));
    });
    let observed: Element | null = null;
    /** Observes the page's main area; says whether that is a new element, whose changes went unseen. */
    const observe = (): boolean => {
      const root = observeRoot(document);
      if (root === observed) return false;
      observer.disconnect();
      observed = root;
      observer.observe(root, { childList: true, subtree: true, characterData: true });
      if (root !== document.body) observer.observe(document.body, { childList: true });
      return true;
    };
    observe();
    ctx.onInvalidated(() => observer.disconnect());

    // Typing in the dialog is handled in the same frame as the keystroke.
    const onEdit = (event: Event) => {
      const dialog = agent && event.target instanceof Node ? inviteDialogAround(event.target) : null;
      if (dialog) agent?.update(dialog);
    };
    ctx.addEventListener(document, 'input', onEdit, { capture: true });

    // Invite pressed: the sidebar keeps the rows and the note, and records them once the page
    // shows the invitation went out (the dialog closes).
    ctx.addEventListener(
      document,
      'click',
      (event: Event) => {
        const dialog = agent && event.target instanceof Node ? inviteDialogAround(event.target) : null;
        if (dialog && event.target instanceof Node) agent?.clicked(event.target, dialog);
      },
      { capture: true },
    );
    ctx.addEventListener(document, 'change', onEdit, { capture: true });

    // Both events come for a change of hash, WXT's up to a second later (it polls the address), and
    // the page has usually redrawn by then: the change it made was read when it was made.
    const navigated = () => {
      if (observe() || location.href !== readAt) schedule(true);
    };
    ctx.addEventListener(window, 'wxt:locationchange', navigated);
    ctx.addEventListener(window, 'hashchange', navigated);
    evaluate();
  },
});
