// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialogToDrafts, parseBulkInviteCsv } from '../../lib/mixpanel';
import { ORG_ROLE_LABELS, ORG_ROLES, PROJECT_ROLE_LABELS, PROJECT_ROLES, type OrgRole, type ProjectRole } from '../../lib/roles';

describe('parseBulkInviteCsv', () => {
  it('reads a header in any order and case, with a BOM and CRLF line ends', () => {
    const csv = '\uFEFFProject Role,EMAIL,projects,Organization_Role\r\nAnalyst,jane@acme.com,Production;Staging,Admin\r\nconsumer,li@acme.com,Web | Mobile,billing admin\r\n';
    expect(parseBulkInviteCsv(csv)).toEqual({
      rows: [
        { line: 2, email: 'jane@acme.com', orgRole: 'admin', projects: ['Production', 'Staging'], projectRole: 'analyst' },
        { line: 3, email: 'li@acme.com', orgRole: 'billing-admin', projects: ['Web', 'Mobile'], projectRole: 'consumer' },
      ],
      errors: [],
    });
  });

  it('reads rows without a header in the dialog order: email, org role, projects, project role', () => {
    expect(parseBulkInviteCsv('a@acme.com,Member,Production,Owner\nb@acme.com\n').rows).toEqual([
      { line: 1, email: 'a@acme.com', orgRole: 'member', projects: ['Production'], projectRole: 'owner' },
      { line: 2, email: 'b@acme.com', orgRole: null, projects: [], projectRole: null },
    ]);
  });

  it('follows RFC 4180 quoting, counting lines inside quoted values', () => {
    const csv = 'email,projects,org role\n"jane@acme.com","Production, Staging",Member\n"Doe, ""JD"" <jd@acme.com>","Web\nMobile",Member\nlast@acme.com,,\n';
    const { rows, errors } = parseBulkInviteCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.email, r.projects])).toEqual([
      [2, 'jane@acme.com', ['Production', 'Staging']],
      [3, 'Doe, "JD" <jd@acme.com>', ['Web\nMobile']],
      [5, 'last@acme.com', []],
    ]);
  });

  it('reads files separated by semicolons or tabs', () => {
    expect(parseBulkInviteCsv('email;organization role;projects\na@acme.com;Admin;Production|Web\n').rows[0]).toMatchObject({
      email: 'a@acme.com',
      orgRole: 'admin',
      projects: ['Production', 'Web'],
    });
    expect(parseBulkInviteCsv('email\tproject role\nb@acme.com\tAnalyst\n').rows[0]).toMatchObject({ email: 'b@acme.com', projectRole: 'analyst' });
  });

  it('keeps rows with unknown roles, with an error naming the line and the choices', () => {
    const { rows, errors } = parseBulkInviteCsv('email,role,project role\na@acme.com,Superuser,Viewer\n');
    expect(rows).toEqual([{ line: 2, email: 'a@acme.com', orgRole: null, projects: [], projectRole: null }]);
    expect(errors).toEqual([
      { line: 2, message: 'Unknown organization role "Superuser": expected Owner, Admin, Billing Admin or Member.' },
      { line: 2, message: 'Unknown project role "Viewer": expected Owner, Admin, Analyst or Consumer.' },
    ]);
  });

  it('skips blank lines and reports rows without an address', () => {
    const { rows, errors } = parseBulkInviteCsv('email,org role\n\n , \n,Admin\nc@acme.com,Member\n');
    expect(rows.map((r) => [r.line, r.email])).toEqual([[5, 'c@acme.com']]);
    expect(errors).toEqual([{ line: 4, message: 'No email address.' }]);
  });

  it('needs an Email column when there is a header, and names the columns it ignores', () => {
    expect(parseBulkInviteCsv('name,role\nJane,Admin\n')).toEqual({
      rows: [],
      errors: [
        { line: 1, message: 'The column "name" is not one Invite Guard reads; it was ignored.' },
        { line: 1, message: 'The header row has no Email column.' },
      ],
    });
    expect(parseBulkInviteCsv('email,team\na@acme.com,Growth\n').errors).toEqual([
      { line: 1, message: 'The column "team" is not one Invite Guard reads; it was ignored.' },
    ]);
  });

  it('reports an unclosed quotation mark and values past the known columns', () => {
    expect(parseBulkInviteCsv('a@acme.com,Member,Web,Analyst,extra\n').errors).toEqual([
      { line: 1, message: 'Values after the last known column were ignored.' },
    ]);
    const unclosed = parseBulkInviteCsv('email,projects\nb@acme.com,"Web\nc@acme.com,Mobile\n');
    expect(unclosed.rows).toHaveLength(1);
    expect(unclosed.rows[0]!.projects).toEqual(['Web\nc@acme.com', 'Mobile']);
    expect(unclosed.errors).toEqual([{ line: 2, message: 'A quotation mark (") is not closed: the rest of the file was read as one value.' }]);
  });

  it('says an empty file has no rows, and refuses what is not text', () => {
    expect(parseBulkInviteCsv('')).toEqual({ rows: [], errors: [{ line: 0, message: 'The file has no rows.' }] });
    expect(parseBulkInviteCsv('\uFEFF\r\n\r\n').errors).toEqual([{ line: 0, message: 'The file has no rows.' }]);
    expect(parseBulkInviteCsv(null as unknown as string)).toEqual({ rows: [], errors: [{ line: 0, message: 'The file is not text.' }] });
  });

  it('dedupes projects and turns rows into drafts', () => {
    const { rows } = parseBulkInviteCsv('email,projects,project role\na@acme.com,Web;web; Production ;,Admin\n');
    expect(rows[0]!.projects).toEqual(['Web', 'Production']);
    expect(dialogToDrafts(rows)).toEqual([
      { addresses: ['a@acme.com'], orgRole: 'member', projects: [{ name: 'Web', role: 'admin' }, { name: 'Production', role: 'admin' }] },
    ]);
  });

  it('never throws, whatever the text', () => {
    const csvish = fc.string({ unit: fc.constantFrom(',', ';', '\t', '|', '"', '\n', '\r', ' ', 'a', '@', '.', 'é', '\uFEFF', '\u202E', '\u0000'), maxLength: 200 });
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const result = parseBulkInviteCsv(text);
        expect(Array.isArray(result.rows)).toBe(true);
        for (const row of result.rows) {
          expect(row.email.trim()).not.toBe('');
          expect(row.line).toBeGreaterThanOrEqual(1);
        }
        for (const error of result.errors) expect(typeof error.message).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back what a spreadsheet writes, whatever the column order and the values', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '"', ',', '\n', '\r', '@', '.', '\u202E'), minLength: 1, maxLength: 12 });
    const email = word.map((s) => s.trim()).filter((s) => s !== '');
    const project = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '-', '"'), minLength: 1, maxLength: 10 }).map((s) => s.trim()).filter((s) => s !== '');
    const row = fc.record({
      email,
      orgRole: fc.constantFrom<OrgRole | null>(null, ...ORG_ROLES),
      projects: fc.uniqueArray(project, { selector: (s) => s.toLowerCase(), maxLength: 4 }),
      projectRole: fc.constantFrom<ProjectRole | null>(null, ...PROJECT_ROLES),
    });
    const columns = ['email', 'orgRole', 'projects', 'projectRole'] as const;
    const headerNames = { email: 'Email', orgRole: 'Organization Role', projects: 'Projects', projectRole: 'Project Role' };
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.shuffledSubarray([...columns], { minLength: 4, maxLength: 4 }), fc.constantFrom(';', '|'), fc.constantFrom('\n', '\r\n'), (rows, order, separator, eol) => {
        const cell = (r: (typeof rows)[number], column: (typeof columns)[number]): string => {
          if (column === 'email') return r.email;
          if (column === 'orgRole') return r.orgRole ? ORG_ROLE_LABELS[r.orgRole] : '';
          if (column === 'projectRole') return r.projectRole ? PROJECT_ROLE_LABELS[r.projectRole] : '';
          return r.projects.join(separator);
        };
        const lines = [order.map((c) => headerNames[c]).join(','), ...rows.map((r) => order.map((c) => quote(cell(r, c))).join(','))];
        const text = lines.join(eol) + eol;
        let line = 2;
        const expected = rows.map((r, i) => {
          const at = line;
          line += (lines[i + 1]!.match(/\r\n|\n|\r/g) ?? []).length + 1;
          return { ...r, line: at };
        });
        expect(parseBulkInviteCsv(text)).toEqual({ rows: expected, errors: [] });
      }),
      { numRuns: 500 },
    );
  });
});
