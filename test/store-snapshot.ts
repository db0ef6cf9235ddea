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
      if (!isDeepStrictEqual(value, was[i]![1])) {
        expect(value, `${store} ${String(key)}`).toEqual(was[i]![1]); // shows where they differ
        throw new Error(`${store} ${String(key)} changed (in a way the comparison above does not show).`);
      }
    });
  }
}
