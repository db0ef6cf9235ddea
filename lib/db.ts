// The IndexedDB database of the access log: its schema, its versions and the steps that upgrade an
// older database, and the small repository the background service worker (the only writer) uses.
// Every value read back is parsed by its zod schema first: a stored value may come from an older
// version or be corrupted. Every change is one transaction, so a record is never half written.
import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { z } from 'zod';
import { dayNumber } from './dates';
import { accessRecordSchema, parseRecord, STATUSES, type AccessRecord, type RecordStatus } from './records';

export const DB_NAME = 'invite-guard';
export const DB_VERSION = 2;

/** An access record as stored: with the status the database indexes it by. */
export type StoredRecord = AccessRecord & { status: RecordStatus };

/** A reminder already raised, kept so that it is never raised twice. */
export interface SentReminder {
  key: string;
  sentAt: string;
  recordIds: string[];
}

export interface RecordEntry {
  record: AccessRecord;
  status: RecordStatus;
}

interface InviteGuardSchema extends DBSchema {
  records: {
    key: string;
    value: StoredRecord;
    indexes: { 'by-email': string; 'by-status': RecordStatus; 'by-endsOn': string };
  };
  reminders: { key: string; value: SentReminder };
  meta: { key: string; value: unknown };
}

type Database = IDBPDatabase<InviteGuardSchema>;
type UpgradeTransaction = IDBPTransaction<InviteGuardSchema, StoreNames<InviteGuardSchema>[], 'versionchange'>;

