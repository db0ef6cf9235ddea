// Mounts the Invite Guard sidebar when Mixpanel shows the Users & Teams view, and removes it when
// the admin leaves. Mixpanel is a single-page app: the view is decided from what the page shows.
import '../../components/sidebar.css';
import { browser } from 'wxt/browser';
import { POLICY_KEY } from '../../lib/policy-rules';
import { CHECKS_FILE } from '../../lib/checks/module-shape';
import { inviteDialogAround, inviteSubmitButton, isDialogChange, observeRoot, readMemberList, type MemberListRead } from '../../lib/mixpanel';
import { MIXPANEL_MATCHES } from '../../lib/mixpanel/hosts';
import { SidebarSession } from './session';
import { createShadowHost, loadStylesheet, type ShadowHost } from './shadow-host';
import { sendToBackground } from '../../components/messaging';

export default defineContentScript({
  matches: MIXPANEL_MATCHES,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',

  async main(ctx) {
    // The organization's policy as the background sends it; the session checks it with the rules.
    let policy: unknown;
    let session: SidebarSession | null = null;
    const refreshPolicy = async () => {
      const reply = await sendToBackground({ type: 'get-policy' });
      if (!reply.ok) return;
      policy = reply.policy;
      session?.setPolicy(policy);
    };
    const onStorage = (changes: Record<string, unknown>) => {
      if (POLICY_KEY in changes) void refreshPolicy();
    };
    // The rules load with the first sidebar, from their own file: other Mixpanel pages never need them.
    let checks: Promise<unknown> | null = null;
    const loadChecks = (): Promise<unknown> => {
      if (checks) return checks;
      const url = (browser.runtime.getURL as (path: string) => string)(CHECKS_FILE);
      const loading = import(/* @vite-ignore */ url);
      loading.catch(() => void (checks = null)); // the next sidebar tries again
      checks = loading;
      // The policy, too, is needed only once there is a sidebar to check in.
      void refreshPolicy();
      return loading;
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
    const stylesheet = await loadStylesheet();
    let host: ShadowHost | null = null;
    /** The host last removed, whose removal the observer reports after it is gone. */
    let removedHost: HTMLElement | null = null;
    const ui = {
      mount(list: MemberListRead) {
        host = createShadowHost(document, 'invite-guard-sidebar', stylesheet);
        document.body.append(host.host);
        session = new SidebarSession(document, host.container, sendToBackground, loadChecks(), list);
        session.setPolicy(policy);
      },
      remove() {
        session?.destroy();
        session = null;
        removedHost = host?.host ?? null;
        host?.host.remove();
        host = null;
      },
    };
    ctx.onInvalidated(() => ui.remove());

    // What changed since the last look: the list or view (rows added or removed) or only a dialog.
    let listDirty = false;
    let frame = 0;
    let soon = false;
    const evaluate = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (ctx.isInvalid) return;
      // Only a change outside dialogs can change the view.
      if (session && !listDirty) {
        session.update();
        return;
      }
      listDirty = false;
      // Reading the list tells the view too: the page's tables are found once. (Elsewhere than Users
      // & Teams no users table is found, and nothing more is read.)
      if (session) {
        if (session.listChanged() !== 'users') ui.remove();
        return;
      }
      const list = readMemberList(document);
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
    const observe = () => {
      const root = observeRoot(document);
      if (root === observed) return;
      observer.disconnect();
      observed = root;
      observer.observe(root, { childList: true, subtree: true, characterData: true });
      if (root !== document.body) observer.observe(document.body, { childList: true });
    };
    observe();
    ctx.onInvalidated(() => observer.disconnect());

    // Typing in the dialog is handled in the same frame as the keystroke.
    const onEdit = (event: Event) => {
      const dialog = session && event.target instanceof Node ? inviteDialogAround(event.target) : null;
      if (dialog) session?.update(dialog);
    };
    ctx.addEventListener(document, 'input', onEdit, { capture: true });

    // Invite pressed: the session keeps the rows and the note, and records them once the page
    // shows the invitation went out (the dialog closes).
    ctx.addEventListener(
      document,
      'click',
      (event: Event) => {
        const dialog = session && event.target instanceof Node ? inviteDialogAround(event.target) : null;
        const button = dialog && inviteSubmitButton(dialog);
        if (button && event.target instanceof Node && button.contains(event.target)) session?.captureInvitation();
      },
      { capture: true },
    );
    ctx.addEventListener(document, 'change', onEdit, { capture: true });

    const navigated = () => {
      observe();
      schedule(true);
    };
    ctx.addEventListener(window, 'wxt:locationchange', navigated);
    ctx.addEventListener(window, 'hashchange', navigated);
    evaluate();
  },
});
