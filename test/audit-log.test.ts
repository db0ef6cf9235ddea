// lib/audit-log: reading Mixpanel's organization audit log CSV, and reconciling it with the access
// log — what Mixpanel says happened becomes history, grants nobody documented are listed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_PREFIX, AUDIT_EVENTS, parseAuditLogCsv, readAuditTime, reconcile, type AuditEvent } from '../lib/audit-log';
import { newRecord, observe, parseRecord, revoke, type AccessRecord } from '../lib/records';
import type { OrgRole } from '../lib/roles';

const RUN = new Date('2026-12-01T09:00:00Z');

function record(id: string, email: string, invitedAt: string, orgRole: OrgRole = 'member'): AccessRecord {
  return newRecord(
    {
      id,
      email,
      orgRole,
      projects: [{ name: 'Production', role: 'analyst' }],
      note: { reason: 'Q1 tracking plan', ticket: 'SOW-7' },
      invitedBy: 'dana.whitfield@acme.com',
      region: 'us',
      organization: 'Acme Analytics',
    },
    new Date(invitedAt),
  );
}

// As Mixpanel's export writes it (column names as documented loosely), with what real files hold:
// quoted values with commas, quotes and new lines, a display name around an address, a Gmail
// spelling, an event Invite Guard does not know, and two rows that cannot be read.
const SAMPLE = [
  'Time,Event,Actor,Target,Project,Details',
  '2026-11-20T09:00:00Z,invitation.sent,dana.whitfield@acme.com,ghost@agency.io,,Role: Member',
  '2026-11-23 10:00:02,invitation.sent,dana.whitfield@acme.com,jane@agency.io,,',
  '2026-11-24T08:15:00Z,invitation.accepted,jane@agency.io,jane@agency.io,,',
  '2026-11-24T08:15:01Z,project.user_added,dana.whitfield@acme.com,"Jane Doe <Jane@Agency.io>",Production,analyst',
  '2026-11-24T08:15:01Z,project.user_added,dana.whitfield@acme.com,jane@agency.io,"Web, EU",consumer',
  '2026-11-26T12:00:00Z,user.role_changed,dana.whitfield@acme.com,jane@agency.io,,Changed role from Member to Admin',
  '2026-11-27T00:00:00Z,dashboard.shared,dana.whitfield@acme.com,jane@agency.io,,"Shared ""Revenue, weekly""\nwith the team"',
  '2026-11-27T01:00:00Z,organization.user_removed,dana.whitfield@acme.com,stranger@elsewhere.com,,',
  '2026-11-28T00:00:00Z,organization.user_removed,dana.whitfield@acme.com,lee@agency.io,,Offboarded',
  'yesterday,invitation.sent,dana.whitfield@acme.com,x@agency.io,,',
  '2026-11-28T00:00:00Z,project.user_added,dana.whitfield@acme.com,Growth team,Production,analyst',
  '2026-11-29T00:00:00Z,organization.user_added,scim@acme.com,J.O.H.N@googlemail.com,,SCIM',
  '2026-11-29T06:00:00Z,project.user_added,dana.whitfield@acme.com,ghost@agency.io,Staging,analyst',
  '2026-11-30T00:00:00Z,invitation.sent,dana.whitfield@acme.com,ghost@agency.io,,',
].join('\r\n');

