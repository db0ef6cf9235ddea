import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog, callsForSweep } from '../lib/access-log';
import { openInviteGuardDb, type InviteGuardDb } from '../lib/db';
import { defaultPolicy } from '../lib/policy';
import { accessSections } from '../lib/access-view';
import { accessOverviewReplySchema } from '../lib/messages';
import type { AccessRecord } from '../lib/records';

const place = { region: 'us' as const, organization: 'Acme Analytics' };
let clock = new Date('2026-11-23T10:00:00Z');
let db: InviteGuardDb;
let log: AccessLog;
let ids = 0;

beforeEach(async () => {
  clock = new Date('2026-11-23T10:00:00Z');
  ids = 0;
  db = await openInviteGuardDb({ factory: new IDBFactory() });
  log = new AccessLog({ db: async () => db, policy: async () => defaultPolicy(), now: () => clock, newId: () => `id-${++ids}` });
});

const invite = (email: string, note: Record<string, string> = { reason: 'Tracking plan' }) =>
  log.handle({ type: 'invitation-sent', ...place, rows: [{ email, orgRole: 'member', projects: [] }], note });

describe('AccessLog', () => {
  it('records a resent invitation on the same record, keeping the history', async () => {
    await invite('ops@brightlane-agency.io');
    clock = new Date('2026-11-25T10:00:00Z');
    expect(await invite('ops@brightlane-agency.io', { reason: 'Tracking plan, phase 2' })).toEqual({ ok: true, ids: ['id-1'] });
    const { records } = await db.all();
    expect(records).toHaveLength(1);
    expect(records[0]!.invitedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(records[0]!.history.map((e) => e.type)).toEqual(['invited', 'resent', 'note-edited']);
  });

  it('starts a new record when a removed person is invited again', async () => {
    await invite('ops@brightlane-agency.io');
    await log.handle({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    await log.handle({ type: 'page-observed', ...place, members: [], pending: [], complete: true });
    await invite('ops@brightlane-agency.io');
    const { records } = await db.all();
    expect(records.map((r) => [r.id, r.status])).toEqual([
      ['id-1', 'revoked'],
      ['id-2', 'pending'],
    ]);
  });

  it('does not take a missing person for removed when the list was not read in full', async () => {
    await invite('ops@brightlane-agency.io');
    await log.handle({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    expect(await log.handle({ type: 'page-observed', ...place, members: [], pending: [], complete: false })).toEqual({ ok: true, changed: 0 });
    expect((await db.all()).records[0]!.pageState).toBe('member');
  });

  it('handles messages one at a time, so none is lost', async () => {
    const replies = await Promise.all(['a', 'b', 'c', 'd'].map((x) => invite(`${x}@brightlane-agency.io`)));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect((await db.all()).records).toHaveLength(4);
  });

  it('runs a sweep and a message one after the other, so the sweep never writes back stale records', async () => {
    await invite('ops@brightlane-agency.io', { reason: 'x', endsOn: '2026-12-01' }); // a reminder is due
    const sweep = log.sweep();
    const observed = log.handle({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    await Promise.all([sweep, observed]);
    expect((await db.all()).records[0]).toMatchObject({ pageState: 'member', status: 'expiring' });
    expect((await db.all()).records[0]!.history.map((e) => e.type)).toEqual(['invited', 'reminded', 'accepted']);
  });

  it('imports an export from another browser without duplicating, and says what it rejected', async () => {
    await invite('ops@brightlane-agency.io');
    const [mine] = (await db.all()).records;
    const { status: _status, ...exported } = mine!;
    const theirs = { ...exported, id: 'other-1', email: 'lee@acme.com' };
    const edited = { ...exported, updatedAt: '2026-11-24T10:00:00.000Z', history: [...exported.history, { at: '2026-11-24T10:00:00.000Z', type: 'note-edited', detail: 'Reason: x → y' }], reason: 'y' };
    const reply = await log.handle({ type: 'records-import', records: [theirs, edited, { id: 'broken' }] });
    expect(reply).toMatchObject({ ok: true, added: 1, updated: 1, unchanged: 0, rejected: [{ index: 2 }] });
    expect(await log.handle({ type: 'records-import', records: [theirs, edited] })).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 2 });
    const { records } = await db.all();
    expect(records.map((r) => [r.id, r.reason])).toEqual([
      ['id-1', 'y'],
      ['other-1', 'Tracking plan'],
    ]);
    expect(records[0]!.history.map((e) => e.type)).toEqual(['invited', 'note-edited']);
  });

  it('reconciles Mixpanel\'s audit log: acceptances recorded once, grants without a note listed', async () => {
    await invite('ops@brightlane-agency.io');
    const events = [
      { at: '2026-11-24T09:00:00Z', event: 'invitation.accepted', target: 'ops@brightlane-agency.io', line: 2 },
      { at: '2026-11-24T10:00:00Z', event: 'organization.user_added', actor: 'raj.patel@acme.com', target: 'ghost@agency.io', line: 3 },
    ];
    expect(await log.handle({ type: 'audit-reconcile', events })).toMatchObject({
      ok: true,
      updated: 1,
      undocumented: [{ email: 'ghost@agency.io', events: ['organization.user_added'] }],
    });
    const [record] = (await db.all()).records;
    expect(record).toMatchObject({ pageState: 'member', status: 'active' });
    expect(await log.handle({ type: 'audit-reconcile', events })).toMatchObject({ ok: true, updated: 0 });
    expect((await db.all()).records[0]!.history).toHaveLength(record!.history.length);
  });

  it('reports a failed write as retryable and keeps the previous state', async () => {
    await invite('ops@brightlane-agency.io');
    const full = Object.assign(new Error('storage full'), { name: 'QuotaExceededError' });
    const failing = new AccessLog({
      db: async () => Object.assign(Object.create(db) as InviteGuardDb, { putMany: async () => Promise.reject(full) }),
      policy: async () => defaultPolicy(),
      now: () => clock,
      newId: () => 'id-x',
    });
    const reply = await failing.handle({ type: 'invitation-sent', ...place, rows: [{ email: 'new@acme.com', orgRole: 'member', projects: [] }], note: {} });
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('keeps the change and saves it as soon as it can'), retry: true });
    expect((await db.all()).records.map((r) => r.email)).toEqual(['ops@brightlane-agency.io']);
  });

  it('sweeps: updates statuses, raises each reminder once, and counts what needs attention', async () => {
    await invite('ops@brightlane-agency.io', { reason: 'x', endsOn: '2026-12-20' });
    await log.handle({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    expect((await db.all()).records[0]!.status).toBe('active');

    clock = new Date('2026-12-10T10:00:00Z');
    const first = await log.sweep();
    expect(first.reminders.map((r) => r.kind)).toEqual(['access-ending']);
    expect(first.attention).toBe(1);
    const [record] = (await db.all()).records;
    expect(record!.status).toBe('expiring');
    expect(record!.history.at(-1)).toMatchObject({ type: 'reminded' });

    expect((await log.sweep()).reminders).toEqual([]);
  });
});

describe('the list a warm worker answers from memory', () => {
  const list = async () => (await log.handle({ type: 'list-records' })) as unknown as { ok: boolean; records: { id: string }[]; corrupted: number };
  const fresh = async () => {
    const { records, corrupted } = await db.all();
    return { ok: true, records, corrupted: corrupted.length };
  };

  it('follows every change the log makes: invitations, notes, page changes, actions, imports and reminders', async () => {
    expect(await list()).toEqual({ ok: true, records: [], corrupted: 0 });
    await invite('ops@brightlane-agency.io', { reason: 'x', endsOn: '2026-12-01' });
    expect(await list()).toEqual(await fresh());
    await log.handle({ type: 'note-save', ...place, email: 'lee@acme.com', note: { reason: 'Runs SSO' }, pageState: 'member' });
    await log.handle({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    expect(await list()).toEqual(await fresh());
    await log.handle({ type: 'record-snooze', id: 'id-1', until: '2026-12-24' });
    await log.handle({ type: 'record-revoke', id: 'id-2' });
    expect(await list()).toEqual(await fresh());
    const exported = (await list()).records.map(({ status: _status, ...r }: { id: string; status?: string }) => ({ ...r, id: `${r.id}-copy` }));
    expect(await log.handle({ type: 'records-import', records: exported })).toMatchObject({ ok: true, added: 2 });
    clock = new Date('2026-11-30T10:00:00Z');
    await log.sweep();
    const after = await list();
    expect(after.records.map((r) => r.id)).toEqual(['id-1', 'id-1-copy', 'id-2', 'id-2-copy']);
    expect(after).toEqual(await fresh());
  });

  it('counts corrupted values, and an import never writes over one it knows of', async () => {
    await invite('ops@brightlane-agency.io');
    await list();
    // A value corrupted under the worker: every change reads the store afresh, and so sees it.
    await (db as unknown as { db: { put(store: string, value: unknown): Promise<unknown> } }).db.put('records', { id: 'broken', email: 42 });
    const reply = await log.handle({ type: 'records-import', records: [{ ...(await fresh()).records[0], id: 'broken', status: undefined }] });
    expect(reply).toMatchObject({ ok: true, added: 0, rejected: [{ index: 0, reason: expect.stringMatching(/broken is unreadable/) }] });
    expect((await list()).corrupted).toBe(1);
    expect(await list()).toEqual(await fresh());
  });
});

describe("the popup's first screen (access-overview)", () => {
  const overview = async (limit: number) => JSON.parse(JSON.stringify(await log.handle({ type: 'access-overview', limit }))) as unknown;

  it('gives each section its first items and its size, in the order and shape the full list gives', async () => {
    for (let i = 0; i < 5; i++) await invite(`temp.${i}@brightlane-agency.io`, { reason: 'Agency work', endsOn: `2027-0${i + 1}-15` });
    await invite('ends.soon@brightlane-agency.io', { reason: 'Audit', endsOn: '2026-11-25' });
    const reply = accessOverviewReplySchema.parse(await overview(2));
    const { records } = (await log.handle({ type: 'list-records' })) as unknown as { records: AccessRecord[] };
    const full = accessSections(records, defaultPolicy(), clock, { text: '', status: 'all' });
    expect(reply.sections.map((s) => [s.key, s.total])).toEqual(full.map((s) => [s.key, s.items.length]));
    reply.sections.forEach((section, i) => expect(section.items).toEqual(full[i]!.items.slice(0, 2)));
    expect(reply.sections.find((s) => s.key === 'attention')?.items[0]?.email).toBe('ends.soon@brightlane-agency.io');
  });

  it('is refused without a sensible limit, and its reply schema refuses a broken item', async () => {
    for (const limit of [0, -1, 1.5, 501, '10', null]) expect(await log.handle({ type: 'access-overview', limit })).toMatchObject({ ok: false });
    await invite('ops@brightlane-agency.io', { reason: 'x', endsOn: '2026-12-01' });
    const reply = (await overview(10)) as { sections: { items: Record<string, unknown>[] }[] };
    reply.sections[0]!.items[0]!.daysLeft = 'soon';
    expect(accessOverviewReplySchema.safeParse(reply).success).toBe(false);
  });
});

describe('which handled messages call for a reminder pass', () => {
  const ok = { ok: true } as const;
  it('reads do not: the popup opening, the sidebar asking, the options page, a dropped file', () => {
    for (const type of ['access-overview', 'list-records', 'records-for-page', 'get-policy', 'bulk-csv-read']) {
      expect(callsForSweep({ type }, ok)).toBe(false);
    }
  });

  it('changes do, and a page observation only when it changed a record', () => {
    for (const type of ['invitation-sent', 'note-save', 'record-extend', 'record-revoke', 'record-snooze', 'records-import', 'audit-reconcile', 'save-policy']) {
      expect(callsForSweep({ type }, ok)).toBe(true);
    }
    expect(callsForSweep({ type: 'page-observed' }, { ok: true, changed: 0 })).toBe(false);
    expect(callsForSweep({ type: 'page-observed' }, { ok: true, changed: 2 })).toBe(true);
  });

  it('a refused or failed message does not, nor anything that is not a message', () => {
    expect(callsForSweep({ type: 'note-save' }, { ok: false, error: 'Browser storage is full' })).toBe(false);
    for (const message of [null, 'note-save', 42, {}, { type: 7 }]) expect(callsForSweep(message, ok)).toBe(false);
  });
});
