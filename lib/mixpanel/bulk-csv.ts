// The CSV file an admin gives Mixpanel's "Bulk invite": one person per row — email, organization
// role, projects (separated by ";" or "|"), project role. RFC 4180 quoting, an optional header row
// in any column order, a byte-order mark, CRLF/LF/CR line ends, and "," ";" or tab as separator.
// Never throws: every problem becomes an error line, and rows that can be read are kept. The
// background reads the file (lib/access-log.ts): the content script only sends it and shows the result.
import { detectDelimiter, readCsvRecords, type CsvRecord } from '../csv';
import { ORG_ROLE_LABELS, PROJECT_ROLE_LABELS, readOrgRole, readProjectRole } from '../roles';
import type { InviteDialogRow } from './dialog';
import { BULK_CSV_MAX_CHARS as MAX_CHARS } from '../reply';

export interface BulkInviteCsvError {
  /** 1-based line of the file where the record starts (0: the whole file). */
  line: number;
  message: string;
}

export interface BulkInviteRow extends InviteDialogRow {
  /** 1-based line of the file where the row starts. */
  line: number;
}

export interface BulkInviteCsv {
  rows: BulkInviteRow[];
  errors: BulkInviteCsvError[];
}

type Column = 'email' | 'orgRole' | 'projects' | 'projectRole';

const HEADERS: Record<Column, string[]> = {
  email: ['email', 'emails', 'email address', 'e mail', 'e mail address', 'user email', 'address'],
  orgRole: ['organization role', 'org role', 'organisation role', 'role', 'organization roles'],
  projects: ['projects', 'project', 'project names', 'project access'],
  projectRole: ['project role', 'project roles', 'role in projects', 'project permission'],
};
const DEFAULT_ORDER: Column[] = ['email', 'orgRole', 'projects', 'projectRole'];
const MAX_ROWS = 10_000;
const MAX_ERRORS = 200;
const PROJECT_LIMIT = 100;

function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

function columnOf(text: string): Column | null {
  const key = headerKey(text);
  for (const column of DEFAULT_ORDER) if (HEADERS[column].includes(key)) return column;
  return null;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}

function splitProjects(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/[;|,]/)) {
    const name = piece.trim().slice(0, PROJECT_LIMIT);
    const key = name.toLowerCase();
    if (name && !seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return `"${shown}"`;
}

function listOf(labels: string[]): string {
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : (labels[0] ?? '');
}
const ORG_ROLE_LIST = listOf(Object.values(ORG_ROLE_LABELS));
const PROJECT_ROLE_LIST = listOf(Object.values(PROJECT_ROLE_LABELS));

function parse(input: string): BulkInviteCsv {
  const errors: BulkInviteCsvError[] = [];
  const rows: BulkInviteRow[] = [];
  const addError = (line: number, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
  };
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.length > MAX_CHARS) {
    text = text.slice(0, MAX_CHARS);
    addError(0, `The file is larger than ${MAX_CHARS.toLocaleString('en-US')} characters: only the beginning was read.`);
  }
  const records = readCsvRecords(text, detectDelimiter(text)).filter((record) => !isBlank(record));
  if (records.length === 0) {
    addError(0, 'The file has no rows.');
    return { rows, errors };
  }

  let order: (Column | null)[] = DEFAULT_ORDER;
  let start = 0;
  const first = records[0]!;
  const firstColumns = first.fields.map(columnOf);
  if (firstColumns.some((c) => c !== null) && !first.fields.some((f) => f.includes('@'))) {
    start = 1;
    const used = new Set<Column>();
    order = firstColumns.map((column, index) => {
      const title = first.fields[index]?.trim() ?? '';
      if (column === null) {
        if (title) addError(first.line, `The column ${quote(title)} is not one Invite Guard reads; it was ignored.`);
        return null;
      }
      if (used.has(column)) {
        addError(first.line, `The column ${quote(title)} appears twice; the first one was used.`);
        return null;
      }
      used.add(column);
      return column;
    });
    if (!used.has('email')) {
      addError(first.line, 'The header row has no Email column.');
      return { rows, errors };
    }
  }

  for (let r = start; r < records.length; r++) {
    const record = records[r]!;
    if (rows.length >= MAX_ROWS) {
      addError(record.line, `Only the first ${MAX_ROWS.toLocaleString('en-US')} rows were read.`);
      break;
    }
    if (record.unclosedQuote) addError(record.line, 'A quotation mark (") is not closed: the rest of the file was read as one value.');
    const values: Partial<Record<Column, string>> = {};
    let extra = false;
    record.fields.forEach((value, index) => {
      const column = order[index];
      if (column) values[column] = value.trim();
      else if (index >= order.length && value.trim()) extra = true;
    });
    if (extra) addError(record.line, 'Values after the last known column were ignored.');
    const email = values.email ?? '';
    if (!email) {
      addError(record.line, 'No email address.');
      continue;
    }
    let orgRole: InviteDialogRow['orgRole'] = null;
    if (values.orgRole) {
      orgRole = readOrgRole(values.orgRole);
      if (!orgRole) addError(record.line, `Unknown organization role ${quote(values.orgRole)}: expected ${ORG_ROLE_LIST}.`);
    }
    let projectRole: InviteDialogRow['projectRole'] = null;
    if (values.projectRole) {
      projectRole = readProjectRole(values.projectRole);
      if (!projectRole) addError(record.line, `Unknown project role ${quote(values.projectRole)}: expected ${PROJECT_ROLE_LIST}.`);
    }
    rows.push({ line: record.line, email, orgRole, projects: splitProjects(values.projects ?? ''), projectRole });
  }
  return { rows, errors };
}

/** Reads a Bulk invite CSV. Never throws. */
export function parseBulkInviteCsv(text: string): BulkInviteCsv {
  if (typeof text !== 'string') return { rows: [], errors: [{ line: 0, message: 'The file is not text.' }] };
  try {
    return parse(text);
  } catch {
    return { rows: [], errors: [{ line: 0, message: 'Could not read the file as CSV.' }] };
  }
}
