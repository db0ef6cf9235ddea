// @vitest-environment happy-dom
// The sidebar session on the demo page: an invitation's note is saved when the dialog closes after
// Invite, a failed save is reported, kept and retried, and nothing is sent when Mixpanel refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarSession } from '../../entrypoints/members.content/session';
import type { CheckInvitation, Message, Reply } from '../../lib/messages';
import type { Send } from '../../components/messaging';
import { findInviteDialog, inviteSubmitButton } from '../../lib/mixpanel';
import { byName, loadFixture, typeInto, unloadFixture } from '../mixpanel/load-fixture';
import { testBackground, type TestBackground } from '../mixpanel/sidebar-probe';

type SendReply = Reply<Record<string, unknown>>;
let container: HTMLElement;
let session: SidebarSession;
let sent: Message[];
let replies: SendReply[];

let background: TestBackground;
/** Stands in for the background's answer to a check, when a test says so. */
let checkAnswer: ((message: CheckInvitation) => Promise<SendReply>) | null;

const logAnswers = async (message: Message): Promise<SendReply> => {
  if (message.type !== 'invitation-sent' && message.type !== 'note-save') return { ok: true, records: [], changed: 0 };
  return replies.shift() ?? { ok: true, ids: ['r1'] };
};
const send: Send = (message) => {
  sent.push(message);
  if (message.type === 'check-invitation' && checkAnswer) return checkAnswer(message);
  return background.send(message);
};
const checks = () => sent.filter((m): m is CheckInvitation => m.type === 'check-invitation');

const q = (name: string) => container.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
const invitations = () => sent.filter((m) => m.type === 'invitation-sent');

beforeEach(async () => {
  sent = [];
  replies = [];
  checkAnswer = null;
  background = testBackground(logAnswers);
  await loadFixture();
  container = document.createElement('div');
  document.documentElement.append(container);
  session = new SidebarSession(document, container, send);
  session.update();
});

afterEach(() => {
  session.destroy();
  container.remove();
  unloadFixture();
});

async function inviteFromDialog(email: string): Promise<void> {
  byName('Invite Users').click();
  const dialog = findInviteDialog(document)!;
  typeInto(dialog.querySelector('input[aria-label="Email"]')!, email);
  session.update();
  typeInto(q('note-reason')!, 'Implements the tracking plan');
  session.captureInvitation();
  inviteSubmitButton(dialog)!.click();
  session.listChanged(); // what the page's mutation observer would report
}

describe('SidebarSession', () => {
  it('tells the background what the member list shows, once per change, after the first render', async () => {
    expect(sent.filter((m) => m.type === 'page-observed')).toHaveLength(0);
    await vi.waitFor(() => expect(sent.filter((m) => m.type === 'page-observed')).toHaveLength(1));
    const observed = sent.filter((m) => m.type === 'page-observed');
    expect(observed[0]).toMatchObject({ region: 'us', organization: 'Acme Analytics', complete: true });
    session.listChanged();
    expect(sent.filter((m) => m.type === 'page-observed')).toHaveLength(1);
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
    session.update();
    session.captureInvitation();
    session.update();
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
    session.update();
    expect(state()).toBe('expanded');
    await nextFrame();
    expect(pageMargin()).toBe('');
    (document.querySelector('[role="dialog"] button[aria-label="Close"]') as HTMLElement | null)?.click();
    if (findInviteDialog(document)) byName('Cancel').click();
    session.update();
    expect(findInviteDialog(document)).toBeNull();
    expect(state()).toBe('collapsed');
  });

  it('docks beside the page when the admin unfolds it, and stays as the admin left it', async () => {
    q('toggle')!.click();
    expect(state()).toBe('expanded');
    await nextFrame(); // the page is narrowed in the next frame, with the layout that frame does anyway
    expect(pageMargin()).toMatch(/px/);
    byName('Invite Users').click();
    session.update();
    q('toggle')!.click();
    expect(state()).toBe('collapsed');
    await nextFrame();
    expect(pageMargin()).toBe('');
    session.update();
    expect(state()).toBe('collapsed');
  });

  it('unfolds by itself when a note could not be saved, so Retry is in reach', async () => {
    replies = [{ ok: false, error: 'Browser storage is full: the note was not saved.', retry: false }];
    await inviteFromDialog('ops@brightlane-agency.io');
    await vi.waitFor(() => expect(q('save-status')?.getAttribute('role')).toBe('alert'));
    expect(state()).toBe('expanded');
  });
});

