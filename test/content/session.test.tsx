// @vitest-environment happy-dom
// The sidebar session on the demo page, linked to the content script's page agent as the runtime port
// links them: an invitation's note is saved when the dialog closes after Invite, a failed save is
// reported, kept and retried, and nothing is sent when Mixpanel refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkSession, type LinkedSession } from './linked-session';
import type { Message, Reply } from '../../lib/messages';
import { findInviteDialog, inviteSubmitButton } from '../../lib/mixpanel';
import { byName, loadFixture, typeInto, unloadFixture } from '../mixpanel/load-fixture';

type SendReply = Reply<Record<string, unknown>>;
let container: HTMLElement;
let linked: LinkedSession;
let sent: Message[];
let replies: SendReply[];
/** What the access log keeps for the demo organization, as records-for-page answers. */
let pageRecords: unknown[];
const KEPT = { id: 'r1', email: 'jane.doe@acme.com', orgRole: 'member', pageState: 'member', reason: 'Implements the tracking plan' };

const send = vi.fn(async (message: Message): Promise<SendReply> => {
  sent.push(message);
  if (message.type === 'records-for-page') return { ok: true, records: pageRecords };
  if (message.type !== 'invitation-sent' && message.type !== 'note-save') return { ok: true, records: [], changed: 0 };
  return replies.shift() ?? { ok: true, ids: ['r1'] };
});

const q = (name: string) => container.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
const invitations = () => sent.filter((m) => m.type === 'invitation-sent');

beforeEach(async () => {
  sent = [];
  replies = [];
  pageRecords = [];
  await loadFixture();
  container = document.createElement('div');
  document.documentElement.append(container);
  const checks = import('../../lib/checks/module');
  linked = linkSession(document, container, send, checks);
  await checks; // the session draws again once its rules are in
  linked.agent.update();
});

afterEach(() => {
  linked.destroy();
  container.remove();
  unloadFixture();
});

async function inviteFromDialog(email: string): Promise<void> {
  byName('Invite Users').click();
  const dialog = findInviteDialog(document)!;
  typeInto(dialog.querySelector('input[aria-label="Email"]')!, email);
  linked.agent.update();
  typeInto(q('note-reason')!, 'Implements the tracking plan');
  const invite = inviteSubmitButton(dialog)!;
  linked.agent.clicked(invite, dialog); // the content script's click listener, before the page's
  invite.click();
  linked.agent.listChanged(); // what the page's mutation observer would report
}

