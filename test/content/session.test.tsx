// @vitest-environment happy-dom
// The sidebar session on the demo page: an invitation's note is saved when the dialog closes after
// Invite, a failed save is reported, kept and retried, and nothing is sent when Mixpanel refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarSession } from '../../entrypoints/members.content/session';
import type { Message, Reply } from '../../lib/messages';
import { defaultPolicy } from '../../lib/policy';
import { findInviteDialog, inviteSubmitButton } from '../../lib/mixpanel';
import { byName, loadFixture, typeInto, unloadFixture } from '../mixpanel/load-fixture';

type SendReply = Reply<Record<string, unknown>>;
let container: HTMLElement;
let session: SidebarSession;
let sent: Message[];
let replies: SendReply[];

const send = vi.fn(async (message: Message): Promise<SendReply> => {
  sent.push(message);
  if (message.type !== 'invitation-sent' && message.type !== 'note-save') return { ok: true, records: [], changed: 0 };
  return replies.shift() ?? { ok: true, ids: ['r1'] };
});

const q = (name: string) => container.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
const invitations = () => sent.filter((m) => m.type === 'invitation-sent');

beforeEach(async () => {
  sent = [];
  replies = [];
  await loadFixture();
  container = document.createElement('div');
  document.documentElement.append(container);
  session = new SidebarSession(document, container, defaultPolicy(), send);
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
