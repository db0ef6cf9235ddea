// Bad input through the files and forms an admin hands to Invite Guard: a JSON export, Mixpanel's
// audit log CSV, and the policy form. Each is read by a schema; nothing throws; each problem is
// reported where it is (the record and field, the line, the form field).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPORT_FORMAT, EXPORT_VERSION, parseExport, toJson } from '../lib/export';
import { parseAuditLogCsv } from '../lib/audit-log';
import { toCsvLines } from '../lib/csv';
import { auditReconcileSchema } from '../lib/messages';
import { checkForm, policyToForm, type PolicyForm } from '../lib/policy-form';
import { defaultPolicy, parsePolicy } from '../lib/policy';
import { HUGE_TEXT, POLLUTING_KEYS, anyText, arbitraryRecord, brokenRecord, hostileValue, nestedGarbage, pollutingObject, type Path } from './arbitraries';

const EXPORTED_AT = new Date('2026-11-23T12:00:00Z');

function exportText(records: unknown[]): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: EXPORTED_AT.toISOString(), records });
}

/** A path as parseExport writes it: `history[0].at`. */
function pathText(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

/** Text JSON.stringify can make of a value, when it can make any. */
function jsonOf(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

describe('the JSON import (parseExport)', () => {
  it('never throws, and refuses any file that is not an export with a reason', () => {
    const text = fc.oneof(
      hostileValue.map(jsonOf).filter((t): t is string => t !== null),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('', '\uFEFF', 'null', '[]', '{}', '{"format": "invite-guard-access-log"}', HUGE_TEXT, `{"records": [${'['.repeat(5000)}`),
      // The export's own keys only under "__proto__" or "constructor": not the export's.
      fc.constantFrom(...POLLUTING_KEYS).map((key) => `{"${key}": ${exportText([])}}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        const result = parseExport(t);
        if (!result.ok) {
          expect(result.records).toEqual([]);
          expect(result.error).toMatch(/^(The file|Unsupported export version|The export has no list)/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects each record with one field broken, naming the record and the field, and keeps the rest', () => {
    fc.assert(
      fc.property(brokenRecord, arbitraryRecord(), ({ record, path }, good) => {
        const result = parseExport(exportText([good, record]));
        expect(result.ok).toBe(true);
        expect(result.records).toHaveLength(1);
        expect(result.rejected).toHaveLength(1);
        expect(result.rejected[0]).toMatchObject({ index: 1, reason: expect.stringContaining(pathText(path)) });
      }),
      { numRuns: 800 },
    );
  });

  it('rejects records of garbage, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nestedGarbage, pollutingObject), { maxLength: 8 }), (records) => {
        const text = jsonOf(records);
        if (text === null) return;
        const result = parseExport(`{"format": "${EXPORT_FORMAT}", "version": 1, "records": ${text}}`);
        expect(result).toMatchObject({ ok: true, records: [] });
        expect(result.rejected).toHaveLength((JSON.parse(text) as unknown[]).length);
      }),
      { numRuns: 300 },
    );
  });

  it('drops polluting keys from a record and never follows them', () => {
    fc.assert(
      fc.property(arbitraryRecord({ freeText: anyText }), (record) => {
        const clean = toJson([record], EXPORTED_AT);
        const dirty = clean.replace('"id":', '"__proto__": {"orgRole": "owner", "polluted": true}, "constructor": {"prototype": {"polluted": true}}, "id":');
        const result = parseExport(dirty);
        expect(result).toMatchObject({ ok: true, rejected: [] });
        expect(Object.keys(result.records[0]!)).not.toContain('__proto__');
        expect(Object.keys(result.records[0]!)).not.toContain('constructor');
        expect(toJson(result.records, EXPORTED_AT)).toBe(clean);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe("Mixpanel's audit log CSV", () => {
  const eventSchema = auditReconcileSchema.shape.events.element;
  const HEADERS = ['Time', 'Timestamp', 'Event', 'Action', 'Actor', 'Target', 'Target User', 'Email', 'Project', 'Details', 'Role', '__proto__', 'constructor', ''];
  const cell = fc.oneof(
    fc.constantFrom(
      '2026-11-23T10:00:00Z', '2026-02-30T10:00:00Z', '2026-02-30', '2026-11-23 25:61', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z',
      '10000-01-01', '9999-12-31T23:59:59.999Z', '0000-01-01', '1700000000', '99999999999', '9999999999999', 'NaN', 'Infinity', '-0',
      'invitation.sent', 'Invitation Sent', 'user.role_changed', 'organization.user_removed', 'ops@brightlane-agency.io',
      '"Lee" <lee@acme.com>', `${'a'.repeat(70)}@${'b'.repeat(250)}.com`, 'a@b', '@', '=HYPERLINK("https://evil.example")', '"', '""', '\r', '\n', '\u0000', '\uFEFF',
    ),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constant('x'.repeat(5000)),
  );
  const table = fc.record({
    header: fc.shuffledSubarray(HEADERS, { minLength: 1 }),
    rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
  });
  // Rows of the audit log's own columns, each cell good, broken or hostile.
  const auditRow = fc.tuple(
    fc.oneof(fc.constantFrom('2026-11-23T10:00:00Z', '2026-11-23 10:00:00', '1700000000', 'Nov 23, 2026 10:00 AM'), cell),
    fc.oneof(fc.constantFrom('invitation.sent', 'Invitation Accepted', 'user.role_changed', 'organization.user_removed', 'project.user_added'), cell),
    fc.oneof(fc.constantFrom('ops@brightlane-agency.io', 'Lee <lee@acme.com>', 'kim@acme.com; jo@acme.com'), cell),
    cell,
    cell,
  );
  const auditLog = fc.array(auditRow, { minLength: 1, maxLength: 10 }).map((rows) => toCsvLines([['Time', 'Event', 'Target', 'Project', 'Details'], ...rows]));
  const csv = fc.oneof(
    { arbitrary: auditLog, weight: 3 },
    table.map(({ header, rows }) => toCsvLines([header, ...rows])),
    // Hand-joined: quotes left open, separators mixed.
    fc.tuple(table, fc.constantFrom(',', ';', '\t')).map(([{ header, rows }, separator]) => [header, ...rows].map((row) => row.join(separator)).join('\n')),
    fc.string({ unit: 'binary', maxLength: 400 }),
  );

  it('never throws, and every event it reads is one the background accepts', () => {
    let events = 0;
    fc.assert(
      fc.property(csv, (text) => {
        const result = parseAuditLogCsv(text);
        for (const event of result.events) expect(eventSchema.safeParse(event), JSON.stringify(event)).toMatchObject({ success: true });
        expect(auditReconcileSchema.safeParse({ type: 'audit-reconcile', events: result.events }).success).toBe(true);
        for (const error of result.errors) {
          expect(Number.isInteger(error.line) && error.line >= 0).toBe(true);
          expect(error.message.length).toBeGreaterThan(3);
        }
        events += result.events.length;
      }),
      { numRuns: 1000 },
    );
    expect(events).toBeGreaterThan(0); // the property did see readable rows
  });

  it('reports impossible dates and years ISO 8601 cannot write as errors of their line', () => {
    const text = [
      'Time,Event,Target',
      '2026-02-30T10:00:00Z,invitation.sent,a@acme.com',
      '+275760-09-13T00:00:00Z,invitation.sent,b@acme.com',
      '10000-01-01,invitation.sent,c@acme.com',
      '2026-11-23T10:00:00Z,invitation.sent,d@acme.com',
    ].join('\n');
    const result = parseAuditLogCsv(text);
    expect(result.events.map((e) => e.target)).toEqual(['d@acme.com']);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(result.errors[0]!.message).toBe('Unreadable time "2026-02-30T10:00:00Z".');
  });

  it('reads what is not text as an error, not a crash', () => {
    fc.assert(
      fc.property(hostileValue.filter((v) => typeof v !== 'string'), (value) => {
        expect(parseAuditLogCsv(value as string)).toEqual({ events: [], errors: [{ line: 0, message: 'The file is not text.' }] });
      }),
    );
  });
});

describe('the policy form', () => {
  const base = policyToForm(defaultPolicy());
  const fields = Object.keys(base) as (keyof PolicyForm)[];
  const hostileText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '9'.repeat(400), '-0', '0x10', '1.5', '  ', '__proto__', 'constructor', 'acme.com\n'.repeat(2000), HUGE_TEXT, '(a+)+$', '(', '[', '\\'),
  );

  it('never throws on any value in any field, and each error is filed under its field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), fc.oneof(hostileText, hostileValue), { maxKeys: 5 }), (changes) => {
        const form: Record<string, unknown> = { ...base };
        for (const [key, value] of Object.entries(changes)) form[key] = value;
        const checked = checkForm(form);
        if (checked.ok) {
          // Whatever passed is a policy the schema keeps as it is.
          expect(parsePolicy(checked.policy)).toEqual({ ok: true, policy: checked.policy });
          return;
        }
        const filed = Object.keys(checked.errors);
        expect(filed.length).toBeGreaterThan(0);
        for (const field of filed) expect(Object.keys(changes)).toContain(field);
        for (const messages of Object.values(checked.errors)) for (const message of messages!) expect(message).toMatch(/^[A-Z].+: .+/);
      }),
      { numRuns: 800 },
    );
  });

  it('refuses a form that is not one, and fields of the wrong kind, by name', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        expect(checkForm(value)).toMatchObject({ ok: false });
      }),
      { numRuns: 300 },
    );
    expect(checkForm(null)).toEqual({ ok: false, errors: { '': ['The policy form: is unreadable'] } });
    expect(checkForm({ ...base, maxAdmins: 3, ssoEnforced: 'yes', allowedDomains: HUGE_TEXT })).toEqual({
      ok: false,
      errors: {
        allowedDomains: ['Allowed domains: is too long'],
        ssoEnforced: ['SSO required: must be true or false'],
        maxAdmins: ['Most owners and admins: must be text'],
      },
    });
    expect(checkForm({ ...base, maxAdmins: '9'.repeat(400), inviteExpiryDays: 'NaN', reminderLeadDays: '7, Infinity' })).toMatchObject({
      ok: false,
      errors: { maxAdmins: [expect.stringContaining('Most owners and admins')], inviteExpiryDays: [expect.any(String)], reminderLeadDays: [expect.any(String)] },
    });
  });
});
