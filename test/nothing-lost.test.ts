// Nothing lost: a service worker stopped at any point (its transaction cut short, its connection
// closed, its memory gone), a full disk, and the way out and back in through a JSON export. Faults
// are injected into IndexedDB itself (fake-indexeddb), under the real lib/db and lib/access-log.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog } from '../lib/access-log';
import { openInviteGuardDb, reusableConnection } from '../lib/db';
import { parseExport, toJson } from '../lib/export';
import { defaultPolicy } from '../lib/policy';
import { STATUSES, accessRecordSchema, type AccessRecord } from '../lib/records';
import { arbitraryRecord, anyText, isoDateTime } from './arbitraries';
import { expectSameStore, snapshotStore, type StoreSnapshot } from './store-snapshot';

// ---------------------------------------------------------------------------------------------
// Faults, injected after IndexedDB has started a request, as the browser does.

type Fault =
  /** The worker stops at its n-th request from now: the browser aborts its transaction. */
  | { kind: 'stop'; at: number; seen: number; fired: boolean }
  /** Every write fails: the browser aborts the transaction with QuotaExceededError. */
  | { kind: 'full'; writes: number };
let fault: Fault | null = null;

const REQUESTS: [object, string[]][] = [
  [IDBObjectStore.prototype, ['put', 'get', 'getAll', 'getAllKeys', 'getKey', 'delete', 'openCursor', 'count']],
  [IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'openCursor']],
];