describe('SidebarSession checks, run by the background', () => {
  const summary = () => q('summary')?.textContent ?? '';
  async function typeInDialog(text: string): Promise<HTMLElement> {
    if (!findInviteDialog(document)) byName('Invite Users').click();
    const dialog = findInviteDialog(document)!;
    typeInto(dialog.querySelector('input[aria-label="Email"]')!, text);
    session.dialogEdited(dialog);
    await background.settled();
    return dialog;
  }

  it('sends the member list with the first check of each read, and only the draft with each keystroke', async () => {
    session.update();
    await typeInDialog('jane.doe@acme.com');
    expect(q('sidebar')?.getAttribute('data-state')).toBe('expanded');
    await typeInDialog('jane.doe@acme.co');
    await typeInDialog('jane.doe@acme.com');
    expect(container.querySelector('[data-code="duplicate-member"]')).not.toBeNull();
    const withList = checks().filter((m) => m.org);
    expect(withList).toHaveLength(1);
    expect(withList[0]!.org!.members).toHaveLength(36);
    expect(checks().length).toBeGreaterThanOrEqual(3);
    session.listChanged();
    await typeInDialog('someone.new@acme.com');
    const lists = checks().filter((m) => m.org);
    expect(lists).toHaveLength(2);
    expect(lists[1]!.list).not.toBe(lists[0]!.list);
  });

  it('asks nothing again when nothing that is checked changed', async () => {
    await typeInDialog('jane.doe@acme.com');
    const asked = checks().length;
    session.update();
    q('toggle')!.click();
    await background.settled();
    expect(checks()).toHaveLength(asked);
  });

  it('sends the list again to a background that started afresh, and shows its findings', async () => {
    await typeInDialog('jane.doe@acme.com');
    background = testBackground(logAnswers); // the worker was stopped and started: it holds no list
    await typeInDialog('jane.doe@acme.com, kim@gmail.com');
    const last = checks().slice(-2);
    expect(last[0]!.org).toBeUndefined();
    expect(last[1]!.org?.members).toHaveLength(36);
    expect(container.querySelector('[data-code="personal-email"]')).not.toBeNull();
  });

  it('draws only the newest answer when answers come out of order', async () => {
    const held: { message: CheckInvitation; resolve: (reply: SendReply) => void }[] = [];
    checkAnswer = (message) => new Promise((resolve) => held.push({ message, resolve }));
    const dialog = (byName('Invite Users').click(), findInviteDialog(document)!);
    const email = dialog.querySelector<HTMLInputElement>('input[aria-label="Email"]')!;
    typeInto(email, 'kim@gmail.com');
    session.dialogEdited(dialog);
    typeInto(email, 'li.chen@acme.com');
    session.dialogEdited(dialog);
    const real = testBackground();
    const answer = async (message: CheckInvitation) => (await real.send(message)) as SendReply;
    expect(held).toHaveLength(2);
    // The list went with the check on arrival; this stand-in background gets it with each answer.
    const org = checks().find((m) => m.org)!.org;
    held[1]!.resolve(await answer({ ...held[1]!.message, org }));
    await vi.waitFor(() => expect(summary()).toContain('Ready to send'));
    held[0]!.resolve(await answer({ ...held[0]!.message, org }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(container.querySelector('[data-code="personal-email"]')).toBeNull();
    expect(summary()).toContain('Ready to send');
  });

  it('says it could not check, claims nothing, and asks again', async () => {
    checkAnswer = async () => ({ ok: false, error: 'Invite Guard’s background is not reachable (gone).', retry: true });
    await typeInDialog('li.chen@acme.com');
    await vi.waitFor(() => expect(summary()).toContain("Couldn't check these addresses: Invite Guard’s background is not reachable (gone)."));
    expect(q('all-clear')).toBeNull();
    const failed = checks().length;
    checkAnswer = null;
    await vi.waitFor(() => expect(summary()).toContain('Ready to send'), { timeout: 5_000 });
    expect(checks().length).toBeGreaterThan(failed);
    // The failed asks carried the list; the one that worked carried it again.
    expect(checks().at(-1)!.org?.members).toHaveLength(36);
  });

  it('tells the background to read the policy again when it changed', async () => {
    await typeInDialog('li.chen@acme.com');
    session.policyChanged();
    await background.settled();
    expect(checks().at(-1)).toMatchObject({ policyChanged: true });
    expect(checks().at(-1)!.org).toBeUndefined();
  });
});
