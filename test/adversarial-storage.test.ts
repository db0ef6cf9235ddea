// Stored values Invite Guard did not write the way it writes them now: a version 1 database holding
// anything at all, and corrupted values in the current one. Opening and upgrading never fail on
// them and keep every one; reading sorts them into records and reported corruption; no message and
// no reminder pass ever changes or removes a value it cannot read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog } from '../lib/access-log';
import { DB_NAME, openInviteGuardDb, reusableConnection } from '../lib/db';
import { defaultPolicy } from '../lib/policy';
import { accessRecordSchema } from '../lib/records';
import { arbitraryMessage, arbitraryRecord, brokenRecord, nestedGarbage } from './arbitraries';
import { sameStoredValue, snapshotStore, writeRaw } from './store-snapshot';

function isValidKey(key: unknown): boolean {
  try {
    IDBKeyRange.only(key);
    return true;
  } catch {
    return false;
  }
}

/** A value as a store could hold it under keyPath "id": an object with a valid key, and anything else in it. */
const storedValue: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    arbitraryRecord().map((r) => r as unknown as Record<string, unknown>),
    brokenRecord.map((b) => b.record as Record<string, unknown>),
    fc.record({
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer(), fc.date({ noInvalidDate: true }), fc.array(fc.string(), { minLength: 1, maxLength: 2 })),
      garbage: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(nestedGarbage, fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true, withBigInt: true, withNullPrototype: true }))),
    }).map(({ id, garbage }) => ({ ...garbage, id })),
  )
  // Version 1 had no "status": a value with one is not a version 1 value (the upgrade sets it).
  .filter((value) => typeof value === 'object' && value !== null && !('status' in value) && isValidKey(value.id));

const storedValues = fc.uniqueArray(storedValue, { selector: (v) => JSON.stringify(v.id instanceof Date ? `d${v.id.getTime()}` : v.id), maxLength: 8 });

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A version 1 database exactly as it shipped, holding the values. */
async function versionOne(factory: IDBFactory, values: readonly Record<string, unknown>[]): Promise<void> {
  const open = factory.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('records', { keyPath: 'id' }).createIndex('by-email', 'email');
  const db = await done(open);
  const tx = db.transaction('records', 'readwrite');
  for (const value of values) tx.objectStore('records').put(value);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('a version 1 database holding anything', () => {
  it('upgrades without failing, keeps every value, and sorts them into records and corruption', async () => {
    let values = 0;
    await fc.assert(
      fc.asyncProperty(storedValues, async (stored) => {
        values += stored.length;
        const factory = new IDBFactory();
        await versionOne(factory, stored);
        const v1 = await snapshotStore(factory);
        const db = await openInviteGuardDb({ factory });
        const after = await snapshotStore(factory);
        expect(after.records!.map(([key]) => key)).toEqual(v1.records!.map(([key]) => key));
        after.records!.forEach(([, value], i) => {
          const original = v1.records![i]![1] as Record<string, unknown>;
          // The upgrade only adds the status a plain object lacks; nothing else changes.
          const { status: _status, ...rest } = value as Record<string, unknown>;
          expect(sameStoredValue(Object.getPrototypeOf(original) === Object.prototype ? rest : value, original)).toBe(true);
        });
        const { records, corrupted } = await db.all();
        expect(records.length + corrupted.length).toBe(stored.length);
        const validIds = v1.records!.filter(([, value]) => accessRecordSchema.safeParse(value).success).map(([key]) => key);
        expect(records.map((r) => r.id).sort()).toEqual(validIds.map(String).sort());
        for (const { error } of corrupted) expect(error).toMatch(/^.+: .+/);
        db.close();
      }),
      { numRuns: 150 },
    );
    console.info(`[adversarial] version 1 values: 150 databases, ${values} values`);
  });
});

describe('corrupted values in the current database', () => {
  it('are never changed or removed, whatever messages and reminder passes follow', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(storedValue.filter((v) => !accessRecordSchema.safeParse(v).success), { selector: (v) => JSON.stringify(v.id instanceof Date ? `d${v.id.getTime()}` : v.id), minLength: 1, maxLength: 4 }),
        fc.array(arbitraryMessage, { maxLength: 6 }),
        async (corrupt, messages) => {
          const factory = new IDBFactory();
          let n = 0;
          const log = new AccessLog({ db: reusableConnection(() => openInviteGuardDb({ factory })), policy: async () => defaultPolicy(), now: () => new Date('2026-11-23T10:00:00Z'), newId: () => `new-${++n}` });
          expect(await log.handle({ type: 'list-records' })).toMatchObject({ ok: true });
          for (const value of corrupt) await writeRaw(factory, 'records', value);
          const keyOf = (key: IDBValidKey) => JSON.stringify(key instanceof Date ? `d${key.getTime()}` : key);
          const corruptKeys = new Set(corrupt.map((v) => keyOf(v.id as IDBValidKey)));
          const before = (await snapshotStore(factory)).records!.filter(([key]) => corruptKeys.has(keyOf(key)));
          expect(before).toHaveLength(corrupt.length);
          for (const message of messages) {
            // Changes aimed at a corrupted record's id are among them.
            const aimed = 'id' in message && corrupt[0] && typeof corrupt[0].id === 'string' ? { ...message, id: corrupt[0].id } : message;
            const reply = await log.handle(aimed);
            expect(typeof reply.ok).toBe('boolean');
          }
          await log.sweep();
          const listed = (await log.handle({ type: 'list-records' })) as unknown as { corrupted: number };
          expect(listed.corrupted).toBe(corrupt.length);
          const after = (await snapshotStore(factory)).records!.filter(([key]) => corruptKeys.has(keyOf(key)));
          expect(after.length).toBe(before.length);
          after.forEach(([key, value], i) => expect(sameStoredValue(value, before[i]![1]), String(key)).toBe(true));
        },
      ),
      { numRuns: 150 },
    );
  });
});