beforeAll(() => {
  for (const [prototype, names] of REQUESTS) {
    for (const name of names) {
      const original = (prototype as Record<string, (...args: unknown[]) => unknown>)[name]!;
      vi.spyOn(prototype as Record<string, (...args: unknown[]) => unknown>, name).mockImplementation(function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
        const request = original.apply(this, args);
        const tx = ('objectStore' in this ? this.objectStore : this).transaction as unknown as { abort(): void; _abort(name: string): void };
        if (fault?.kind === 'stop' && ++fault.seen === fault.at) {
          fault.fired = true;
          tx.abort();
        } else if (fault?.kind === 'full' && name === 'put') {
          fault.writes++;
          tx._abort('QuotaExceededError'); // fake-indexeddb's own abort, as for a full disk
        }
        return request;
      });
    }
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------
// A worker: the access log over a connection it opens on first use, as the background does.

const place = { region: 'us' as const, organization: 'Acme Analytics' };

function browserProfile(options: { clock?: () => Date } = {}) {
  const factory = new IDBFactory();
  let now = new Date('2026-11-23T10:00:00Z');
  let ids = 0;
  const start = () => {
    const db = reusableConnection(() => openInviteGuardDb({ factory }));
    const log = new AccessLog({ db, policy: async () => defaultPolicy(), now: options.clock ?? (() => now), newId: () => `id-${++ids}` });
    return { db, log };
  };
  const profile = {
    factory,
    worker: start(),
    tick: (days: number) => void (now = new Date(now.getTime() + days * 86_400_000)),
    /** The worker stops: its connection closes and everything it held in memory is gone. */
    async stop() {
      (await profile.worker.db()).close();
      profile.worker = start();
    },
    snapshot: () => snapshotStore(factory),
  };
  return profile;
}

// ---------------------------------------------------------------------------------------------
// Operations an admin's browser performs, as data (so a failing sequence reads well).

const EMAILS = ['ops@brightlane-agency.io', 'lee@acme.com', 'kim@acme.com', ' Jo.Doe@Acme.com '];
const note = fc.record(
  { reason: fc.constantFrom('Tracking plan', ' SOW 7 ', '', 'Runs SSO'), ticket: fc.constantFrom('JIRA-1', ''), endsOn: fc.constantFrom('2026-12-01', '2027-03-31', '') },
  { requiredKeys: [] },
);
const email = fc.constantFrom(...EMAILS);
const day = fc.constantFrom('2026-12-24', '2027-01-31', '2027-06-30');

type MessageOp =
  | { kind: 'invite'; emails: string[]; note: { reason?: string; ticket?: string; endsOn?: string } }
  | { kind: 'note'; email: string; note: { reason?: string; ticket?: string; endsOn?: string }; pageState?: 'member' | 'pending' }
  | { kind: 'observe'; members: string[]; pending: string[]; complete: boolean }
  | { kind: 'extend'; target: number; endsOn: string; reason: string }
  | { kind: 'revoke'; target: number }
  | { kind: 'snooze'; target: number; until: string }
  | { kind: 'import'; records: AccessRecord[] };

const messageOp: fc.Arbitrary<MessageOp> = fc.oneof(
  fc.record({ kind: fc.constant('invite' as const), emails: fc.uniqueArray(email, { minLength: 1, maxLength: 3 }), note }),
  fc.record({ kind: fc.constant('note' as const), email, note, pageState: fc.constantFrom('member' as const, 'pending' as const) }, { requiredKeys: ['kind', 'email', 'note'] }),
  fc.record({ kind: fc.constant('observe' as const), members: fc.subarray(EMAILS), pending: fc.subarray(EMAILS), complete: fc.boolean() }),
  fc.record({ kind: fc.constant('extend' as const), target: fc.nat(9), endsOn: day, reason: fc.constantFrom('SOW extended', ' Renewal ') }),
  fc.record({ kind: fc.constant('revoke' as const), target: fc.nat(9) }),
  fc.record({ kind: fc.constant('snooze' as const), target: fc.nat(9), until: day }),
  fc.record({ kind: fc.constant('import' as const), records: fc.uniqueArray(arbitraryRecord(), { selector: (r) => r.id, maxLength: 2 }) }),
);

function messageOf(op: MessageOp, ids: readonly string[]): Record<string, unknown> {
  const id = (target: number) => (ids.length ? ids[target % ids.length]! : 'id-none');
  switch (op.kind) {
    case 'invite':
      return { type: 'invitation-sent', ...place, rows: op.emails.map((e) => ({ email: e, orgRole: 'member', projects: [] })), note: op.note };
    case 'note':
      return { type: 'note-save', ...place, email: op.email, note: op.note, ...(op.pageState ? { pageState: op.pageState } : {}) };
    case 'observe':
      return { type: 'page-observed', ...place, members: op.members.map((e) => ({ email: e })), pending: op.pending.map((e) => ({ email: e })), complete: op.complete };
    case 'extend':
      return { type: 'record-extend', id: id(op.target), endsOn: op.endsOn, reason: op.reason };
    case 'revoke':
      return { type: 'record-revoke', id: id(op.target) };
    case 'snooze':
      return { type: 'record-snooze', id: id(op.target), until: op.until };
    case 'import':
      return { type: 'records-import', records: op.records };
  }
}

function records(snapshot: StoreSnapshot): Map<string, Record<string, unknown>> {
  return new Map(snapshot.records!.map(([key, value]) => [String(key), value as Record<string, unknown>]));
}

/** What an acknowledged change promises, checked in the database itself (another connection). */
function expectAcknowledged(op: MessageOp, reply: Record<string, unknown>, stored: Map<string, Record<string, unknown>>, target: string): void {
  const clean = (text: string | undefined) => text?.trim() || undefined;
  switch (op.kind) {
    case 'invite':
      for (const id of reply.ids as string[]) expect(stored.get(id)?.reason).toBe(clean(op.note.reason));
      break;
    case 'note': {
      const { id } = reply.record as { id: string };
      expect(stored.get(id)?.reason).toBe(clean(op.note.reason));
      expect(stored.get(id)?.endsOn).toBe(clean(op.note.endsOn));
      break;
    }
    case 'extend':
      expect(stored.get(target)).toMatchObject({ endsOn: op.endsOn, reason: op.reason.trim() });
      break;
    case 'revoke':
      expect(stored.get(target)).toMatchObject({ revokedAt: expect.any(String), status: 'revoked' });
      break;
    case 'snooze':
      expect(stored.get(target)).toMatchObject({ snoozedUntil: op.until });
      break;
    case 'import':
      for (const record of op.records) expect(stored.has(record.id)).toBe(true);
      break;
    case 'observe':
      break;
  }
}

/** Every stored record is whole: a valid record with a known status. */
function expectWhole(snapshot: StoreSnapshot): void {
  for (const [key, value] of snapshot.records!) {
    expect(accessRecordSchema.safeParse(value).success, String(key)).toBe(true);
    expect(STATUSES).toContain((value as { status: string }).status);
  }
}

// ---------------------------------------------------------------------------------------------

describe('a worker stopped at any point loses nothing it acknowledged', () => {
  type Op =
    | { kind: 'send'; op: MessageOp }
    /** The worker is stopped during its n-th IndexedDB request for this message. */
    | { kind: 'stop-during'; at: number; op: MessageOp }
    | { kind: 'stop' }
    /** The browser closes the connection under a live worker (storage cleared, a newer version). */
    | { kind: 'close' }
    | { kind: 'sweep' }
    | { kind: 'tick'; days: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: messageOp.map((m) => ({ kind: 'send' as const, op: m })), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant('stop-during' as const), at: fc.integer({ min: 1, max: 8 }), op: messageOp }), weight: 4 },
    fc.constant({ kind: 'stop' as const }),
    fc.constant({ kind: 'close' as const }),
    fc.constant({ kind: 'sweep' as const }),
    fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 20 }) }),
  );

  it('holds for random sequences with the worker stopped mid-transaction at random points (model-based)', async () => {
    let stopsMidWrite = 0;
    let acknowledged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const profile = browserProfile();
        await (await profile.worker.db()).all(); // the database exists, empty
        let acked = await profile.snapshot(); // the model: the state after the last acknowledged change
        const ids: string[] = [];
        const send = async (m: MessageOp) => {
          const message = messageOf(m, ids);
          const reply = (await profile.worker.log.handle(message)) as Record<string, unknown>;
          return { reply, target: String(message.id) };
        };
        const settle = async (m: MessageOp, reply: Record<string, unknown>, target: string) => {
          const after = await profile.snapshot();
          if (reply.ok) {
            acknowledged++;
            expectAcknowledged(m, reply, records(after), target);
            for (const id of (reply.ids as string[] | undefined) ?? []) if (!ids.includes(id)) ids.push(id);
            if (m.kind === 'note') ids.push((reply.record as { id: string }).id);
            if (m.kind === 'import') ids.push(...m.records.map((r) => r.id));
            acked = after;
          } else {
            expectSameStore(after, acked); // refused or failed: nothing at all was written
          }
        };
        for (const step of ops) {
          switch (step.kind) {
            case 'send': {
              const { reply, target } = await send(step.op);
              await settle(step.op, reply, target);
              break;
            }
            case 'stop-during': {
              fault = { kind: 'stop', at: step.at, seen: 0, fired: false };
              const { reply, target } = await send(step.op);
              const fired = fault.fired;
              fault = null;
              if (fired) {
                stopsMidWrite++;
                expect(reply.ok).toBe(false);
                expectSameStore(await profile.snapshot(), acked);
              } else {
                await settle(step.op, reply, target);
              }
              await profile.stop();
              expectSameStore(await profile.snapshot(), acked);
              break;
            }
            case 'stop':
              await profile.stop();
              expectSameStore(await profile.snapshot(), acked);
              break;
            case 'close':
              (await profile.worker.db()).close();
              break;
            case 'sweep':
              await profile.worker.log.sweep();
              acked = await profile.snapshot();
              break;
            case 'tick':
              profile.tick(step.days);
              break;
          }
        }
        await profile.stop();
        const final = await profile.snapshot();
        expectSameStore(final, acked);
        expectWhole(final);
        // The new worker reads everything back.
        const list = (await profile.worker.log.handle({ type: 'list-records' })) as { ok: boolean; records: unknown[]; corrupted: number };
        expect(list).toMatchObject({ ok: true, corrupted: 0 });
        expect(list.records).toHaveLength(final.records!.length);
        await profile.stop();
      }),
      { numRuns: 150 },
    );
    console.info(`[nothing-lost] 150 sequences: ${acknowledged} acknowledged changes, ${stopsMidWrite} workers stopped mid-transaction`);
    expect(stopsMidWrite).toBeGreaterThan(10);
  });

  it('keeps the previous state when a write is cut short after its first put', async () => {
    const profile = browserProfile();
    const first = await profile.worker.log.handle({ type: 'invitation-sent', ...place, rows: [{ email: 'a@acme.com', orgRole: 'member', projects: [] }], note: { reason: 'First' } });
    expect(first).toMatchObject({ ok: true });
    const before = await profile.snapshot();
    // Three rows: the invitation's lookups are 3 reads, then 3 puts; stop after the first put.
    fault = { kind: 'stop', at: 4, seen: 0, fired: false };
    const reply = await profile.worker.log.handle({
      type: 'invitation-sent',
      ...place,
      rows: ['a@acme.com', 'b@acme.com', 'c@acme.com'].map((e) => ({ email: e, orgRole: 'member', projects: [] })),
      note: { reason: 'Second' },
    });
    expect(fault.fired).toBe(true);
    fault = null;
    expect(reply).toMatchObject({ ok: false, retry: true });
    expectSameStore(await profile.snapshot(), before);
    await profile.stop();
    expectSameStore(await profile.snapshot(), before);
  });
});

