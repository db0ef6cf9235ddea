// lib/db with fake-indexeddb: schema upgrades from version 1, validation of everything written and
// read, atomic changes, and reopening (a service worker restart).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { z } from 'zod';
import { DB_NAME, DB_VERSION, InviteGuardDb, openInviteGuardDb, type StoredRecord } from '../lib/db';
import { STATUSES, newRecord, revoke, observe, type AccessRecord, type RecordStatus } from '../lib/records';
import { arbitraryRecord } from './arbitraries';

const NOW = new Date('2026-11-23T10:00:00Z');

function record(id: string, email: string, extra: { endsOn?: string; reason?: string } = {}): AccessRecord {
  return newRecord(
    {
      id,
      email,
      orgRole: 'member',
      projects: [{ name: 'Production', role: 'analyst' }],
      note: { reason: extra.reason ?? 'Q1 tracking plan', ticket: 'SOW-7', ...(extra.endsOn ? { endsOn: extra.endsOn } : {}) },
      invitedBy: 'dana.whitfield@acme.com',
      region: 'eu',
      organization: 'Acme Analytics',
    },
    NOW,
  );
}

const withStatus = (r: AccessRecord, status: RecordStatus): StoredRecord => ({ ...r, status });
const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

let factory: IDBFactory;
let db: InviteGuardDb;
const open = () => openInviteGuardDb({ factory });

beforeEach(async () => {
  factory = new IDBFactory();
  db = await open();
});

afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

/** Writes a value straight into the records store, past every check, as corruption would. */
async function writeRaw(value: unknown): Promise<void> {
  db.close();
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = raw.transaction('records', 'readwrite');
    tx.objectStore('records').put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  raw.close();
  db = await open();
}

describe('upgrading a version 1 database', () => {
  it('keeps every record, backfills the status and builds every index', async () => {
    const name = `v1-${Math.random()}`;
    const pending = record('p1', 'ops@brightlane-agency.io', { endsOn: '2027-01-31' });
    const member = observe(record('m1', 'lee@acme.com', { endsOn: '2026-12-01' }), { state: 'member' }, NOW);
    const unknown = { ...record('u1', 'kim@acme.com'), pageState: 'unknown' as const };
    const revoked = revoke(observe(record('r1', 'ops@brightlane-agency.io'), { state: 'member' }, NOW), NOW, 'dana.whitfield@acme.com');
    const v1Records = [pending, member, unknown, revoked];

    // Version 1 exactly as it shipped, built with raw idb on the global (fake) indexedDB.
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('records', { keyPath: 'id' });
        store.createIndex('by-email', 'email');
      },
    });
    for (const r of v1Records) await v1.put('records', r);
    v1.close();

    const upgraded = await openInviteGuardDb({ name });
    try {
      const { records, corrupted } = await upgraded.all();
      expect(corrupted).toEqual([]);
      expect(records).toHaveLength(4);
      const expected: Record<string, RecordStatus> = { p1: 'pending', m1: 'active', u1: 'active', r1: 'revoked' };
      for (const original of v1Records) {
        const stored = await upgraded.get(original.id);
        expect(stored).toEqual(withStatus(original, expected[original.id]!));
        const { status: _status, ...rest } = stored!;
        expect(rest).toStrictEqual(original);
      }
      expect(ids(await upgraded.byEmail('ops@brightlane-agency.io'))).toEqual(['p1', 'r1']);
      expect(ids(await upgraded.byStatus('active'))).toEqual(['m1', 'u1']);
      expect(ids(await upgraded.byStatus('pending'))).toEqual(['p1']);
      expect(ids(await upgraded.byStatus('revoked'))).toEqual(['r1']);
      expect(ids(await upgraded.endingBetween('2026-12-01', '2027-01-31'))).toEqual(['m1', 'p1']);
      expect(await upgraded.sentReminderKeys()).toEqual(new Set());
      expect(await upgraded.getMeta('lastSweep')).toBeUndefined();
    } finally {
      upgraded.close();
    }

    // The raw database really is at version 2 with every store and index.
    const raw = await openDB(name);
    expect(raw.version).toBe(2);
    expect([...raw.objectStoreNames].sort()).toEqual(['meta', 'records', 'reminders']);
    expect([...raw.transaction('records').store.indexNames].sort()).toEqual(['by-email', 'by-endsOn', 'by-status']);
    raw.close();
  });

  it('keeps a version 1 value that is not a valid record, and reports it', async () => {
    const name = `v1-bad-${Math.random()}`;
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('records', { keyPath: 'id' }).createIndex('by-email', 'email');
      },
    });
    await v1.put('records', { id: 'broken', email: 'x@acme.com', orgRole: 'emperor' });
    await v1.put('records', record('ok', 'ok@acme.com'));
    v1.close();

    const upgraded = await openInviteGuardDb({ name });
    try {
      const { records, corrupted } = await upgraded.all();
      expect(ids(records)).toEqual(['ok']);
      expect(corrupted).toEqual([{ key: 'broken', error: expect.stringContaining('orgRole') }]);
      expect(await upgraded.get('broken')).toBeUndefined();
    } finally {
      upgraded.close();
    }
  });
});