const statusSchema = z.enum(STATUSES);
const storedRecordSchema = accessRecordSchema.extend({ status: statusSchema });
const sentReminderSchema = z.object({
  key: z.string().min(1, 'must not be empty'),
  recordIds: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------
// Versions. Step n upgrades a database from version n to n + 1; a database at version k runs the
// steps k, k + 1, … in order inside the one upgrade transaction, so no older database loses data.
// Never edit a released step: add a new one and raise DB_VERSION.

type UpgradeStep = (db: Database, tx: UpgradeTransaction) => Promise<void> | void;

/**
 * The status a record had before statuses were stored, without the policy: the background's next
 * sweep recomputes it with the policy.
 */
function policyFreeStatus(value: Record<string, unknown>): RecordStatus {
  if (value.revokedAt) return 'revoked';
  if (value.pageState === 'pending') return 'pending';
  return 'active';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UPGRADE_STEPS: readonly UpgradeStep[] = [
  // 0 → 1: the first schema: one store of records, found by address.
  (db) => {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('by-email', 'email');
  },
  // 1 → 2: a stored status (backfilled), end dates indexed, reminders already raised, and meta.
  async (db, tx) => {
    const records = tx.objectStore('records');
    records.createIndex('by-status', 'status');
    records.createIndex('by-endsOn', 'endsOn');
    db.createObjectStore('reminders', { keyPath: 'key' });
    db.createObjectStore('meta');
    let cursor = await records.openCursor();
    while (cursor) {
      const value: unknown = cursor.value;
      // A value that is not even an object is left as it is: all() reports it, nothing is lost.
      if (isPlainObject(value)) await cursor.update({ ...value, status: policyFreeStatus(value) } as StoredRecord);
      cursor = await cursor.continue();
    }
  },
];

if (UPGRADE_STEPS.length !== DB_VERSION) throw new Error('lib/db: one upgrade step per database version');

// ---------------------------------------------------------------------------------------------
// Errors

/** IndexedDB's errors, in words; a full disk keeps the name QuotaExceededError for the caller. */
function storageError(error: unknown, action: string): Error {
  const name = error instanceof Error || isDomException(error) ? error.name : '';
  if (error instanceof DbError || error instanceof StorageError) return error;
  if (name === 'QuotaExceededError') {
    return new StorageError(`${action}: the browser's storage for Invite Guard is full. Free some disk space and try again.`, 'QuotaExceededError', error);
  }
  if (name === 'InvalidStateError') {
    return new StorageError(`${action}: the database connection is closed.`, name, error);
  }
  const detail = error instanceof Error || isDomException(error) ? error.message || error.name : String(error);
  return new StorageError(`${action}: ${detail}`, name, error);
}

// What IndexedDB raises when the storage, not the data, is at fault: the same write succeeds later
// (room freed, connection reopened, the worker's transaction no longer cut short).
const PASSING_FAILURES = new Set(['QuotaExceededError', 'InvalidStateError', 'AbortError', 'UnknownError', 'TransactionInactiveError', 'TimeoutError']);

/** An error of the browser's storage, as opposed to invalid data (DbError) or a bug. */
class StorageError extends Error {
  /** Whether writing the same thing again later may succeed. */
  readonly passing: boolean;

  constructor(message: string, reason: string, cause: unknown) {
    super(message, { cause });
    // A full disk keeps its name: callers tell the admin to free space.
    this.name = reason === 'QuotaExceededError' ? reason : 'Error';
    this.passing = PASSING_FAILURES.has(reason);
  }
}

/**
 * Whether a write failed for a reason that passes (a full disk, a closed connection, an aborted
 * transaction), so that the same write should be kept and tried again rather than given up.
 */
export function isPassingFailure(error: unknown): boolean {
  if (error instanceof StorageError) return error.passing;
  return (error instanceof Error || isDomException(error)) && error.name === 'QuotaExceededError';
}

function isDomException(error: unknown): error is DOMException {
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}

/** An error this module raised itself (invalid input, a missing record): passed on as it is. */
class DbError extends Error {
  override name = 'Error';
}

function fail(message: string): never {
  throw new DbError(message);
}

function who(record: unknown): string {
  if (isPlainObject(record)) {
    if (typeof record.email === 'string' && record.email.trim()) return `the record for ${record.email.trim()}`;
    if (typeof record.id === 'string' && record.id) return `record ${record.id}`;
  }
  return 'the record';
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'value';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}

/** Validates a record and its status before anything is written; throws a readable error. */
function toStored(entry: RecordEntry, action: string): StoredRecord {
  const parsed = parseRecord(entry.record);
  if (!parsed.ok) fail(`Could not ${action} ${who(entry.record)}: ${parsed.error}`);
  const status = statusSchema.safeParse(entry.status);
  if (!status.success) fail(`Could not ${action} ${who(entry.record)}: status: must be one of ${STATUSES.join(', ')}`);
  return withoutUndefined({ ...parsed.record, status: status.data });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// Reading stored values

type StoredParse = { ok: true; record: StoredRecord } | { ok: false; error: string };

/**
 * A stored value, checked. A valid record whose status is missing or unknown is still read, with
 * the policy-free status: the status is derived and the next sweep recomputes it.
 */
function parseStored(value: unknown): StoredParse {
  const result = storedRecordSchema.safeParse(value);
  if (result.success) return { ok: true, record: result.data };
  const record = parseRecord(value);
  if (!record.ok) return record;
  return { ok: true, record: { ...record.record, status: policyFreeStatus(record.record) } };
}

function validRecords(values: unknown[]): StoredRecord[] {
  const records: StoredRecord[] = [];
  for (const value of values) {
    const parsed = parseStored(value);
    if (parsed.ok) records.push(parsed.record);
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Transactions

/**
 * Runs `work` in `tx` and waits for the commit. Anything thrown inside aborts the transaction, so
 * none of its writes stay. `work` must only await IndexedDB requests, or the transaction closes.
 */
async function inTransaction<Tx extends { done: Promise<void>; abort(): void }, T>(
  start: () => Tx,
  action: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let tx: Tx;
  try {
    tx = start();
  } catch (error) {
    throw storageError(error, action);
  }
  const done = tx.done;
  done.catch(() => undefined); // awaited below; this only keeps an abort from going unhandled
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already committed or aborted.
    }
    // When IndexedDB aborts the transaction itself (a full disk), each request only says
    // "AbortError": the transaction's own error says why.
    const reason = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    throw storageError(errorName(error) === 'AbortError' && reason ? reason : error, action);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error || isDomException(error) ? error.name : '';
}

/**
 * Starts requests one after another and waits for all of them. If one throws before it starts,
 * the requests already started are still handled: the abort that follows rejects them too.
 */
async function allRequests(starts: (() => Promise<unknown>)[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const start of starts) {
    const request = start();
    request.catch(() => undefined); // reported through Promise.all below, or superseded by the abort
    pending.push(request);
  }
  await Promise.all(pending);
}

// ---------------------------------------------------------------------------------------------
// The repository

/** What the records store holds, as all() reads it: kept by the connection between calls. */
class Snapshot {
  readonly records = new Map<string, StoredRecord>();
  /** Values that are not valid records, with their keys as stored (any valid key, not only strings). */
  corrupted: { rawKey: IDBValidKey; key: string; error: string }[] = [];
  private sorted = true;

  /** Takes records just written: each replaces what its key held, a corrupted value included. */
  put(written: readonly StoredRecord[]): void {
    for (const record of written) {
      if (!this.records.has(record.id)) this.sorted = false;
      this.records.set(record.id, record);
    }
    const ids = new Set(written.map((r) => r.id));
    if (this.corrupted.some((c) => typeof c.rawKey === 'string' && ids.has(c.rawKey))) {
      this.corrupted = this.corrupted.filter((c) => !(typeof c.rawKey === 'string' && ids.has(c.rawKey)));
    }
  }

  /** The records in key order, as the store returns them (string keys sort by UTF-16 code units, as JS does). */
  list(): StoredRecord[] {
    const list = [...this.records.values()];
    if (this.sorted) return list;
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.records.clear();
    for (const record of list) this.records.set(record.id, record);
    this.sorted = true;
    return [...list];
  }
}

export class InviteGuardDb {
  private open = true;
  /** The store as last read or written through this connection, for known(); null until read, or after a failed write. */
  private snapshot: Snapshot | null = null;
  /** Counts writes, so that a read that overlapped one is not kept. */
  private generation = 0;

  constructor(private readonly db: Database) {
    // Closed for a newer version, or by the browser (storage cleared): the owner opens a new one.
    db.addEventListener('versionchange', () => this.close());
    db.addEventListener('close', () => {
      this.open = false;
      this.snapshot = null;
    });
  }

  /** False once the connection has closed; a closed connection can't be used again. */
  get isOpen(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
    this.snapshot = null;
    this.db.close();
  }

  /**
   * One read in its own transaction, waited for to its end: a read transaction the browser aborts
   * is reported like any other failure, never left as an unhandled rejection.
   */
  private read<Name extends StoreNames<InviteGuardSchema>, T>(
    name: Name,
    action: string,
    request: (store: IDBPObjectStore<InviteGuardSchema, [Name], Name, 'readonly'>) => Promise<T>,
  ): Promise<T> {
    return inTransaction(() => this.db.transaction(name, 'readonly'), action, (tx) => request(tx.store));
  }

  /** The record with this id; undefined when there is none or its stored value is corrupted (see all()). */
  async get(id: string): Promise<StoredRecord | undefined> {
    const value: unknown = await this.read('records', `Could not read record ${id}`, (store) => store.get(id));
    if (value === undefined) return undefined;
    const parsed = parseStored(value);
    return parsed.ok ? parsed.record : undefined;
  }

  /**
   * Every valid record, and the keys of stored values that are not valid records, with why, read
   * from the store now. What a change is based on: it sees every value, whoever wrote it.
   */
  async all(): Promise<{ records: StoredRecord[]; corrupted: { key: string; error: string }[] }> {
    return this.answer(await this.load());
  }

  /**
   * The same as all(), answered from memory after the first read: this connection keeps what it
   * read in step with its own writes, and every all() reads it afresh. For reads that change
   * nothing (the popup's list): a value another connection wrote shows after the next all().
   * The records are shared with later calls: never mutate them.
   */
  async known(): Promise<{ records: StoredRecord[]; corrupted: { key: string; error: string }[] }> {
    // A closed connection answers nothing from memory: its reads fail as they always did.
    return this.answer((this.open && this.snapshot) || (await this.load()));
  }

  private answer(snapshot: Snapshot): { records: StoredRecord[]; corrupted: { key: string; error: string }[] } {
    return { records: snapshot.list(), corrupted: snapshot.corrupted.map(({ key, error }) => ({ key, error })) };
  }

  /** Reads and parses the whole store; keeps the result unless a write committed meanwhile. */
  private async load(): Promise<Snapshot> {
    const generation = this.generation;
    // One after the other in one transaction: the same state, and no request left unheard if the
    // transaction ends between the two.
    const [keys, values] = await this.read('records', 'Could not read the access log', async (store) => [await store.getAllKeys(), (await store.getAll()) as unknown[]] as const);
    const snapshot = new Snapshot();
    values.forEach((value, i) => {
      const parsed = parseStored(value);
      if (parsed.ok) snapshot.records.set(parsed.record.id, parsed.record);
      else snapshot.corrupted.push({ rawKey: keys[i]!, key: String(keys[i]), error: parsed.error });
    });
    if (generation === this.generation && this.open) this.snapshot = snapshot;
    return snapshot;
  }

  /**
   * Runs a write and brings the snapshot in step with what it committed. A write the storage failed
   * may or may not have reached the disk: the snapshot is dropped and the next all() reads the store.
   */
  private async write<T>(work: () => Promise<T>, written: (result: T) => readonly StoredRecord[]): Promise<T> {
    this.generation++;
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // Refused before anything was written (a missing record, an invalid change): nothing changed.
      if (error instanceof DbError) throw error;
      this.generation++;
      this.snapshot = null;
      throw error;
    }
    this.snapshot?.put(written(result));
    return result;
  }

  async byStatus(status: RecordStatus): Promise<StoredRecord[]> {
    if (!statusSchema.safeParse(status).success) fail(`Unknown status "${String(status)}": must be one of ${STATUSES.join(', ')}`);
    return this.fromIndex('by-status', status, `Could not read the ${status} records`);
  }

  /** Records for this address (compared trimmed and lower-cased, as records store it). */
  async byEmail(email: string): Promise<StoredRecord[]> {
    const normalized = email.trim().toLowerCase();
    return this.fromIndex('by-email', normalized, `Could not read the records for ${normalized}`);
  }

  /** Records whose end date is between the two dates (YYYY-MM-DD), both included. */
  async endingBetween(fromIsoDate: string, toIsoDate: string): Promise<StoredRecord[]> {
    for (const date of [fromIsoDate, toIsoDate]) {
      if (dayNumber(date) === null) fail(`"${date}" is not a calendar date (YYYY-MM-DD)`);
    }
    if (fromIsoDate > toIsoDate) return [];
    return this.fromIndex('by-endsOn', IDBKeyRange.bound(fromIsoDate, toIsoDate), `Could not read the records ending ${fromIsoDate} to ${toIsoDate}`);
  }

  private async fromIndex(index: 'by-email' | 'by-status' | 'by-endsOn', query: string | IDBKeyRange, action: string): Promise<StoredRecord[]> {
    const values: unknown[] = await this.read('records', action, (store) => store.index(index).getAll(query));
    return validRecords(values);
  }

  /** Writes one record; validates it first and writes nothing when it is invalid. */
  async put(record: AccessRecord, status: RecordStatus): Promise<void> {
    const stored = toStored({ record, status }, 'save');
    const save = () =>
      inTransaction(() => this.db.transaction('records', 'readwrite'), `Could not save ${who(stored)}`, async (tx) => {
        await tx.store.put(stored);
      });
    await this.write(save, () => [stored]);
  }

  /** Writes every record or none: all are validated first, then written in one transaction. */
  async putMany(entries: RecordEntry[]): Promise<void> {
    const stored = entries.map((entry) => toStored(entry, 'save'));
    if (stored.length === 0) return;
    const action = `Could not save ${stored.length === 1 ? who(stored[0]) : `${stored.length} records`}`;
    const save = () =>
      inTransaction(() => this.db.transaction('records', 'readwrite'), action, async (tx) => {
        await allRequests(stored.map((value) => () => tx.store.put(value)));
      });
    await this.write(save, () => stored);
  }

  /**
   * Reads, changes and writes one record in one transaction, so no other change lands in between.
   * `change` must be synchronous; if it throws, or returns an invalid record, nothing is written.
   */
  async update(id: string, change: (current: StoredRecord) => RecordEntry): Promise<StoredRecord> {
    const save = () => inTransaction(() => this.db.transaction('records', 'readwrite'), `Could not update record ${id}`, async (tx) => {
      const value: unknown = await tx.store.get(id);
      if (value === undefined) fail(`Could not update record ${id}: there is no such record`);
      const current = parseStored(value);
      if (!current.ok) fail(`Could not update record ${id}: its stored value is corrupted (${current.error})`);
      const next: unknown = change(current.record);
      if (next instanceof Promise) fail(`Could not update record ${id}: the change must be synchronous`);
      const stored = toStored(next as RecordEntry, 'update');
      if (stored.id !== id) fail(`Could not update record ${id}: the change may not alter the record's id (got ${stored.id})`);
      await tx.store.put(stored);
      return stored;
    });
    return this.write(save, (stored) => [stored]);
  }

  /** The keys of every reminder already raised. */
  async sentReminderKeys(): Promise<Set<string>> {
    const keys = await this.read('reminders', 'Could not read the reminders already sent', (store) => store.getAllKeys());
    return new Set(keys.filter((key): key is string => typeof key === 'string'));
  }

  /**
   * Records reminders as raised at `now` and writes the records they changed, in one transaction
   * over both stores: either all of it is stored or none. A reminder already recorded keeps the
   * time it was first raised.
   */
  async markRemindersSent(entries: { key: string; recordIds: string[] }[], now: Date, recordUpdates: RecordEntry[] = []): Promise<void> {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) fail('Could not record the reminders: the time is not a valid date');
    const sentAt = now.toISOString();
    const reminders = entries.map((entry, i): SentReminder => {
      const parsed = sentReminderSchema.safeParse(entry);
      if (!parsed.success) fail(`Could not record reminder ${i + 1}: ${issueText(parsed.error)}`);
      return { key: parsed.data.key, sentAt, recordIds: parsed.data.recordIds };
    });
    const records = recordUpdates.map((entry) => toStored(entry, 'save'));
    if (reminders.length === 0 && records.length === 0) return;
    const start = () => this.db.transaction(['reminders', 'records'], 'readwrite');
    const save = () => inTransaction(start, 'Could not record the reminders sent', async (tx) => {
      const reminderStore = tx.objectStore('reminders');
      const recordStore = tx.objectStore('records');
      await allRequests([
        ...reminders.map((reminder) => async () => {
          const known = await reminderStore.getKey(reminder.key);
          if (known === undefined) await reminderStore.put(reminder);
        }),
        ...records.map((value) => () => recordStore.put(value)),
      ]);
    });
    await this.write(save, () => records);
  }

  /**
   * A stored setting such as the last sweep time. Values are not typed by the database: pass a
   * schema to check it (an invalid value then reads as undefined), or check it yourself.
   */
  async getMeta<T>(key: string, schema?: z.ZodType<T>): Promise<T | undefined> {
    const value: unknown = await this.read('meta', `Could not read the setting "${key}"`, (store) => store.get(key));
    if (value === undefined || !schema) return value as T | undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  }

  /** Stores a setting; undefined removes it. The value must be structured-cloneable. */
  async setMeta(key: string, value: unknown): Promise<void> {
    await inTransaction(() => this.db.transaction('meta', 'readwrite'), `Could not save the setting "${key}"`, async (tx) => {
      if (value === undefined) await tx.store.delete(key);
      else await tx.store.put(value, key);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Opening

/**
 * Opens (creating or upgrading) the database. `factory` defaults to the global `indexedDB`, read
 * at call time; tests pass a fresh fake one. The connection closes itself when a newer version of
 * the extension needs to upgrade the database, so that upgrade is never blocked.
 */
export async function openInviteGuardDb(options: { name?: string; factory?: IDBFactory } = {}): Promise<InviteGuardDb> {
  const name = options.name ?? DB_NAME;
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new Error('Could not open the Invite Guard database: IndexedDB is not available here.');

  let upgradeError: { from: number; error: unknown } | undefined;
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, DB_VERSION);
  } catch (error) {
    throw storageError(error, 'Could not open the Invite Guard database');
  }
  const opened = wrap(request) as Promise<Database>;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as Database;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    const from = event.oldVersion;
    const run = async () => {
      for (let version = from; version < DB_VERSION; version++) await UPGRADE_STEPS[version]!(db, tx);
    };
    run().catch((error: unknown) => {
      upgradeError = { from, error };
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
    });
  });

  let db: Database;
  try {
    db = await opened;
  } catch (error) {
    if (upgradeError) {
      const cause = upgradeError.error;
      const detail = cause instanceof Error || isDomException(cause) ? cause.message || cause.name : String(cause);
      throw new Error(`Could not upgrade the Invite Guard database from version ${upgradeError.from} to ${DB_VERSION}: ${detail}`, { cause });
    }
    const errorName = error instanceof Error || isDomException(error) ? error.name : '';
    if (errorName === 'VersionError') {
      throw new Error(
        `Could not open the Invite Guard database: it was written by a newer version of Invite Guard (this one reads version ${DB_VERSION}). Update the extension.`,
        { cause: error },
      );
    }
    throw storageError(error, 'Could not open the Invite Guard database');
  }
  return new InviteGuardDb(db);
}

/**
 * The connection a service worker keeps while it lives: opened on first use, and opened again when
 * it was closed (a newer version, storage cleared) or failed to open, so no write meets a dead one.
 */
export function reusableConnection(open: () => Promise<InviteGuardDb> = () => openInviteGuardDb()): () => Promise<InviteGuardDb> {
  let database: Promise<InviteGuardDb> | null = null;
  return async () => {
    const current = database && (await database.catch(() => null));
    if (current?.isOpen) return current;
    database = open();
    return database;
  };
}