describe('a full disk', () => {
  const noteSave = { type: 'note-save', ...place, email: 'kim@acme.com', orgRole: 'member', pageState: 'member', note: { reason: 'Existing analyst', ticket: 'JIRA-9' } };

  it('is reported to the sender, and the note is kept and saved once there is room', async () => {
    const profile = browserProfile();
    await (await profile.worker.db()).all();
    const empty = await profile.snapshot();
    fault = { kind: 'full', writes: 0 };
    const reply = await profile.worker.log.handle(noteSave);
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('keeps the change and saves it as soon as it can'), retry: true });
    // Still full: the reminder pass tries again, and fails again; nothing is half written.
    await expect(profile.worker.log.sweep()).resolves.toBeDefined();
    expect(fault.writes).toBeGreaterThanOrEqual(2);
    expectSameStore(await profile.snapshot(), empty);
    fault = null;
    // Room again: the next pass (an alarm, or any message) writes the kept note.
    await profile.worker.log.sweep();
    const stored = (await profile.snapshot()).records![0]![1] as AccessRecord;
    expect(stored).toMatchObject({ email: 'kim@acme.com', reason: 'Existing analyst', ticket: 'JIRA-9' });
    // The sender retrying the same note gets the saved record, and nothing is written twice.
    const retried = await profile.worker.log.handle(noteSave);
    expect(retried).toMatchObject({ ok: true, record: { id: stored.id, reason: 'Existing analyst' } });
    const after = await profile.snapshot();
    expect(after.records).toHaveLength(1);
    expect((after.records![0]![1] as AccessRecord).history).toHaveLength(stored.history.length);
  });

  it('keeps every change sent while it is full, in order, and ends exactly where a roomy disk ends', async () => {
    type Step = { kind: 'send'; op: MessageOp } | { kind: 'full'; on: boolean } | { kind: 'read' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { arbitrary: messageOp.map((m) => ({ kind: 'send' as const, op: m })), weight: 6 },
      fc.record({ kind: fc.constant('full' as const), on: fc.boolean() }),
      fc.constant({ kind: 'read' as const }),
    );
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        // The same changes on two disks, at the same (frozen) time: one that fills and frees at
        // random, and one that never fills. Ids in messages come from the roomy run.
        const clock = () => new Date('2026-11-23T10:00:00Z');
        const faulty = browserProfile({ clock });
        const roomy = browserProfile({ clock });
        const ids: string[] = [];
        const unanswered = new Set<string>();
        let full = false;
        for (const s of steps) {
          if (s.kind === 'full') {
            full = s.on;
            continue;
          }
          if (s.kind === 'read') {
            fault = full ? { kind: 'full', writes: 0 } : null;
            expect(await faulty.worker.log.handle({ type: 'list-records' })).toMatchObject({ ok: true });
            fault = null;
            continue;
          }
          const message = messageOf(s.op, ids);
          const key = JSON.stringify(message);
          // The very same change as one kept and not yet answered is its sender trying again:
          // the faulty log answers it without a second write, so the roomy one does not get it.
          const retry = unanswered.has(key);
          const reference = retry ? null : ((await roomy.worker.log.handle(message)) as Record<string, unknown>);
          for (const id of (reference?.ids as string[] | undefined) ?? []) if (!ids.includes(id)) ids.push(id);
          if (reference?.ok && s.op.kind === 'note') ids.push((reference.record as { id: string }).id);
          fault = full ? { kind: 'full', writes: 0 } : null;
          const reply = await faulty.worker.log.handle(message);
          fault = null;
          if (!reply.ok && reply.error.includes('keeps the change')) {
            kept++;
            unanswered.add(key);
          } else {
            unanswered.delete(key);
            if (reference) expect(reply).toStrictEqual(reference);
          }
        }
        // Room again: one pass writes everything that was kept.
        await faulty.worker.log.sweep();
        await roomy.worker.log.sweep();
        expectSameStore(await faulty.snapshot(), await roomy.snapshot());
        await faulty.stop();
        await roomy.stop();
      }),
      { numRuns: 120 },
    );
    console.info(`[nothing-lost] full disk: 120 sequences, ${kept} changes kept while full and written later`);
    expect(kept).toBeGreaterThan(5);
  });
});