describe('SidebarSession', () => {
  const observed = () => sent.filter((m) => m.type === 'page-observed');

  it('tells the background what the member list shows, once per change, once it says it keeps records here', async () => {
    // The access log keeps nothing for this organization: the 5,000 addresses a page may list would
    // change nothing there, and are not sent.
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'records-for-page')).toBe(true));
    await new Promise((settled) => setTimeout(settled, 0));
    linked.agent.listChanged();
    expect(observed()).toHaveLength(0);

    pageRecords = [KEPT];
    const host = document.createElement('div');
    const another = linkSession(document, host, send, import('../../lib/checks/module'));
    // Not before the access log has answered.
    expect(observed()).toHaveLength(0);
    await vi.waitFor(() => expect(observed()).toHaveLength(1));
    expect(observed()[0]).toMatchObject({ region: 'us', organization: 'Acme Analytics', complete: true });
    expect((observed()[0] as { members: unknown[] }).members.length).toBeGreaterThan(30);
    another.agent.listChanged(); // the same list again
    expect(observed()).toHaveLength(1);
    another.destroy();
  });

  it('tells the background what the list shows once an invitation made here gives it a record', async () => {
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'records-for-page')).toBe(true));
    pageRecords = [KEPT];
    await inviteFromDialog('ops@brightlane-agency.io');
    await vi.waitFor(() => expect(observed()).toHaveLength(1));
  });

  it('saves the invitation and its note once the dialog has closed', async () => {
    await inviteFromDialog('ops@brightlane-agency.io');
    expect(findInviteDialog(document)).toBeNull();
    expect(invitations()).toEqual([
      expect.objectContaining({
        invitedBy: 'dana.whitfield@acme.com',
        rows: [{ email: 'ops@brightlane-agency.io', orgRole: 'member', projects: [] }],
        note: { reason: 'Implements the tracking plan' },
      }),
    ]);
    await vi.waitFor(() => expect(q('save-status')?.textContent).toContain('Saved the note for 1 invitation'));
    // With the dialog closed the sidebar folds to its tab, which still says the note was saved.
    expect(q('sidebar')?.getAttribute('data-state')).toBe('collapsed');
    // The note belonged to that invitation: the next one starts empty.
    q('toggle')!.click();
    expect((q('note-reason') as HTMLTextAreaElement).value).toBe('');
  });

  it('reports a failed save, keeps it, and saves it on Retry', async () => {
    replies = [{ ok: false, error: 'Browser storage is full: the note was not saved.', retry: true }];
    await inviteFromDialog('ops@brightlane-agency.io');
    await vi.waitFor(() => expect(q('save-status')?.textContent).toContain("Couldn't save the note for 1 invitation: Browser storage is full"));
    q('save-retry')!.click();
    await vi.waitFor(() => expect(q('save-status')?.textContent).toContain('Saved the note'));
    expect(invitations()).toHaveLength(2);
    expect(invitations()[1]).toEqual(invitations()[0]);
  });

  it('sends nothing when the dialog stays open (Mixpanel refused the invitation)', () => {
    byName('Invite Users').click();
    linked.agent.update();
    const dialog = findInviteDialog(document)!;
    linked.agent.clicked(inviteSubmitButton(dialog)!, dialog);
    linked.agent.update();
    expect(findInviteDialog(document)).not.toBeNull();
    expect(invitations()).toEqual([]);
  });
});

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('SidebarSession folding', () => {
  const state = () => q('sidebar')?.getAttribute('data-state');
  const pageMargin = () => document.documentElement.style.getPropertyValue('margin-right');

  it('arrives folded to its tab, leaving the page its full width', () => {
    expect(state()).toBe('collapsed');
    expect(q('toggle')?.getAttribute('title')).toContain('Read 36 members');
    expect(pageMargin()).toBe('');
  });

  it('unfolds with the invite dialog without narrowing the page behind it, and folds when it closes', async () => {
    byName('Invite Users').click();
    linked.agent.update();
    expect(state()).toBe('expanded');
    await nextFrame();
    expect(pageMargin()).toBe('');
    (document.querySelector('[role="dialog"] button[aria-label="Close"]') as HTMLElement | null)?.click();
    if (findInviteDialog(document)) byName('Cancel').click();
    linked.agent.update();
    expect(findInviteDialog(document)).toBeNull();
    expect(state()).toBe('collapsed');
  });

  it('docks beside the page when the admin unfolds it, and stays as the admin left it', async () => {
    q('toggle')!.click();
    expect(state()).toBe('expanded');
    await nextFrame(); // the page is narrowed in the next frame, with the layout that frame does anyway
    expect(pageMargin()).toMatch(/px/);
    byName('Invite Users').click();
    linked.agent.update();
    q('toggle')!.click();
    expect(state()).toBe('collapsed');
    await nextFrame();
    expect(pageMargin()).toBe('');
    linked.agent.update();
    expect(state()).toBe('collapsed');
  });

  it('unfolds by itself when a note could not be saved, so Retry is in reach', async () => {
    replies = [{ ok: false, error: 'Browser storage is full: the note was not saved.', retry: false }];
    await inviteFromDialog('ops@brightlane-agency.io');
    await vi.waitFor(() => expect(q('save-status')?.getAttribute('role')).toBe('alert'));
    expect(state()).toBe('expanded');
  });
});

describe('SidebarSession before and without its rules', () => {
  it('says it is checking until the rules have loaded, then shows their findings', async () => {
    const host = document.createElement('div');
    document.documentElement.append(host);
    let load: (module: unknown) => void = () => undefined;
    const late = linkSession(document, host, send, new Promise((resolve) => (load = resolve)));
    late.agent.update();
    host.querySelector<HTMLButtonElement>('[data-invite-guard="toggle"]')!.click();
    typeInto(host.querySelector('[data-invite-guard="manual"]')!, 'jane.doe@acme.com');
    expect(host.querySelector('[data-invite-guard="summary"]')!.textContent).toContain('Checking…');
    expect(host.querySelector('[data-code]')).toBeNull();
    load(await import('../../lib/checks/module'));
    await vi.waitFor(() => expect(host.querySelector('[data-code="duplicate-member"]')).not.toBeNull());
    late.destroy();
    host.remove();
  });

  it.each([
    ['a file that is not the rules', () => Promise.resolve({ checkInvitation: 'no' }), "Invite Guard's rules did not load as expected"],
    ['a file that failed to load', () => Promise.reject(new Error('Failed to fetch dynamically imported module')), 'did not load (Failed to fetch dynamically imported module)'],
  ])('says so, and claims nothing, for %s', async (_, load, said) => {
    const host = document.createElement('div');
    document.documentElement.append(host);
    const checks = load();
    const broken = linkSession(document, host, send, checks);
    await checks.catch(() => undefined);
    await Promise.resolve();
    host.querySelector<HTMLButtonElement>('[data-invite-guard="toggle"]')!.click();
    typeInto(host.querySelector('[data-invite-guard="manual"]')!, 'li.chen@acme.com');
    expect(host.querySelector('[data-invite-guard="summary"]')!.textContent).toContain(said);
    expect(host.querySelector('[data-invite-guard="all-clear"]')).toBeNull();
    broken.destroy();
    host.remove();
  });

  it('checks with the policy the background sent once the rules are in, and with the defaults before', async () => {
    q('toggle')!.click();
    typeInto(q('manual')!, 'ops@brightlane-agency.io');
    expect(container.querySelector('[data-code="domain-not-allowed"]')).toBeNull();
    linked.session.setPolicy({ ...(await import('../../lib/checks/module')).defaultPolicyValues(), allowedDomains: ['acme.com'] });
    expect(container.querySelector('[data-code="domain-not-allowed"]')).not.toBeNull();
    linked.session.setPolicy({ allowedDomains: 'not a list' });
    expect(container.querySelector('[data-code="domain-not-allowed"]')).toBeNull();
  });
});

