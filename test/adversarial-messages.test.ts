// Bad input at the access log's door: random values, every message with one field broken, polluting
// keys, huge strings, impossible dates. Each gets a clear error reply, never a throw, and the
// database (corrupted and version 1 values included) is exactly as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog } from '../lib/access-log';
import { openInviteGuardDb, reusableConnection } from '../lib/db';
import { parseMessage, type Message, type Reply } from '../lib/messages';
import { defaultPolicy, type Policy } from '../lib/policy';
import { newRecord } from '../lib/records';
import { POLLUTING_KEYS, arbitraryMessage, brokenMessage, hostileValue, valuePaths, valueAt } from './arbitraries';
import { expectSameStore, snapshotStore, writeRaw, type StoreSnapshot } from './store-snapshot';

const place = { region: 'eu' as const, organization: 'Acme Analytics' };
const NOW = new Date('2026-11-23T10:00:00Z');

/** An access log over a fresh database, with a policy store it can write to. */
function makeLog(factory: IDBFactory) {
  const saved: Policy[] = [];
  let ids = 0;
  const log = new AccessLog({
    db: reusableConnection(() => openInviteGuardDb({ factory })),
    policy: async () => defaultPolicy(),
    savePolicy: async (policy) => void saved.push(policy),
    now: () => NOW,
    newId: () => `id-${++ids}`,
  });
  return { log, saved };
}

/** A database with something of everything: records in each state, a reminder, a version 1 record, corrupted values. */
async function seeded() {
  const factory = new IDBFactory();
  const { log, saved } = makeLog(factory);
  const ok = async (message: unknown) => expect(await log.handle(message)).toMatchObject({ ok: true });
  await ok({ type: 'invitation-sent', ...place, rows: [{ email: 'ops@brightlane-agency.io', orgRole: 'member', projects: [{ name: 'Prod', role: 'analyst' }] }], note: { reason: 'Tracking plan', endsOn: '2026-11-30' } });
  await ok({ type: 'invitation-sent', ...place, rows: [{ email: 'lee@acme.com', orgRole: 'admin', projects: [] }], note: { reason: 'Runs SSO' } });
  await ok({ type: 'page-observed', ...place, members: [{ email: 'lee@acme.com', orgRole: 'admin' }], pending: [{ email: 'ops@brightlane-agency.io' }], complete: true });
  await ok({ type: 'note-save', ...place, email: 'kim@acme.com', orgRole: 'member', pageState: 'member', note: { reason: 'Existing analyst' } });
  await ok({ type: 'record-snooze', id: 'id-2', until: '2026-12-24' });
  await log.sweep(); // raises the reminder for ops@, so the reminders store is not empty
  // A record as version 1 stored it (no status), and values no version ever wrote.
  await writeRaw(factory, 'records', newRecord({ id: 'v1-record', email: 'old@acme.com', orgRole: 'member', projects: [], note: { reason: 'Before statuses' }, ...place }, NOW));
  await writeRaw(factory, 'records', { id: 'corrupt-1', email: 42, orgRole: 'emperor', history: 'none' });
  await writeRaw(factory, 'records', JSON.parse('{"id": "corrupt-2", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'));
  await writeRaw(factory, 'records', { id: 'corrupt-3', email: 'x@acme.com', invitedAt: '2026-02-30T10:00:00Z', endsOn: '2026-02-30', history: [{ at: 'NaN', type: 'invited' }], count: Number.NaN });
  const start = await snapshotStore(factory);
  expect(start.records!.length).toBe(7);
  expect(start.reminders!.length).toBeGreaterThan(0);
  return { factory, log, saved };
}

/** A reply a person can act on: ok, or an error that says something. */
function expectClearReply(reply: Reply<Record<string, unknown>>): void {
  expect(typeof reply.ok).toBe('boolean');
  if (!reply.ok) {
    expect(typeof reply.error).toBe('string');
    expect(reply.error.trim().length).toBeGreaterThan(10);
    expect(reply.error.length).toBeLessThanOrEqual(2000);
  }
}

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
}
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Counts the distinct hostile inputs a property saw, for the report. */
function counter() {
  const seen = new Set<string>();
  const describe = (value: unknown) => {
    try {
      return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))?.slice(0, 10_000) ?? String(value);
    } catch {
      return String(value);
    }
  };
  return { add: (value: unknown) => seen.add(describe(value)), get size() { return seen.size; } };
}