describe('export → import → export', () => {
  const log = fc.uniqueArray(
    arbitraryRecord({ freeText: anyText, invitedAt: fc.oneof(isoDateTime, fc.constantFrom('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00+01:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z')) }),
    { selector: (r) => r.id, maxLength: 8 },
  );
  const EXPORTED_AT = new Date('2026-11-23T12:00:00Z');

  it('gives the same bytes for any set of records, through the access log and its database', async () => {
    await fc.assert(
      fc.asyncProperty(log, async (records) => {
        const text = toJson(records, EXPORTED_AT);
        const read = parseExport(text);
        expect(read).toMatchObject({ ok: true, rejected: [] });
        // Another browser: an empty log imports the file, and exports it again.
        const other = browserProfile();
        expect(await other.worker.log.handle({ type: 'records-import', records: read.records })).toMatchObject({ ok: true, added: records.length, rejected: [] });
        await other.stop(); // and survives a worker restart
        const list = (await other.worker.log.handle({ type: 'list-records' })) as unknown as { records: AccessRecord[] };
        expect(toJson(list.records, EXPORTED_AT)).toBe(text);
        // Importing the same file again changes nothing, not one byte.
        const before = await other.snapshot();
        expect(await other.worker.log.handle({ type: 'records-import', records: read.records })).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: records.length });
        expectSameStore(await other.snapshot(), before);
        await other.stop();
      }),
      { numRuns: 200 },
    );
  });
});
