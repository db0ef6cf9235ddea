import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog } from '../lib/access-log';
import { openInviteGuardDb, type InviteGuardDb } from '../lib/db';
import { defaultPolicy } from '../lib/policy';

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
    expect(reply).toEqual({ ok: false, error: 'Browser storage is full: the note was not saved.', retry: true });
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