describe('a fresh database', () => {
  it('is empty, at the current version', async () => {
    expect(await db.all()).toEqual({ records: [], corrupted: [] });
    expect(await db.get('nothing')).toBeUndefined();
    expect(await db.sentReminderKeys()).toEqual(new Set());
    db.close();
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open(DB_NAME);
      request.onsuccess = () => resolve(request.result);
    });
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['meta', 'records', 'reminders']);
    raw.close();
    db = await open();
  });

  it('reads a newer database as a clear error, not a crash', async () => {
    const name = `future-${Math.random()}`;
    const future = await openDB(name, DB_VERSION + 1);
    future.close();
    await expect(openInviteGuardDb({ name })).rejects.toThrow(/newer version of Invite Guard/);
  });
});

describe('put and get', () => {
  it('round-trips a record with its status', async () => {
    const r = record('r1', 'ops@brightlane-agency.io', { endsOn: '2027-01-31' });
    await db.put(r, 'pending');
    expect(await db.get('r1')).toStrictEqual(withStatus(r, 'pending'));
  });

  it('rejects an invalid record with a readable error and writes nothing', async () => {
    const bad = { ...record('r1', 'jane@acme.com'), endsOn: '2027-02-30' };
    await expect(db.put(bad, 'active')).rejects.toThrow('Could not save the record for jane@acme.com: endsOn: must be a calendar date (YYYY-MM-DD)');
    await expect(db.put(record('r2', 'jane@acme.com'), 'sleeping' as RecordStatus)).rejects.toThrow(/status: must be one of pending, active/);
    expect(await db.all()).toEqual({ records: [], corrupted: [] });
  });

  it('replaces the previous value of the same id', async () => {
    await db.put(record('r1', 'jane@acme.com', { reason: 'first' }), 'pending');
    await db.put(record('r1', 'jane@acme.com', { reason: 'second' }), 'active');
    expect(await db.get('r1')).toMatchObject({ reason: 'second', status: 'active' });
    expect((await db.all()).records).toHaveLength(1);
  });
});

