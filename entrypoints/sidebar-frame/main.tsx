// The sidebar's extension frame, which the content script puts on Mixpanel's Users & Teams page.
// It runs in the extension's process: its rules and drawing cost the page's main thread nothing,
// and the page's scripts can't read the notes it shows. It hears from its own content script only,
// over a runtime port (web pages can't open one to an extension) named with the secret in this
// frame's address.
import '../../lib/zod-config';
import '../../components/sidebar.css';
import './frame.css';
import { browser, type Browser } from 'wxt/browser';
import { sendToBackground } from '../../components/messaging';
import { POLICY_KEY } from '../../lib/policy-rules';
import { SIDEBAR_PORT, type FrameMessage } from '../../lib/sidebar-link';
import { parsePageMessage } from '../../lib/sidebar-messages';
import { SidebarSession } from './session';

const secret = location.hash.slice(1);
const container = document.getElementById('app')!;
// The rules load beside the first message from the page; the tab shows before they are in.
const checks = import('../../lib/checks/module');
let session: SidebarSession | null = null;
/** This frame's one page link: its content script's port, once accepted. */
let linked = false;
let policy: unknown;

const refreshPolicy = async () => {
  const reply = await sendToBackground({ type: 'get-policy' });
  if (!reply.ok) return;
  policy = reply.policy;
  session?.setPolicy(policy);
};
browser.storage.onChanged.addListener((changes) => {
  if (POLICY_KEY in changes) void refreshPolicy();
});
void refreshPolicy();

browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
  // Another tab's sidebar or the worker's own ports: not this frame's.
  if (!secret || port.name !== SIDEBAR_PORT + secret || port.sender?.id !== browser.runtime.id) return;
  // A second link with this frame's name is refused: the frame listens to one page.
  if (linked) {
    port.disconnect();
    return;
  }
  linked = true;
  const tellPage = (message: FrameMessage) => port.postMessage(JSON.stringify(message));
  port.onMessage.addListener((raw: unknown) => {
    let message;
    try {
      message = parsePageMessage(typeof raw === 'string' ? JSON.parse(raw) : raw);
    } catch {
      return; // not JSON: not from the content script
    }
    if (!message) return;
    if (session) {
      session.receive(message);
    } else if (message.type === 'page') {
      session = new SidebarSession(container, sendToBackground, checks, tellPage, message, policy);
    }
  });
  // The page went away or changed view: nothing more will come.
  port.onDisconnect.addListener(() => {
    session?.destroy();
    session = null;
  });
});
