// Arbitraries for property tests, built from the schemas' own vocabulary: valid access records and
// messages, and the hostile values the background must refuse without changing anything.
import fc from 'fast-check';
import { EVENT_TYPES, PAGE_STATES, REGIONS, type AccessRecord } from '../lib/records';
import { ORG_ROLES, PROJECT_ROLES } from '../lib/roles';
import { messageSchema, type Message } from '../lib/messages';
import { AUDIT_EVENTS } from '../lib/audit-log';

/** Every message type the background knows. */
export const MESSAGE_TYPES = messageSchema.options.map((option) => option.shape.type.value);

export const isoDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
export const isoDate = isoDateTime.map((s) => s.slice(0, 10));
export const someText = (max: number) => fc.string({ maxLength: Math.min(max, 40) });
/** Text that may hold any code unit, lone surrogates and controls included. */
export const anyText = (max: number) => fc.oneof(someText(max), fc.string({ unit: 'binary', maxLength: Math.min(max, 20) }));

export interface RecordArbitraryOptions {
  /** For the fields people type (names, reasons, details); plain strings by default. */
  freeText?: (max: number) => fc.Arbitrary<string>;
  invitedAt?: fc.Arbitrary<string>;
}

export function arbitraryRecord(options: RecordArbitraryOptions = {}): fc.Arbitrary<AccessRecord> {
  const free = options.freeText ?? someText;
  return fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 40 }),
      email: fc.emailAddress().filter((e) => e.length <= 320),
      displayName: free(200),
      orgRole: fc.constantFrom(...ORG_ROLES),
      projects: fc.array(fc.record({ name: free(200), role: fc.constantFrom(...PROJECT_ROLES) }, { noNullPrototype: true }), { maxLength: 4 }),
      reason: free(2000),
      ticket: someText(200),
      approver: someText(320),
      endsOn: isoDate,
      invitedBy: someText(320),
      invitedAt: options.invitedAt ?? isoDateTime,
      region: fc.constantFrom(...REGIONS),
      organization: fc.string({ minLength: 1, maxLength: 40 }),
      pageState: fc.constantFrom(...PAGE_STATES),
      pageSeenAt: isoDateTime,
      acceptedAt: isoDateTime,
      revokedAt: isoDateTime,
      snoozedUntil: isoDate,
      updatedAt: isoDateTime,
      history: fc.array(
        fc.record(
          { at: isoDateTime, type: fc.constantFrom(...EVENT_TYPES), detail: free(2000), by: someText(320) },
          { requiredKeys: ['at', 'type'], noNullPrototype: true },
        ),
        { maxLength: 4 },
      ),
    },
    {
      requiredKeys: ['id', 'email', 'orgRole', 'projects', 'invitedAt', 'region', 'organization', 'pageState', 'updatedAt', 'history'],
      noNullPrototype: true,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Messages: every kind, valid, and the same with one field broken.

const place = { region: fc.constantFrom(...REGIONS), organization: fc.string({ minLength: 1, maxLength: 40 }) };
const email = fc.emailAddress().filter((e) => e.length <= 320);
const recordId = fc.string({ minLength: 1, maxLength: 40 });
const note = fc.record({ reason: someText(2000), ticket: someText(200), approver: someText(320), endsOn: isoDate }, { requiredKeys: [], noNullPrototype: true });
const project = fc.record({ name: someText(200), role: fc.constantFrom(...PROJECT_ROLES) }, { noNullPrototype: true });
const opts = <K extends string>(...requiredKeys: K[]) => ({ requiredKeys, noNullPrototype: true }) as const;

/** A valid message of each type, as the extension's own contexts send them. */
export const arbitraryMessage: fc.Arbitrary<Message> = fc.oneof(
  fc.record(
    {
      type: fc.constant('invitation-sent' as const),
      ...place,
      invitedBy: someText(320),
      rows: fc.array(
        fc.record({ email, displayName: someText(200), orgRole: fc.constantFrom(...ORG_ROLES), projects: fc.array(project, { maxLength: 3 }) }, opts('email', 'orgRole', 'projects')),
        { minLength: 1, maxLength: 3 },
      ),
      note,
    },
    opts('type', 'region', 'organization', 'rows', 'note'),
  ),
  fc.record(
    {
      type: fc.constant('page-observed' as const),
      ...place,
      members: fc.array(fc.record({ email, orgRole: fc.constantFrom(...ORG_ROLES) }, opts('email')), { maxLength: 3 }),
      pending: fc.array(fc.record({ email }, opts('email')), { maxLength: 3 }),
      complete: fc.boolean(),
    },
    opts('type', 'region', 'organization', 'members', 'pending', 'complete'),
  ),
  fc.record(
    {
      type: fc.constant('note-save' as const),
      ...place,
      email,
      displayName: someText(200),
      orgRole: fc.constantFrom(...ORG_ROLES),
      pageState: fc.constantFrom('member' as const, 'pending' as const),
      note,
      by: someText(320),
    },
    opts('type', 'region', 'organization', 'email', 'note'),
  ),
  fc.record({ type: fc.constant('records-for-page' as const), ...place }, opts('type', 'region', 'organization')),
  fc.constant({ type: 'list-records' as const }),
  fc.record({ type: fc.constant('access-overview' as const), limit: fc.integer({ min: 1, max: 500 }) }, opts('type', 'limit')),
  fc.constant({ type: 'get-policy' as const }),
  fc.record(
    { type: fc.constant('save-policy' as const), policy: fc.record({ maxAdmins: fc.integer({ min: 1, max: 1000 }), reminderLeadDays: fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 12 }) }, { requiredKeys: [], noNullPrototype: true }) },
    opts('type', 'policy'),
  ),
  fc.record(
    { type: fc.constant('record-extend' as const), id: recordId, endsOn: isoDate, reason: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '') },
    opts('type', 'id', 'endsOn', 'reason'),
  ),
  fc.record({ type: fc.constant('record-revoke' as const), id: recordId, detail: someText(2000) }, opts('type', 'id')),
  fc.record({ type: fc.constant('record-snooze' as const), id: recordId, until: isoDate }, opts('type', 'id', 'until')),
  fc.record({ type: fc.constant('records-import' as const), records: fc.array(arbitraryRecord(), { maxLength: 3 }) }, opts('type', 'records')),
  fc.record(
    {
      type: fc.constant('audit-reconcile' as const),
      events: fc.array(
        fc.record(
          { at: isoDateTime, event: fc.constantFrom(...AUDIT_EVENTS, 'custom.event'), actor: someText(320), target: email, project: someText(200), detail: someText(2000), line: fc.nat() },
          opts('at', 'event', 'target', 'line'),
        ),
        { maxLength: 3 },
      ),
    },
    opts('type', 'events'),
  ),
);