describe('putMany', () => {
  it('writes every entry in one go', async () => {
    await db.putMany([
      { record: record('a', 'a@acme.com'), status: 'pending' },
      { record: record('b', 'b@acme.com'), status: 'active' },
    ]);
    expect(ids((await db.all()).records)).toEqual(['a', 'b']);
  });

  it('writes none when one entry is invalid', async () => {
    await db.put(record('a', 'a@acme.com', { reason: 'before' }), 'pending');
    const bad = { ...record('c', 'c@acme.com'), orgRole: 'emperor' } as unknown as AccessRecord;
    await expect(
      db.putMany([
        { record: record('a', 'a@acme.com', { reason: 'after' }), status: 'active' },
        { record: record('b', 'b@acme.com'), status: 'active' },
        { record: bad, status: 'active' },
      ]),
    ).rejects.toThrow(/Could not save the record for c@acme.com: orgRole/);
    const { records } = await db.all();
    expect(ids(records)).toEqual(['a']);
    expect(records[0]).toMatchObject({ reason: 'before', status: 'pending' });
  });

  it('writes none when IndexedDB fails half way, and says storage is full on a quota error', async () => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      calls += 1;
      if (calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const error = await db
      .putMany([
        { record: record('a', 'a@acme.com'), status: 'pending' },
        { record: record('b', 'b@acme.com'), status: 'pending' },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('QuotaExceededError');
    expect((error as Error).message).toMatch(/storage .* is full/);
    vi.restoreAllMocks();
    expect(await db.all()).toEqual({ records: [], corrupted: [] });
  });
  it('reports a quota abort raised by IndexedDB itself (the requests only see AbortError)', async () => {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      // fake-indexeddb's internal abort, as a browser does when the disk is full.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(db.put(record('a', 'jane@acme.com'), 'pending')).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: expect.stringMatching(/^Could not save the record for jane@acme.com: the browser's storage .* is full/),
    });
    vi.restoreAllMocks();
    expect(await db.all()).toEqual({ records: [], corrupted: [] });
  });
});

