// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { Sidebar, type SidebarProps } from '../../components/Sidebar';
import { EMPTY_MANUAL } from '../../components/ManualBox';
import { NoteFields } from '../../components/NoteFields';
import { checkInvitation } from '../../lib/checks/invitation';
import { buildOrgIndex, type InviteDraft, type OrgSnapshot } from '../../lib/checks';
import { defaultPolicy } from '../../lib/policy';

const NOW = new Date('2026-11-23T10:00:00Z');
const HOSTILE = '<img src=x onerror=alert(1)>';
const ORG: OrgSnapshot = {
  members: [
    { email: 'jane.doe@acme.com', name: 'Jane Doe', orgRole: 'member' },
    { email: 'evil@acme.com', name: HOSTILE, orgRole: 'member' },
    { email: 'a@acme.com' },
    { email: 'b@acme.com' },
  ],
  pending: [],
};

function props(drafts: InviteDraft[], overrides: Partial<SidebarProps> = {}): SidebarProps {
  return {
    collapsed: false,
    onToggle: () => undefined,
    page: { tone: 'ok', text: 'Read 4 members and 0 pending invitations.' },
    source: 'dialog',
    report: checkInvitation(drafts, buildOrgIndex(ORG), defaultPolicy(), NOW),
    checkProblem: null,
    note: {},
    onNoteChange: () => undefined,
    manual: EMPTY_MANUAL,
    onManualChange: () => undefined,
    bulk: null,
    onBulkFile: () => undefined,
    onBulkClear: () => undefined,
    today: '2026-11-23',
    save: null,
    onRetrySave: () => undefined,
    people: [],
    onSaveExistingNote: () => undefined,
    ...overrides,
  };
}

const draft = (email: string, orgRole: InviteDraft['orgRole'] = 'member'): InviteDraft => ({ addresses: [email], orgRole, projects: [] });

let host: HTMLElement;
function show(p: SidebarProps): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  render(<Sidebar {...p} />, host);
  return host;
}
afterEach(() => {
  render(null, host);
  host.remove();
});