/** A string longer than any field allows (the longest allows 2,000 characters). */
export const HUGE_TEXT = 'x'.repeat(1_000_000);

/** Keys that pollute prototypes when a parser copies them carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object whose own keys are the polluting ones (as JSON.parse makes them), with garbage in them. */
export const pollutingObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as object,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as object,
  JSON.parse('{"__proto__": null, "constructor": null, "prototype": null}') as object,
);

/** Values that are invalid wherever a message has a value: no field takes null, NaN, infinities or 1 MB of text. */
const invalidAnywhere = fc.constantFrom<unknown>(null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, HUGE_TEXT);

const IMPOSSIBLE_DAYS = ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', '+02026-01-01', 'tomorrow'];
const IMPOSSIBLE_TIMES = ['2026-02-30T10:00:00Z', '2026-11-23T25:00:00Z', '2026-11-23 10:00', '+010000-01-01T00:00:00.000Z', 'now', '1700000000'];
const BAD_NAMES = ['', 'drop-database', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'MEMBER', 'emperor'];
/** A message's address must look like one once trimmed; a record's need only be 3 characters long. */
const BAD_ADDRESSES = { message: ['nobody', '@', '', ' a@ ', '\t@\n', 'a'.repeat(400) + '@acme.com'], record: ['', '@', 'a@', 'a'.repeat(321)] };