describe('update', () => {
  beforeEach(async () => {
    await db.put(record('r1', 'jane@acme.com', { reason: 'before' }), 'pending');
  });

  it('reads, changes and writes the record', async () => {
    const next = await db.update('r1', (current) => ({ record: { ...current, reason: 'after' }, status: 'active' }));
    expect(next).toMatchObject({ reason: 'after', status: 'active' });
    expect(await db.get('r1')).toStrictEqual(next);
  });

  it('leaves the old value when the change throws', async () => {
    await expect(
      db.update('r1', () => {
        throw new Error('policy said no');
      }),
    ).rejects.toThrow('policy said no');
    expect(await db.get('r1')).toMatchObject({ reason: 'before', status: 'pending' });
  });

  it('leaves the old value when the change returns an invalid record', async () => {
    await expect(db.update('r1', (current) => ({ record: { ...current, endsOn: 'soon' }, status: 'active' }))).rejects.toThrow(
      'Could not update the record for jane@acme.com: endsOn: must be a calendar date (YYYY-MM-DD)',
    );
    await expect(db.update('r1', (current) => ({ record: { ...current, id: 'r2' }, status: 'active' }))).rejects.toThrow(/may not alter the record's id/);
    expect(await db.get('r1')).toMatchObject({ reason: 'before', status: 'pending' });
    expect(await db.get('r2')).toBeUndefined();
  });

  it('keeps both of two updates started together', async () => {
    await Promise.all([
      db.update('r1', (current) => ({ record: { ...current, ticket: 'SOW-8' }, status: current.status })),
      db.update('r1', (current) => ({ record: { ...current, approver: 'cfo@acme.com' }, status: 'active' })),
    ]);
    expect(await db.get('r1')).toMatchObject({ ticket: 'SOW-8', approver: 'cfo@acme.com', reason: 'before', status: 'active' });
  });

  it('throws when the record is missing', async () => {
    await expect(db.update('nobody', (current) => ({ record: current, status: 'active' }))).rejects.toThrow('Could not update record nobody: there is no such record');
  });
});

describe('corrupted stored values', () => {
  it('are reported by all() and read as undefined by get()', async () => {
    await db.put(record('good', 'good@acme.com'), 'active');
    await writeRaw({ ...record('bad-date', 'x@acme.com'), endsOn: 'tomorrow', status: 'active' });
    await writeRaw({ id: 'junk', email: 42 });
    const { records, corrupted } = await db.all();
    expect(ids(records)).toEqual(['good']);
    expect(corrupted).toEqual([
      { key: 'bad-date', error: 'endsOn: must be a calendar date (YYYY-MM-DD)' },
      { key: 'junk', error: expect.stringMatching(/^email: /) },
    ]);
    expect(await db.get('bad-date')).toBeUndefined();
    expect(await db.get('junk')).toBeUndefined();
    expect(await db.byStatus('active')).toEqual([expect.objectContaining({ id: 'good' })]);
    expect(await db.byEmail('x@acme.com')).toEqual([]);
    await expect(db.update('junk', (current) => ({ record: current, status: 'active' }))).rejects.toThrow(/stored value is corrupted/);
  });

  it('reads a valid record with an unknown status using the policy-free status', async () => {
    await writeRaw({ ...record('r1', 'jane@acme.com'), status: 'sleeping' });
    expect(await db.get('r1')).toMatchObject({ id: 'r1', status: 'pending' });
    expect((await db.all()).corrupted).toEqual([]);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    await db.putMany([
      { record: record('a', 'jane@acme.com', { endsOn: '2026-12-01' }), status: 'expiring' },
      { record: record('b', 'jane@acme.com'), status: 'active' },
      { record: record('c', 'lee@acme.com', { endsOn: '2026-12-15' }), status: 'active' },
      { record: record('d', 'kim@acme.com', { endsOn: '2027-03-31' }), status: 'pending' },
      { record: record('e', 'ola@acme.com', { endsOn: '2026-11-01' }), status: 'expired' },
    ]);
  });

  it('finds records by status', async () => {
    expect(ids(await db.byStatus('active'))).toEqual(['b', 'c']);
    expect(ids(await db.byStatus('expired'))).toEqual(['e']);
    expect(await db.byStatus('revoked')).toEqual([]);
  });

  it('finds records by address, trimmed and lower-cased', async () => {
    expect(ids(await db.byEmail('jane@acme.com'))).toEqual(['a', 'b']);
    expect(ids(await db.byEmail(' Jane@ACME.com '))).toEqual(['a', 'b']);
    expect(await db.byEmail('nobody@acme.com')).toEqual([]);
  });

  it('finds records ending between two dates, both included', async () => {
    expect(ids(await db.endingBetween('2026-12-01', '2026-12-15'))).toEqual(['a', 'c']);
    expect(ids(await db.endingBetween('2026-01-01', '2027-12-31'))).toEqual(['a', 'c', 'd', 'e']);
    expect(await db.endingBetween('2026-12-02', '2026-12-14')).toEqual([]);
    expect(await db.endingBetween('2027-01-01', '2026-01-01')).toEqual([]);
    await expect(db.endingBetween('2026-12-01', 'soon')).rejects.toThrow('"soon" is not a calendar date (YYYY-MM-DD)');
  });
});

describe('reminders', () => {
  it('records reminders and the records they changed in one transaction', async () => {
    const r = record('r1', 'jane@acme.com', { endsOn: '2026-11-30' });
    await db.put(r, 'active');
    const reminded = { ...r, history: [...r.history, { at: NOW.toISOString(), type: 'reminded' as const, detail: 'Ends in 7 days' }] };
    await db.markRemindersSent([{ key: 'r1|7', recordIds: ['r1'] }], NOW, [{ record: reminded, status: 'expiring' }]);
    expect(await db.sentReminderKeys()).toEqual(new Set(['r1|7']));
    expect(await db.get('r1')).toStrictEqual(withStatus(reminded, 'expiring'));
  });

  it('records nothing when a record update is invalid', async () => {
    const r = record('r1', 'jane@acme.com');
    await db.put(r, 'active');
    await expect(
      db.markRemindersSent([{ key: 'r1|7', recordIds: ['r1'] }], NOW, [{ record: { ...r, updatedAt: 'now' }, status: 'expiring' }]),
    ).rejects.toThrow(/Could not save the record for jane@acme.com: updatedAt/);
    expect(await db.sentReminderKeys()).toEqual(new Set());
    expect(await db.get('r1')).toMatchObject({ status: 'active' });
  });

  it('records nothing when IndexedDB fails while writing the records', async () => {
    const r = record('r1', 'jane@acme.com');
    await db.put(r, 'active');
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'records') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(db.markRemindersSent([{ key: 'r1|7', recordIds: ['r1'] }], NOW, [{ record: r, status: 'expiring' }])).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    vi.restoreAllMocks();
    expect(await db.sentReminderKeys()).toEqual(new Set());
    expect(await db.get('r1')).toMatchObject({ status: 'active' });
  });

  it('keeps the time a reminder was first raised', async () => {
    await db.markRemindersSent([{ key: 'k', recordIds: ['a'] }], NOW);
    await db.markRemindersSent([{ key: 'k', recordIds: ['a'] }, { key: 'k2', recordIds: [] }], new Date('2026-12-01T00:00:00Z'));
    expect(await db.sentReminderKeys()).toEqual(new Set(['k', 'k2']));
    db.close();
    const reopened = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open(DB_NAME, DB_VERSION);
      request.onsuccess = () => resolve(request.result);
    });
    const sent = await new Promise<unknown>((resolve) => {
      const request = reopened.transaction('reminders').objectStore('reminders').get('k');
      request.onsuccess = () => resolve(request.result);
    });
    expect(sent).toEqual({ key: 'k', sentAt: NOW.toISOString(), recordIds: ['a'] });
    reopened.close();
    db = await open();
  });

  it('rejects a reminder without a key', async () => {
    await expect(db.markRemindersSent([{ key: '', recordIds: [] }], NOW)).rejects.toThrow('Could not record reminder 1: key: must not be empty');
  });
});