describe('parseAuditLogCsv', () => {
  it('reads every row it can, keeps unknown events, and names the lines it cannot read', () => {
    const { events, errors } = parseAuditLogCsv(SAMPLE);
    expect(errors).toEqual([
      { line: 12, message: 'Unreadable time "yesterday".' },
      { line: 13, message: 'No email address in the target "Growth team".' },
    ]);
    expect(events).toHaveLength(12);
    expect(events[0]).toEqual({
      at: '2026-11-20T09:00:00.000Z',
      event: 'invitation.sent',
      actor: 'dana.whitfield@acme.com',
      target: 'ghost@agency.io',
      detail: 'Role: Member',
      line: 2,
    });
    expect(events[1]).toMatchObject({ at: '2026-11-23T10:00:02.000Z', target: 'jane@agency.io', line: 3 });
    expect(events[1]).not.toHaveProperty('detail');
    expect(events[1]).not.toHaveProperty('project');
    expect(events[3]).toMatchObject({ event: 'project.user_added', target: 'jane@agency.io', project: 'Production', detail: 'analyst' });
    expect(events[4]).toMatchObject({ project: 'Web, EU', detail: 'consumer' });
    expect(events[6]).toEqual({
      at: '2026-11-27T00:00:00.000Z',
      event: 'dashboard.shared',
      actor: 'dana.whitfield@acme.com',
      target: 'jane@agency.io',
      detail: 'Shared "Revenue, weekly"\nwith the team',
      line: 8,
    });
    expect(events[7]!.line).toBe(10); // the quoted new line above counts
    expect(events[9]).toMatchObject({ event: 'organization.user_added', target: 'j.o.h.n@googlemail.com', actor: 'scim@acme.com', line: 14 });
  });

  it('finds the columns by their names, in any order and case, whatever the separator of lines', () => {
    const csv =
      '\uFEFF"Event Name","Affected User","Timestamp","User","New Role"\r\n' +
      '"Invitation Accepted","kim@acme.com","1764000000","admin@acme.com",""\r\n' +
      '"User Role Changed","KIM@ACME.COM","2026-11-25T10:00:00+02:00","admin@acme.com","billing_admin"\n' +
      'ORGANIZATION.USER_REMOVED,<kim@acme.com>,1764100000000,,\r' +
      'Something New,kim@acme.com,"Nov 26, 2026 10:00:00",admin@acme.com,\n';
    const { events, errors } = parseAuditLogCsv(csv);
    expect(errors).toEqual([]);
    expect(events).toEqual([
      { at: '2025-11-24T16:00:00.000Z', event: 'invitation.accepted', actor: 'admin@acme.com', target: 'kim@acme.com', line: 2 },
      { at: '2026-11-25T08:00:00.000Z', event: 'user.role_changed', actor: 'admin@acme.com', target: 'kim@acme.com', detail: 'billing_admin', line: 3 },
      { at: new Date(1764100000000).toISOString(), event: 'organization.user_removed', target: 'kim@acme.com', line: 4 },
      { at: '2026-11-26T10:00:00.000Z', event: 'Something New', actor: 'admin@acme.com', target: 'kim@acme.com', line: 5 },
    ]);
  });

  it('combines several detail columns, and takes the first target column with an address', () => {
    const csv = 'Date,Action,Performed By,Target,Email,Role,Details\n2026-11-24,user.role_changed,dana@acme.com,Jane Doe,jane@agency.io,Admin,via settings\n';
    expect(parseAuditLogCsv(csv).events).toEqual([
      {
        at: '2026-11-24T00:00:00.000Z',
        event: 'user.role_changed',
        actor: 'dana@acme.com',
        target: 'jane@agency.io',
        detail: 'Role: Admin; Details: via settings',
        line: 2,
      },
    ]);
  });

  it('needs a header with a time, an event and a target', () => {
    expect(parseAuditLogCsv('When,What,Who\n2026-11-24,invitation.sent,a@b.io\n')).toEqual({
      events: [],
      errors: [{ line: 1, message: 'The first row is not the audit log\'s header: no "Event", "Target" column was found.' }],
    });
    expect(parseAuditLogCsv('')).toEqual({ events: [], errors: [{ line: 0, message: 'The file has no rows.' }] });
    expect(parseAuditLogCsv('\r\n , \r\n').errors).toEqual([{ line: 0, message: 'The file has no rows.' }]);
    expect(parseAuditLogCsv(42 as unknown as string).errors).toEqual([{ line: 0, message: 'The file is not text.' }]);
  });

  it('reports rows without a time, an event or a target, and an unclosed quote', () => {
    const csv = 'Time,Event,Target\n,invitation.sent,a@agency.io\n2026-11-24,,a@agency.io\n2026-11-24,invitation.sent,\n2026-02-30,invitation.sent,a@agency.io\n2026-11-24,invitation.sent,"a@agency.io\n';
    const { events, errors } = parseAuditLogCsv(csv);
    expect(errors).toEqual([
      { line: 2, message: 'No time.' },
      { line: 3, message: 'No event name.' },
      { line: 4, message: 'No target email address.' },
      { line: 5, message: 'Unreadable time "2026-02-30".' },
      { line: 6, message: 'A quotation mark (") is not closed: the rest of the file was read as one value.' },
    ]);
    expect(events).toHaveLength(1);
  });

  it('reads the time spellings an export may use', () => {
    expect(readAuditTime('2026-11-24T08:15:00Z')).toBe(Date.parse('2026-11-24T08:15:00Z'));
    expect(readAuditTime('2026-11-24 08:15:00.250')).toBe(Date.parse('2026-11-24T08:15:00.250Z'));
    expect(readAuditTime('2026-11-24 08:15 UTC')).toBe(Date.parse('2026-11-24T08:15:00Z'));
    expect(readAuditTime('2026-11-24T08:15:00-0530')).toBe(Date.parse('2026-11-24T13:45:00Z'));
    expect(readAuditTime('2026-11-24')).toBe(Date.parse('2026-11-24T00:00:00Z'));
    expect(readAuditTime('1764000000')).toBe(1764000000000);
    expect(readAuditTime('1764000000123')).toBe(1764000000123);
    expect(readAuditTime('2026-13-01')).toBeNull();
    expect(readAuditTime('2026-11-24T25:00:00Z')).toBeNull();
    expect(readAuditTime('soon')).toBeNull();
    expect(readAuditTime('')).toBeNull();
  });

  it('never throws, whatever the text', () => {
    const unit = fc.constantFrom(',', '"', '\n', '\r', ' ', 'a', '@', '.', 'Time', 'Event', 'Target', '2026-11-24', 'invitation.sent', 'x@y.io', '\uFEFF');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const { events, errors } = parseAuditLogCsv(`Time,Event,Target\n${text}`);
        for (const event of events) {
          expect(event.target).toContain('@');
          expect(Number.isNaN(Date.parse(event.at))).toBe(false);
        }
        for (const error of errors) expect(typeof error.message).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});

describe('reconcile', () => {
  const jane = record('r-jane', 'jane@agency.io', '2026-11-23T10:00:00Z');
  const lee = observe(record('r-lee', 'lee@agency.io', '2026-11-10T09:00:00Z'), { state: 'member' }, new Date('2026-11-11T09:00:00Z'));
  const john = record('r-john', 'john@gmail.com', '2026-11-20T12:00:00Z');
  const kim = observe(record('r-kim', 'kim@acme.com', '2026-11-01T09:00:00Z'), { state: 'member' }, new Date('2026-11-02T09:00:00Z'));
  const log = [jane, lee, john, kim];

  it('adds what the audit log says to the records it concerns, as history from the audit log', () => {
    const { events } = parseAuditLogCsv(SAMPLE);
    const result = reconcile(log, events, RUN);
    expect(result.updates.map((r) => r.id)).toEqual(['r-jane', 'r-lee', 'r-john']);
    const [newJane, newLee, newJohn] = result.updates;

    expect(newJane).toMatchObject({
      pageState: 'member',
      acceptedAt: '2026-11-24T08:15:00.000Z',
      orgRole: 'admin',
      projects: [
        { name: 'Production', role: 'analyst' },
        { name: 'Web, EU', role: 'consumer' },
      ],
      updatedAt: RUN.toISOString(),
    });
    expect(newJane!.history.slice(1)).toEqual([
      { at: '2026-11-24T08:15:00.000Z', type: 'accepted', by: 'jane@agency.io', detail: `${AUDIT_DETAIL_PREFIX}invitation.accepted — Now a member of the organization` },
      {
        at: '2026-11-24T08:15:01.000Z',
        type: 'role-changed',
        by: 'dana.whitfield@acme.com',
        detail: `${AUDIT_DETAIL_PREFIX}project.user_added in project Web, EU — Added to project Web, EU as Consumer; Mixpanel says: consumer`,
      },
      {
        at: '2026-11-26T12:00:00.000Z',
        type: 'role-changed',
        by: 'dana.whitfield@acme.com',
        detail: `${AUDIT_DETAIL_PREFIX}user.role_changed — Org role Member → Admin; Mixpanel says: Changed role from Member to Admin`,
      },
    ]);
    // The invitation Invite Guard recorded itself is not added again; the unknown event changes nothing.
    expect(newJane!.history.filter((e) => e.type === 'invited' || e.type === 'resent')).toHaveLength(1);

    expect(newLee).toMatchObject({ pageState: 'absent', acceptedAt: lee.acceptedAt });
    expect(newLee!.history[newLee!.history.length - 1]).toEqual({
      at: '2026-11-28T00:00:00.000Z',
      type: 'removed',
      by: 'dana.whitfield@acme.com',
      detail: `${AUDIT_DETAIL_PREFIX}organization.user_removed — Removed from the organization; Mixpanel says: Offboarded`,
    });
    // A Gmail address written differently is the same person.
    expect(newJohn).toMatchObject({ pageState: 'member', acceptedAt: '2026-11-29T00:00:00.000Z' });

    expect(result.undocumented).toEqual([{ email: 'ghost@agency.io', events: ['invitation.sent', 'project.user_added (Staging)'], firstSeen: '2026-11-20T09:00:00.000Z' }]);
    expect(result.unmatched).toBe(1);
    for (const updated of result.updates) expect(parseRecord(updated)).toEqual({ ok: true, record: updated });
    // The records given are not changed.
    expect(jane.pageState).toBe('pending');
  });

  it('changes nothing the second time', () => {
    const { events } = parseAuditLogCsv(SAMPLE);
    const first = reconcile(log, events, RUN);
    const applied = log.map((r) => first.updates.find((u) => u.id === r.id) ?? r);
    const second = reconcile(applied, events, new Date('2026-12-02T00:00:00Z'));
    expect(second).toEqual({ updates: [], undocumented: first.undocumented, unmatched: first.unmatched });
  });

  it('adds nothing for what Invite Guard already knows', () => {
    const seen = observe(jane, { state: 'member', orgRole: 'admin' }, new Date('2026-11-24T09:00:00Z'));
    const events: AuditEvent[] = [
      { at: '2026-11-24T08:15:00.000Z', event: 'invitation.accepted', target: 'jane@agency.io', line: 2 },
      { at: '2026-11-24T08:20:00.000Z', event: 'user.role_changed', target: 'jane@agency.io', detail: 'admin', line: 3 },
      { at: '2026-11-24T08:20:00.000Z', event: 'project.user_added', target: 'jane@agency.io', project: 'production', detail: 'analyst', line: 4 },
      { at: '2026-11-23T09:59:00.000Z', event: 'invitation.sent', target: 'jane@agency.io', line: 5 },
    ];
    expect(reconcile([seen], events, RUN)).toEqual({ updates: [], undocumented: [], unmatched: 0 });
  });

  it('does not let an old event undo a newer one', () => {
    // Removed in Mixpanel on the 25th, but the page has shown Lee as a member since the 26th.
    const back = observe(observe(lee, { state: 'absent' }, new Date('2026-11-25T12:00:00Z')), { state: 'member' }, new Date('2026-11-26T12:00:00Z'));
    const events: AuditEvent[] = [
      { at: '2026-11-25T00:00:00.000Z', event: 'organization.user_removed', target: 'lee@agency.io', line: 2 },
      // A role change older than the one the page saw.
      { at: '2026-11-20T00:00:00.000Z', event: 'user.role_changed', target: 'kim@acme.com', detail: 'owner', line: 3 },
    ];
    const kimAdmin = observe(kim, { state: 'member', orgRole: 'admin' }, new Date('2026-11-21T00:00:00Z'));
    expect(reconcile([back, kimAdmin], events, RUN).updates).toEqual([]);
  });

  it('records a resent invitation, a role change it cannot read, and a removal from a project', () => {
    const events: AuditEvent[] = [
      { at: '2026-11-27T10:00:00.000Z', event: 'invitation.sent', actor: 'dana@acme.com', target: 'jane@agency.io', line: 2 },
      { at: '2026-11-27T11:00:00.000Z', event: 'user.role_changed', target: 'jane@agency.io', detail: 'custom role "Marketing"', line: 3 },
      { at: '2026-11-27T12:00:00.000Z', event: 'project.user_removed', target: 'jane@agency.io', project: 'PRODUCTION', line: 4 },
      { at: '2026-11-27T13:00:00.000Z', event: 'user.role_changed', target: 'kim@acme.com', project: 'Production', detail: 'Analyst -> Admin', line: 5 },
    ];
    const { updates } = reconcile([jane, kim], events, RUN);
    const [newJane, newKim] = updates;
    expect(newJane!.history.slice(1).map((e) => [e.type, e.detail])).toEqual([
      ['resent', `${AUDIT_DETAIL_PREFIX}invitation.sent — Invitation sent again`],
      ['role-changed', `${AUDIT_DETAIL_PREFIX}user.role_changed — Mixpanel says: custom role "Marketing"`],
      ['role-changed', `${AUDIT_DETAIL_PREFIX}project.user_removed in project PRODUCTION — Removed from project PRODUCTION`],
    ]);
    expect(newJane!.orgRole).toBe('member');
    expect(newJane!.projects).toEqual([]);
    expect(newKim!.projects).toEqual([{ name: 'Production', role: 'admin' }]);
    expect(newKim!.history[newKim!.history.length - 1]!.detail).toBe(
      `${AUDIT_DETAIL_PREFIX}user.role_changed in project Production — Project role in Production Analyst → Admin; Mixpanel says: Analyst -> Admin`,
    );
  });

  it('applies each row to the invitation it follows when a person was invited more than once', () => {
    const first = revoke(observe(record('r-ops-1', 'ops@agency.io', '2026-01-05T09:00:00Z'), { state: 'member' }, new Date('2026-01-06T00:00:00Z')), new Date('2026-03-01T00:00:00Z'));
    const second = record('r-ops-2', 'ops@agency.io', '2026-11-01T09:00:00Z');
    const events: AuditEvent[] = [
      { at: '2026-03-01T00:00:00.000Z', event: 'organization.user_removed', target: 'ops@agency.io', line: 2 },
      { at: '2026-11-02T00:00:00.000Z', event: 'invitation.accepted', target: 'ops@agency.io', line: 3 },
      // Before Invite Guard recorded anything for this person: concerns them, but no record to change.
      { at: '2025-06-01T00:00:00.000Z', event: 'user.role_changed', target: 'ops@agency.io', detail: 'admin', line: 4 },
    ];
    const result = reconcile([first, second], events, RUN);
    expect(result.updates.map((r) => [r.id, r.pageState])).toEqual([['r-ops-2', 'member']]);
    expect(result.unmatched).toBe(0);
  });

  it('lists every grant nobody documented, by person, in the order they were first seen', () => {
    const events: AuditEvent[] = [
      { at: '2026-11-05T00:00:00.000Z', event: 'project.user_added', target: 'b@agency.io', project: 'Web', line: 2 },
      { at: '2026-11-01T00:00:00.000Z', event: 'organization.user_added', target: 'a.b.c@gmail.com', line: 3 },
      { at: '2026-11-03T00:00:00.000Z', event: 'invitation.sent', target: 'abc@googlemail.com', line: 4 },
      { at: '2026-11-04T00:00:00.000Z', event: 'organization.user_removed', target: 'abc@gmail.com', line: 5 },
      { at: '2026-11-04T00:00:00.000Z', event: 'invitation.accepted', target: 'abc@gmail.com', line: 6 },
      { at: '2026-11-06T00:00:00.000Z', event: 'invitation.sent', target: 'jane@agency.io', line: 7 },
    ];
    const result = reconcile([jane], events, RUN);
    expect(result.undocumented).toEqual([
      { email: 'a.b.c@gmail.com', events: ['organization.user_added', 'invitation.sent'], firstSeen: '2026-11-01T00:00:00.000Z' },
      { email: 'b@agency.io', events: ['project.user_added (Web)'], firstSeen: '2026-11-05T00:00:00.000Z' },
    ]);
    expect(result.unmatched).toBe(2);
  });

  it('is idempotent and keeps records valid, for any audit log', () => {
    const people = ['jane@agency.io', 'lee@agency.io', 'j.o.h.n@googlemail.com', 'kim@acme.com', 'stranger@elsewhere.com'];
    // Distinct minutes: two rows about one grant at the very same instant have no order to keep.
    const minutes = fc.uniqueArray(fc.integer({ min: 0, max: 60 * 24 * 40 }), { minLength: 0, maxLength: 25 });
    const row = fc.record({
      event: fc.constantFrom(...AUDIT_EVENTS, 'dashboard.shared'),
      target: fc.constantFrom(...people),
      project: fc.constantFrom(undefined, 'Production', 'production', 'Web'),
      detail: fc.constantFrom(undefined, 'admin', 'Member → Admin', 'analyst', 'consumer', 'Owner to Billing Admin', 'custom'),
      actor: fc.constantFrom(undefined, 'dana@acme.com'),
    });
    fc.assert(
      fc.property(minutes, fc.array(row, { minLength: 25, maxLength: 25 }), (times, rows) => {
        const events: AuditEvent[] = times.map((minute, i) => {
          const { project, detail, actor, ...rest } = rows[i]!;
          const event: AuditEvent = { ...rest, at: new Date(Date.parse('2026-10-25T00:00:00Z') + minute * 60_000).toISOString(), line: i + 2 };
          if (project) event.project = project;
          if (detail) event.detail = detail;
          if (actor) event.actor = actor;
          return event;
        });
        const first = reconcile(log, events, RUN);
        for (const updated of first.updates) expect(parseRecord(updated).ok).toBe(true);
        const applied = log.map((r) => first.updates.find((u) => u.id === r.id) ?? r);
        const second = reconcile(applied, events, new Date('2026-12-02T00:00:00Z'));
        expect(second.updates).toEqual([]);
        expect(second.undocumented).toEqual(first.undocumented);
        expect(second.unmatched).toBe(first.unmatched);
      }),
      { numRuns: 500 },
    );
  });
});