describe('SidebarSession between keystrokes', () => {
  it('checks again only when what is checked changed, and draws nothing new when nothing did', async () => {
    const rules = await import('../../lib/checks/module');
    const checkInvitation = vi.fn(rules.checkInvitation);
    const host = document.createElement('div');
    document.documentElement.append(host);
    const checks = Promise.resolve({ ...rules, checkInvitation });
    const watched = linkSession(document, host, send, checks);
    await checks;
    watched.agent.update();
    byName('Invite Users').click();
    const dialog = findInviteDialog(document)!;
    typeInto(dialog.querySelector('input[aria-label="Email"]')!, 'jane.doe@acme.com');
    watched.agent.update(dialog);
    const calls = checkInvitation.mock.calls.length;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(host, { subtree: true, childList: true, attributes: true, characterData: true });
    watched.agent.update(dialog); // the page's own reaction to the keystroke, seen in the next frame
    watched.agent.update();
    expect(checkInvitation.mock.calls.length).toBe(calls);
    expect(observer.takeRecords()).toEqual([]);
    typeInto(dialog.querySelector('input[aria-label="Email"]')!, 'jane.doe@acme.co');
    watched.agent.update(dialog);
    expect(checkInvitation.mock.calls.length).toBe(calls + 1);
    expect(observer.takeRecords().length).toBeGreaterThan(0);
    observer.disconnect();
    watched.destroy();
    host.remove();
  });
});

describe('PageAgent looking for the dialog', () => {
  // A search of the page for dialogs walks it from its first element, <head>, which it looks at once.
  const dialogSearches = (spy: { mock: { calls: unknown[][]; contexts: unknown[] } }) =>
    spy.mock.calls.filter(([selector], i) => spy.mock.contexts[i] === document.head && String(selector).includes('role="dialog"')).length;

  it('searches the page for the invite dialog only when the page reported a change', async () => {
    const search = vi.spyOn(Element.prototype, 'matches');
    try {
      linked.agent.update(); // the content script's observer saw something change around the dialogs
      expect(dialogSearches(search)).toBe(1);
      // A policy arriving (or a note saved, a notice expiring) opens no dialog.
      linked.session.setPolicy({});
      linked.session.setPolicy({ allowedDomains: ['acme.com'] });
      expect(dialogSearches(search)).toBe(1);
      // The dialog opens: until the page's change is reported, the sidebar doesn't know of it.
      byName('Invite Users').click();
      linked.session.setPolicy({});
      expect(q('sidebar')!.getAttribute('data-state')).toBe('collapsed');
      expect(dialogSearches(search)).toBe(1);
      linked.agent.update();
      expect(dialogSearches(search)).toBe(2);
      expect(q('sidebar')!.getAttribute('data-state')).toBe('expanded');
      // While it stays open, it is not searched for again, whatever is drawn.
      linked.session.setPolicy({});
      linked.agent.update();
      expect(dialogSearches(search)).toBe(2);
      // Once closed, the next look notices it went, and searches for another.
      findInviteDialog(document)!.remove();
      const before = dialogSearches(search);
      linked.agent.update();
      expect(dialogSearches(search)).toBe(before + 1);
      expect(q('sidebar')!.getAttribute('data-state')).toBe('collapsed');
    } finally {
      search.mockRestore();
    }
  });
});

describe('PageAgent telling the member list', () => {
  it('sends the members in columns of what the sidebar checks: the address, the name and the org role', () => {
    type Sent = { type: 'page'; list: { members: Record<string, unknown[]> } };
    const page = linked.wire.find((m): m is Sent => (m as { type?: string }).type === 'page');
    if (!page) throw new Error('The page agent told no member list');
    const { members } = page.list;
    expect(Object.keys(members).sort()).toEqual(['emails', 'names', 'roles']);
    expect(members.emails).toHaveLength(36);
    const jane = members.emails!.indexOf('jane.doe@acme.com');
    expect([members.names![jane], members.roles![jane]]).toEqual(['Jane Doe', 'member']);
    // The sidebar makes them members again.
    const told = linked.told.find((m) => m.type === 'page');
    expect(told?.type === 'page' && told.list.members.find((m) => m.email === 'jane.doe@acme.com')).toEqual({ email: 'jane.doe@acme.com', name: 'Jane Doe', orgRole: 'member' });
  });
});