describe('meta', () => {
  it('stores, reads, checks and removes settings', async () => {
    expect(await db.getMeta('lastSweep')).toBeUndefined();
    await db.setMeta('lastSweep', NOW.toISOString());
    await db.setMeta('counts', { sweeps: 3, list: [1, 2] });
    expect(await db.getMeta<string>('lastSweep')).toBe(NOW.toISOString());
    expect(await db.getMeta('counts')).toEqual({ sweeps: 3, list: [1, 2] });
    expect(await db.getMeta('lastSweep', z.iso.datetime())).toBe(NOW.toISOString());
    expect(await db.getMeta('counts', z.string())).toBeUndefined();
    await db.setMeta('lastSweep', undefined);
    expect(await db.getMeta('lastSweep')).toBeUndefined();
  });

  it('says clearly when a value cannot be stored', async () => {
    await expect(db.setMeta('fn', () => 1)).rejects.toThrow(/Could not save the setting "fn"/);
  });
});

describe('reopening (a service worker restart)', () => {
  it('keeps records, reminders and settings', async () => {
    const r = record('r1', 'jane@acme.com', { endsOn: '2027-01-31' });
    await db.put(r, 'active');
    await db.markRemindersSent([{ key: 'r1|7', recordIds: ['r1'] }], NOW);
    await db.setMeta('lastSweep', NOW.toISOString());
    expect(db.isOpen).toBe(true);
    db.close();
    expect(db.isOpen).toBe(false);
    await expect(db.get('r1')).rejects.toThrow(/connection is closed/);

    db = await open();
    expect(await db.get('r1')).toStrictEqual(withStatus(r, 'active'));
    expect(await db.sentReminderKeys()).toEqual(new Set(['r1|7']));
    expect(await db.getMeta('lastSweep')).toBe(NOW.toISOString());
    expect(ids(await db.endingBetween('2027-01-31', '2027-01-31'))).toEqual(['r1']);
  });

  it('closes itself so a newer version can upgrade', async () => {
    db.close();
    db = await open();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked'));
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    // The owner sees it closed, and opens a new connection rather than using a dead one.
    expect(db.isOpen).toBe(false);
    newer.close();
  });
});

describe('property: put then get', () => {
  it('returns a deep-equal record for any valid record', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryRecord(), fc.constantFrom(...STATUSES), async (r, status) => {
        await db.put(r, status);
        expect(await db.get(r.id)).toStrictEqual({ ...r, status });
      }),
      { numRuns: 150 },
    );
  });
});