/** A value of the wrong kind for the value it replaces, or a broken value of the right kind. */
function breakerFor(current: unknown, key: string | number | undefined, kind: 'message' | 'record'): fc.Arbitrary<unknown> {
  const special: unknown[] = [];
  if (key === 'endsOn' || key === 'until' || key === 'snoozedUntil') special.push(...IMPOSSIBLE_DAYS);
  if (typeof key === 'string' && (key === 'at' || key.endsWith('At'))) special.push(...IMPOSSIBLE_TIMES);
  if (key === 'email' || key === 'target') special.push(...BAD_ADDRESSES[kind]);
  if (key === 'type' || key === 'region' || key === 'orgRole' || key === 'role' || key === 'pageState') special.push(...BAD_NAMES);
  if (key === 'line') special.push(-1, 1.5, 2 ** 53 + 2, '3');
  let flips: unknown[];
  if (typeof current === 'string') flips = [42, true, {}, [], [current], { toString: current }];
  else if (typeof current === 'number') flips = [String(current), [current], {}];
  else if (typeof current === 'boolean') flips = [String(current), Number(current), [current]];
  else if (Array.isArray(current)) flips = [{ ...current, length: current.length }, 'list', 0];
  else flips = [[current], 'object', 0, true];
  return fc.oneof(invalidAnywhere, fc.constantFrom(...flips, ...special));
}

export type Path = readonly (string | number)[];

/** Every place in a message a value can be broken; what a message passes on unchecked (a policy, imported records) is left alone. */
export function valuePaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries
    .map(([key]) => [...prefix, key])
    .filter((path) => !((path[0] === 'policy' || path[0] === 'records') && path.length > 1))
    .flatMap((path) => [path, ...valuePaths(valueAt(value, path.slice(prefix.length)), path)]);
}

export function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
}

/** A copy of `value` with the value at `path` replaced (own data properties, even for "__proto__"). */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  Object.defineProperty(copy, key!, { value: replaceAt(copy[key!], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A valid value with exactly one value in it broken: the wrong type, an impossible date, a huge string… */
function withOneBroken<T>(valid: T, kind: 'message' | 'record'): fc.Arbitrary<{ broken: unknown; path: Path; valid: T }> {
  return fc
    .constantFrom(...valuePaths(valid))
    .chain((path) => breakerFor(valueAt(valid, path), path[path.length - 1], kind).map((value) => ({ broken: replaceAt(valid, path, value), path, valid })));
}

/** A valid message with one value broken. */
export const brokenMessage: fc.Arbitrary<{ message: unknown; path: Path; valid: Message }> = arbitraryMessage.chain((valid) =>
  withOneBroken(valid, 'message').map(({ broken, path }) => ({ message: broken, path, valid })),
);

/** A valid access record with one value broken. */
export const brokenRecord: fc.Arbitrary<{ record: unknown; path: Path; valid: AccessRecord }> = arbitraryRecord().chain((valid) =>
  withOneBroken(valid, 'record').map(({ broken, path }) => ({ record: broken, path, valid })),
);

/** Deeply nested garbage: objects and arrays of hostile values, polluting keys included. */
export const nestedGarbage: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    invalidAnywhere,
    pollutingObject,
    fc.anything(),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 8 })), tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** Anything another context could send: every structured-cloneable kind of value, and garbage. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    stringUnit: 'binary',
  }),
  nestedGarbage,
  invalidAnywhere,
  fc.constantFrom<unknown>(undefined, '', 'list-records', '{"type":"list-records"}', ['list-records'], { type: ['list-records'] }, { type: { toString: 'list-records' } }),
  // A message of a known type with every field garbage.
  fc.record({ type: fc.constantFrom(...MESSAGE_TYPES), garbage: nestedGarbage }).map(({ type, garbage }) => ({ type, region: garbage, organization: garbage, rows: garbage, note: garbage, records: garbage, events: garbage, id: garbage })),
);