describe('the access log refuses bad input and changes nothing', () => {
  let store: Awaited<ReturnType<typeof seeded>>;
  let before: StoreSnapshot;

  beforeAll(async () => {
    store = await seeded();
    before = await snapshotStore(store.factory);
  });

  const unchanged = async () => {
    expectSameStore(await snapshotStore(store.factory), before);
    expect(store.saved).toEqual([]);
    expectNoPollution();
  };

  it('answers any value at all: invalid ones with "Invalid message", nothing written', async () => {
    const seen = counter();
    await fc.assert(
      fc.asyncProperty(hostileValue, async (input) => {
        seen.add(input);
        const valid = parseMessage(input).ok;
        const reply = await store.log.handle(input);
        expectClearReply(reply);
        if (!valid) expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^Invalid message: /) });
        await unchanged();
      }),
      { numRuns: 600 },
    );
    console.info(`[adversarial] hostile values: 600 runs, ${seen.size} distinct`);
  });

  it('refuses every message with one field broken, naming the field', async () => {
    const seen = counter();
    await fc.assert(
      fc.asyncProperty(brokenMessage, async ({ message, path }) => {
        seen.add(message);
        const reply = await store.log.handle(message);
        expectClearReply(reply);
        expect(reply.ok).toBe(false);
        if (path[0] === 'policy') expect(reply).toMatchObject({ error: expect.stringMatching(/^The policy was not saved: /) });
        else expect(reply).toEqual({ ok: false, error: expect.stringContaining(`Invalid message: ${path.join('.')}`) });
        await unchanged();
      }),
      { numRuns: 800 },
    );
    console.info(`[adversarial] one broken field: 800 runs, ${seen.size} distinct`);
  });

  it('names the impossible date, the blank address and the unknown type', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'record-snooze', id: 'id-1', until: '2026-02-30' }, 'Invalid message: until: must be a calendar date (YYYY-MM-DD)'],
      [{ type: 'record-extend', id: 'id-1', endsOn: '2026-04-31', reason: 'SOW' }, 'Invalid message: endsOn: must be a calendar date (YYYY-MM-DD)'],
      [{ type: 'note-save', ...place, email: 'kim@acme.com', note: { endsOn: '2026-02-30' } }, 'Invalid message: note.endsOn: must be a calendar date (YYYY-MM-DD)'],
      [{ type: 'invitation-sent', ...place, rows: [{ email: ' a@ ', orgRole: 'member', projects: [] }], note: {} }, 'Invalid message: rows.0.email: must be an email address'],
      [{ type: 'audit-reconcile', events: [{ at: '2026-02-30T10:00:00Z', event: 'invitation.sent', target: 'a@acme.com', line: 2 }] }, 'Invalid message: events.0.at: Invalid ISO datetime'],
      [{ type: 'page-observed', ...place, members: [], pending: [], complete: 'yes' }, 'Invalid message: complete: Invalid input: expected boolean, received string'],
      [{ type: '__proto__' }, 'Invalid message: type: Invalid discriminator value.'],
    ];
    for (const [message, error] of cases) {
      const reply = await store.log.handle(message);
      expect(reply, JSON.stringify(message)).toEqual({ ok: false, error: expect.stringContaining(error) });
    }
    await unchanged();
  });

  it('refuses a change to a corrupted record, and leaves it as it was', async () => {
    expect(await store.log.handle({ type: 'record-revoke', id: 'corrupt-1' })).toEqual({ ok: false, error: expect.stringContaining('its stored value is corrupted'), retry: true });
    expect(await store.log.handle({ type: 'record-extend', id: 'no-such-id', endsOn: '2027-01-01', reason: 'SOW' })).toEqual({ ok: false, error: expect.stringContaining('there is no such record'), retry: true });
    await unchanged();
  });

  it('never overwrites a corrupted record with an imported one of the same id', async () => {
    const record = newRecord({ id: 'corrupt-3', email: 'x@acme.com', orgRole: 'member', projects: [], note: {}, ...place }, NOW);
    const reply = await store.log.handle({ type: 'records-import', records: [record, { id: 'corrupt-1' }, 'garbage', null] });
    expect(reply).toMatchObject({ ok: true, added: 0, updated: 0, rejected: [{ index: 0, reason: expect.stringContaining('unreadable') }, { index: 1 }, { index: 2 }, { index: 3 }] });
    await unchanged();
  });

  it('imports nothing from records that are all invalid, whatever they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(hostileValue, brokenMessage.map((b) => b.message)), { maxLength: 6 }), async (records) => {
        const reply = await store.log.handle({ type: 'records-import', records });
        expect(reply).toMatchObject({ ok: true, added: 0, updated: 0 });
        expect((reply as unknown as { rejected: unknown[] }).rejected).toHaveLength(records.length);
        await unchanged();
      }),
      { numRuns: 150 },
    );
  });
});

describe('polluting keys are dropped, never followed', () => {
  /** The message with "__proto__", "constructor" and "prototype" as own keys of every object in it. */
  function polluted(message: Message): unknown {
    const copy: unknown = structuredClone(message);
    // Not into a policy: its schema is strict, and refuses unknown keys (below).
    for (const path of [[], ...valuePaths(copy)].filter((p) => p[0] !== 'policy')) {
      const target = valueAt(copy, path);
      if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
      for (const key of POLLUTING_KEYS) {
        Object.defineProperty(target, key, { value: { polluted: true, isAdmin: true }, enumerable: true, writable: true, configurable: true });
      }
    }
    return copy;
  }

  it('gives the same reply and stores the same thing as the clean message', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMessage, async (message) => {
        const clean = await seeded();
        const dirty = await seeded();
        const cleanReply = await clean.log.handle(message);
        const dirtyReply = await dirty.log.handle(polluted(message));
        expect(dirtyReply).toStrictEqual(cleanReply);
        expectSameStore(await snapshotStore(dirty.factory), await snapshotStore(clean.factory));
        expect(dirty.saved).toStrictEqual(clean.saved);
        expectNoPollution();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a policy with polluting keys, naming them, and saves nothing', async () => {
    const { log, saved } = makeLog(new IDBFactory());
    const policy = JSON.parse('{"maxAdmins": 3, "__proto__": {"maxAdmins": 0}, "constructor": {"prototype": {"polluted": true}}}') as unknown;
    expect(await log.handle({ type: 'save-policy', policy })).toEqual({
      ok: false,
      error: 'The policy was not saved: "__proto__" is not a policy setting.; "constructor" is not a policy setting.',
    });
    expect(saved).toEqual([]);
    expectNoPollution();
  });
});