describe('known(): the records kept in memory for reads', () => {
  type Write =
    | { kind: 'put'; record: AccessRecord; status: RecordStatus }
    | { kind: 'putMany'; entries: { record: AccessRecord; status: RecordStatus }[] }
    | { kind: 'update'; index: number; reason: string }
    | { kind: 'reminders'; index: number };
  const status = fc.constantFrom(...STATUSES);
  // Few ids, so that writes often replace a record already stored.
  const recordWithId = fc.tuple(arbitraryRecord(), fc.constantFrom('a', 'b', 'c', 'z', 'm', 'B')).map(([r, id]) => ({ ...r, id }));
  const write: fc.Arbitrary<Write> = fc.oneof(
    fc.record({ kind: fc.constant('put' as const), record: recordWithId, status }),
    fc.record({ kind: fc.constant('putMany' as const), entries: fc.array(fc.record({ record: recordWithId, status }), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('update' as const), index: fc.nat(9), reason: fc.constantFrom('first', 'second') }),
    fc.record({ kind: fc.constant('reminders' as const), index: fc.nat(9) }),
  );

  async function apply(w: Write): Promise<void> {
    const stored = (await db.all()).records;
    const target = stored.length ? stored[w.kind === 'update' || w.kind === 'reminders' ? w.index % stored.length : 0] : undefined;
    if (w.kind === 'put') await db.put(w.record, w.status);
    else if (w.kind === 'putMany') await db.putMany(w.entries);
    else if (w.kind === 'update' && target) await db.update(target.id, (current) => ({ record: { ...current, reason: w.reason }, status: current.status }));
    else if (w.kind === 'reminders' && target) await db.markRemindersSent([{ key: `k-${target.id}`, recordIds: [target.id] }], NOW, [{ record: { ...target, ticket: 'T-1' }, status: 'expiring' }]);
  }

  it('stays the same as a fresh read of the store after any writes through the connection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 8 }), async (writes) => {
        db.close();
        factory = new IDBFactory();
        db = await open();
        await db.known(); // read once: from here on, known() answers from memory
        for (const w of writes) {
          // apply() reads with all(); known() must match it without any read of its own.
          await apply(w);
          const known = await db.known();
          expect(known).toEqual(await db.all());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('answers from memory: a value written by another connection shows after the next all()', async () => {
    await db.put(record('a', 'a@acme.com'), 'active');
    expect(ids((await db.known()).records)).toEqual(['a']);
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    expect(ids((await db.known()).records)).toEqual(['a']);
    expect(getAll).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    // Corruption written past this connection (the background is the only writer in the extension).
    const other = await open();
    await (other as unknown as { db: { put(store: string, value: unknown): Promise<unknown> } }).db.put('records', { id: 'junk', email: 42 });
    other.close();
    const fresh = await db.all();
    expect(fresh.corrupted).toEqual([{ key: 'junk', error: expect.stringMatching(/^email: /) }]);
    expect(await db.known()).toEqual(fresh);
  });

  it('keeps a corrupted value reported until a valid record is written over it', async () => {
    await writeRaw({ id: 'junk', email: 42 });
    await writeRaw({ id: 7, email: 'seven@acme.com' });
    expect((await db.known()).corrupted.map((c) => c.key)).toEqual(['7', 'junk']);
    // A record with the id "7" is another key than the number 7: that value stays corrupted.
    await db.putMany([
      { record: record('junk', 'junk@acme.com'), status: 'active' },
      { record: record('7', 'seven@acme.com'), status: 'active' },
    ]);
    const known = await db.known();
    expect(known.corrupted.map((c) => c.key)).toEqual(['7']);
    expect(known).toEqual(await db.all());
  });

  it('reads the store again after a write the storage failed, and keeps nothing of it', async () => {
    await db.put(record('a', 'a@acme.com'), 'active');
    await db.known();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(db.put(record('b', 'b@acme.com'), 'pending')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    expect(ids((await db.known()).records)).toEqual(['a']);
    expect(getAll).toHaveBeenCalled();
  });

  it('answers nothing from memory once the connection is closed', async () => {
    await db.put(record('a', 'a@acme.com'), 'active');
    await db.known();
    db.close();
    await expect(db.known()).rejects.toThrow(/Could not read the access log/);
    db = await open();
  });
});