describe('Sidebar', () => {
  it('marks its root and each finding for tests and automation', () => {
    const el = show(props([draft('jane.doe@acme.com'), draft('kim@gmail.com', 'admin')]));
    expect(el.querySelector('[data-invite-guard="sidebar"]')).not.toBeNull();
    const codes = [...el.querySelectorAll('[data-code]')].map((n) => n.getAttribute('data-code'));
    expect(codes).toEqual(expect.arrayContaining(['duplicate-member', 'personal-email', 'elevated-org-role']));
    expect(el.querySelector('[data-invite-guard="summary"]')!.textContent).toMatch(/\d+ blocking, \d+ to review/);
  });

  it('shows page text as text, never as markup', () => {
    const el = show(props([draft('evil@acme.com')]));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-code="duplicate-member"]')!.textContent).toContain(HOSTILE);
  });

  it('makes a direction-changing character visible', () => {
    const el = show(props([draft('ev\u202Eil@acme.com')]));
    expect(el.textContent).toContain('⟨U+202E⟩');
  });

  it('shows a clear all-good state', () => {
    const el = show(props([draft('li.chen@acme.com')]));
    expect(el.querySelector('[data-invite-guard="all-clear"]')).not.toBeNull();
    expect(el.querySelector('[data-code]')).toBeNull();
    expect(el.textContent).toContain('Ready to send');
  });

  it('marks the note fields the policy asks for', () => {
    const el = show(props([draft('kim@brightlane-agency.io', 'admin')]));
    const reason = el.querySelector('[data-invite-guard="note-reason"]')!;
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('[data-invite-guard="note-endsOn"]')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('reports note edits through its callback', () => {
    const onNoteChange = vi.fn();
    const el = show(props([draft('a@acme.com')], { onNoteChange, note: { ticket: 'SEC-1' } }));
    const reason = el.querySelector<HTMLTextAreaElement>('[data-invite-guard="note-reason"]')!;
    reason.value = 'Tracking plan';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onNoteChange).toHaveBeenCalledWith({ ticket: 'SEC-1', reason: 'Tracking plan' });
  });

  it('offers the manual box when the dialog is not the source', () => {
    expect(show(props([], { source: 'manual' })).querySelector('[data-invite-guard="manual"]')).not.toBeNull();
    render(null, host);
    host.remove();
    expect(show(props([], { source: 'dialog' })).querySelector('[data-invite-guard="manual"]')).toBeNull();
  });

  it('reports the manual box\'s roles through its callback', () => {
    const onManualChange = vi.fn();
    const el = show(props([], { source: 'manual', onManualChange }));
    const select = el.querySelector<HTMLSelectElement>('[data-invite-guard="manual-org-role"]')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onManualChange).toHaveBeenCalledWith({ ...EMPTY_MANUAL, orgRole: 'admin' });
  });

  it('collapses to a tab that keeps the summary and can be expanded by keyboard', () => {
    const onToggle = vi.fn();
    const el = show(props([draft('jane.doe@acme.com')], { collapsed: true, onToggle }));
    const tab = el.querySelector<HTMLButtonElement>('button[aria-expanded="false"]')!;
    expect(tab.textContent).toContain('1 blocking');
    tab.click();
    expect(onToggle).toHaveBeenCalledOnce();
    expect(el.querySelector('[data-invite-guard="sidebar"]')!.getAttribute('data-state')).toBe('collapsed');
  });

  it('says it is checking, and claims nothing, until the rules have loaded', () => {
    const el = show(props([draft('li.chen@acme.com')], { report: null }));
    expect(el.querySelector('[data-invite-guard="summary"]')!.textContent).toContain('Checking…');
    expect(el.querySelector('[data-invite-guard="all-clear"]')).toBeNull();
    expect(el.querySelector('[data-invite-guard="not-proof"]')).toBeNull();
    expect(el.querySelector('[data-code]')).toBeNull();
  });

  it('says why it shows no findings when the rules could not load', () => {
    const el = show(props([draft('li.chen@acme.com')], { report: null, checkProblem: "Couldn't check these addresses: the file is missing." }));
    const summary = el.querySelector('[data-invite-guard="summary"]')!;
    expect(summary.textContent).toContain("Couldn't check these addresses: the file is missing.");
    expect(summary.getAttribute('data-tone')).toBe('warn');
    expect(el.querySelector('[data-invite-guard="all-clear"]')).toBeNull();
  });

  it('redraws an address being typed where it stands, and leaves the note alone while its needs stay the same', () => {
    // The session hands the sidebar the same note and callbacks on every draw.
    const same = { note: {}, onNoteChange: () => undefined };
    const typed = (email: string, orgRole: InviteDraft['orgRole'] = 'member') => <Sidebar {...props([draft(email, orgRole)], same)} />;
    const el = show(props([draft('li.ch@acme.com')], same));
    const card = el.querySelector('.ig-address')!;
    const reason = el.querySelector('[data-invite-guard="note-reason"]')!;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(el.querySelector('.ig-note')!, { subtree: true, childList: true, attributes: true, characterData: true });
    const noteDraws = vi.spyOn(NoteFields.prototype, 'render');
    render(typed('li.che@acme.com'), host);
    render(typed('li.chen@acme.com'), host);
    expect(el.querySelector('.ig-address')).toBe(card);
    expect(card.textContent).toContain('li.chen@acme.com');
    expect(el.querySelector('[data-invite-guard="note-reason"]')).toBe(reason);
    expect(observer.takeRecords()).toEqual([]);
    expect(noteDraws).not.toHaveBeenCalled();
    // An owner invitation needs a reason: the note shows it.
    render(typed('li.chen@acme.com', 'owner'), host);
    expect(observer.takeRecords().length).toBeGreaterThan(0);
    expect(el.querySelector('.ig-note')!.textContent).toContain('needed');
    expect(noteDraws).toHaveBeenCalledTimes(1);
    noteDraws.mockRestore();
    observer.disconnect();
  });
});
