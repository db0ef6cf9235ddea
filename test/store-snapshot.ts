// The whole database as stored, read past every check of lib/db: every store's keys and raw values.
// Two snapshots are equal only when nothing at all was written, corrupted values included.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { DB_NAME } from '../lib/db';

export type StoreSnapshot = Record<string, [IDBValidKey, unknown][]>;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens the database at its current version: call it only once the extension has created it. */
export async function snapshotStore(factory: IDBFactory, name = DB_NAME): Promise<StoreSnapshot> {
  const db = await done(factory.open(name));
  try {
    const out: StoreSnapshot = {};
    for (const store of [...db.objectStoreNames].sort()) {
      const objects = db.transaction(store, 'readonly').objectStore(store);
      const [keys, values] = await Promise.all([done(objects.getAllKeys()), done(objects.getAll())]);
      out[store] = keys.map((key, i) => [key, values[i]]);
    }
    return out;
  } finally {
    db.close();
  }
}

/** Writes a value straight into a store, past every check, as corruption or an older version would. */
export async function writeRaw(factory: IDBFactory, store: string, value: unknown, key?: IDBValidKey, name = DB_NAME): Promise<void> {
  const db = await done(factory.open(name));
  try {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

// Stands in for an invalid Date in both values compared: isDeepStrictEqual compares dates by their
// time with ===, and NaN is not NaN. A symbol can't be stored, so no stored value holds this one.
const INVALID_DATE = Symbol('Invalid Date');

/** The value with every invalid Date, however deep (objects, arrays, Maps, Sets), replaced by INVALID_DATE. */
function markInvalidDates(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? INVALID_DATE : value;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) out.set(markInvalidDates(k, seen), markInvalidDates(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const v of value) out.add(markInvalidDates(v, seen));
    return out;
  }
  // Arrays keep their holes and length; other objects their prototype (null included).
  const out: Record<PropertyKey, unknown> = Array.isArray(value) ? new Array<unknown>(value.length) : Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const key of Reflect.ownKeys(value)) out[key] = markInvalidDates((value as Record<PropertyKey, unknown>)[key], seen);
  return out;
}

/** Deep equality of stored values, prototypes included, with an invalid Date equal to another. */
export function sameStoredValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b) || isDeepStrictEqual(markInvalidDates(a), markInvalidDates(b));
}

/**
 * Fails unless two snapshots hold the same keys and deeply equal values, prototypes included (so
 * NaN, undefined and own "constructor" keys of corrupted values compare as stored).
 */
export function expectSameStore(actual: StoreSnapshot, expected: StoreSnapshot): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const store of Object.keys(expected)) {
    const was = expected[store]!;
    const now = actual[store]!;
    expect(now.map(([key]) => key), `keys of ${store}`).toEqual(was.map(([key]) => key));
    now.forEach(([key, value], i) => {
      if (!sameStoredValue(value, was[i]![1])) {
        expect(value, `${store} ${String(key)}`).toEqual(was[i]![1]); // shows where they differ
        throw new Error(`${store} ${String(key)} changed (in a way the comparison above does not show).`);
      }
    });
  }
}
