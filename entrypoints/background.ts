// The background service worker: the only writer of the access log. It routes messages to
// lib/access-log, wakes on one periodic alarm to raise reminders, and keeps the badge current.
// Every listener is registered synchronously, so a worker woken by an event receives it.
import '../lib/zod-config';
import { browser } from 'wxt/browser';
import { AccessLog, callsForSweep } from '../lib/access-log';
import { reusableConnection } from '../lib/db';
import { REFUSED_SENDER, messageOrigin, unwrapMessage } from '../lib/messages';
import { POLICY_KEY, effectivePolicy, type EffectivePolicy } from '../lib/policy';
import { membersPageUrl } from '../lib/mixpanel/hosts';
import { notificationTarget, notificationsFor, type NotificationSpec } from '../lib/notifications';

const SWEEP_ALARM = 'invite-guard-sweep';
const SWEEP_MINUTES = 30;

export default defineBackground(() => {
  const db = reusableConnection();
  const policyState = async (): Promise<EffectivePolicy> => {
    const local = (await browser.storage.local.get(POLICY_KEY))[POLICY_KEY];
    // Managed storage exists only where IT configured it (and not at all in some browsers).
    const managed = await browser.storage.managed
      .get(POLICY_KEY)
      .then((items) => items[POLICY_KEY])
      .catch(() => undefined);
    return effectivePolicy(local, managed);
  };
  const log = new AccessLog({
    db,
    policy: async () => (await policyState()).policy,
    policyState,
    savePolicy: (policy) => browser.storage.local.set({ [POLICY_KEY]: policy }),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
  });

  const badge = browser.action ?? browser.browserAction;
  const sweep = async () => {
    const result = await log.sweep();
    await Promise.all(notificationsFor(result.reminders).map(notify));
    await badge?.setBadgeText({ text: result.attention > 0 ? String(result.attention) : '' });
    await badge?.setBadgeBackgroundColor({ color: '#b42318' });
  };
  const sweepSafely = () => {
    sweep().catch((error: unknown) => console.error('Invite Guard: reminder pass failed', error));
  };

  browser.runtime.onMessage.addListener((sent: unknown, sender) => {
    // Only this extension's own pages, and its content script on Mixpanel's pages; never web pages.
    const origin = messageOrigin(sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
    if (origin === 'foreign') return undefined;
    if (origin === 'refused') return Promise.resolve({ ok: false, error: REFUSED_SENDER });
    const message = unwrapMessage(sent);
    return log.handle(message, origin).then((reply) => {
      // A new or changed record may change what needs attention; reads change nothing.
      if (callsForSweep(message, reply)) sweepSafely();
      return reply;
    });
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SWEEP_ALARM) sweepSafely();
  });

  browser.notifications.onClicked.addListener((notificationId) => {
    const target = notificationTarget(notificationId);
    // The summary of many reminders leads to the popup's list of them, opened as a tab.
    const url = target.open === 'popup' ? browser.runtime.getURL('/popup.html') : membersPageUrl(target.region);
    void browser.tabs.create({ url });
    void browser.notifications.clear(notificationId);
  });

  // One periodic alarm, re-created at every start; a reminder missed while the browser was closed
  // is raised once by the first sweep.
  void browser.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_MINUTES, delayInMinutes: 1 });
  sweepSafely();
});

async function notify({ id, title, message }: NotificationSpec): Promise<void> {
  await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
}
