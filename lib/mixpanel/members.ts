// The Users & Teams view: which view is showing, the members and pending invitations it lists, and
// how much of the organization that is.
import { readPageAddress } from '../checks/org-index';
import type { OrgMember, PendingInvitation } from '../checks/types';
import { readOrgRole, type OrgRole } from '../roles';
import { displayText, findHiddenCharacter, prefixOf } from '../text';
import {
  ACCOUNT_CONTROL, ALL_PROJECTS, BUTTON, COUNT_TEXT, DIALOG, EMPTY_STATE, FILTERED_COUNT_TEXT, HEADER_AREA, LOAD_MORE,
  LOADING, MAIN_AREA, NEVER, NEXT_PAGE, NO_PROJECTS, ORG_ROLE_WORDS, OTHER_TABS, PAGE_TEXT, PAGINATION, PENDING_STATUS,
  PENDING_TABLE_WORDS, PREVIOUS_PAGE, RANGE_TEXT, SEARCH_INPUT, TAB_SELECTED, TABLE, USERS_PAGE_HEADINGS, USERS_TABLE_NAMES,
} from './selectors';
import { accessibleName, findHeading, isDisabled, labelIs, mainArea, normalizeLabel, readCount, readText, readTextAndFirst, referenced } from './dom';
import { readPageDate } from './page-dates';
import { mapColumns, readPageTable, sectionOf, tableName, tablesIn, type ColumnMap, type PageTable } from './tables';

export type PageView = 'users' | 'other';

/** A member as the users table shows them. */
export interface PageMember extends OrgMember {
  /** Project names from the Projects column, when there is one ("All projects" → `allProjects`). */
  projects?: string[];
  allProjects?: boolean;
  /** The Last active cell as shown ("Never", "Mar 3, 2025"); `lastActive` holds its date, `YYYY-MM-DD`. */
  lastActiveText?: string;
}

export interface PagePendingInvitation extends PendingInvitation {
  orgRole?: OrgRole;
}

/**
 * How much of the member list was read: every member, only some (paginated, filtered, rows or roles
 * that could not be read…), or none. Only a complete read can show that someone is not a member.
 */
export type ListState = 'complete' | 'partial' | 'unreadable';

export interface MemberListRead {
  state: ListState;
  members: PageMember[];
  pending: PagePendingInvitation[];
  /** Member rows read. */
  readCount: number;
  /** How many members the page says there are (`36` from "1–25 of 36" or "36 users"), when it says. */
  totalShown?: number;
  /** Paginated, filtered, virtualized, "Load more", rows that could not be read, or a list not found. */
  mayBeIncomplete: boolean;
  /** Calm one-line messages for the admin. */
  problems: string[];
  /** The view the page shows, told from the same look at its tables (see detectView). */
  view: PageView;
}

interface FoundTable {
  table: PageTable;
  columns: ColumnMap;
}

interface FoundTables {
  /** The users list: one table, or the parts of one split table (the same headers), in page order. */
  users: FoundTable[];
  pending: FoundTable | null;
  /** Two different tables look equally like the users list: which one it is can't be told. */
  ambiguous: boolean;
}

const NAME_LIMIT = 200;
const PROJECT_LIMIT = 100;
const ADDRESS_TOKEN = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;
const EDGE_BOM = /^\ufeff+|\ufeff+$/g;

function isUsersTable(columns: ColumnMap): boolean {
  return columns.email >= 0 || columns.lastActive >= 0 || (columns.name >= 0 && columns.orgRole >= 0);
}

function isPendingTable(name: string, columns: ColumnMap): boolean {
  const words = normalizeLabel(name).split(' ');
  if (PENDING_TABLE_WORDS.some((word) => words.includes(word))) return true;
  return columns.invited >= 0 && columns.lastActive < 0 && columns.name < 0;
}

/** How much a table looks like the users list rather than another list of addresses. */
function usersLikeness(columns: ColumnMap): number {
  return [columns.name, columns.orgRole, columns.projects, columns.lastActive, columns.dateJoined].filter((i) => i >= 0).length;
}

function headerSignature(table: PageTable): string {
  return table.headers.map((h) => normalizeLabel(h ?? '')).join('|');
}

function findTables(scope: Element): FoundTables {
  let pending: FoundTable | null = null;
  const found: (FoundTable & { named: boolean })[] = [];
  for (const element of tablesIn(scope)) {
    const table = readPageTable(element);
    if (!table) continue;
    const columns = mapColumns(table.headers);
    const name = tableName(element, scope);
    const named = labelIs(name, USERS_TABLE_NAMES);
    if (isPendingTable(name, columns)) pending ??= { table, columns };
    else if (named || isUsersTable(columns)) found.push({ table, columns, named });
  }
  // A table named as the users list is it; else one that shows more of a person than an address (a
  // list of bare addresses may be sign-ins or anything else).
  const named = found.filter((c) => c.named);
  const candidates: FoundTable[] = named.length ? named : found.filter((c) => usersLikeness(c.columns) > 0);
  const best = candidates.reduce<FoundTable | null>((a, b) => (a && usersLikeness(a.columns) >= usersLikeness(b.columns) ? a : b), null);
  if (!best) return { users: [], pending, ambiguous: false };
  // Parts of one list split into several tables share its headers; another list that looks as much
  // like the users list does not, and then neither can be trusted to be it.
  const signature = headerSignature(best.table);
  const users = candidates.filter((c) => headerSignature(c.table) === signature);
  const ambiguous = candidates.some((c) => headerSignature(c.table) !== signature && usersLikeness(c.columns) === usersLikeness(best.columns));
  return { users, pending, ambiguous };
}

function viewOf(scope: Element, found: FoundTables): PageView {
  if (found.users.length) return 'users';
  if (!findHeading(scope, USERS_PAGE_HEADINGS)) return 'other';
  const tab = scope.querySelector(TAB_SELECTED);
  if (tab && labelIs(readText(tab, 100), OTHER_TABS)) return 'other';
  return 'users';
}

/** 'users' when the Users & Teams view shows its users table, or is loading it under its heading. */
export function detectView(doc: Document): PageView {
  try {
    const scope = mainArea(doc);
    return viewOf(scope, findTables(scope));
  } catch {
    return 'other';
  }
}

function mailtoIn(cell: Element): string | null {
  for (const link of cell.getElementsByTagName('a')) {
    const href = link.getAttribute('href') ?? '';
    if (!/^mailto:/i.test(href)) continue;
    let target = href.slice(7).split('?')[0] ?? '';
    try {
      target = decodeURIComponent(target);
    } catch {
      // Keep the raw text.
    }
    if (!findHiddenCharacter(target) && readPageAddress(target)) return target.trim();
  }
  return null;
}

/**
 * The address in a cell's text: the whole text, or a word of it ("Jane Doe jane@acme.com"). A word
 * glued to more text by a colon ("javascript:x@acme.com") or beside an invisible character is part
 * of something else, or a disguise: not an address.
 */
function visibleAddressIn(cellText: string): string | null {
  // A byte-order mark at the very edge is dropped, as the address parser drops it (lib/email.ts).
  const text = cellText.charCodeAt(0) === 0xfeff || cellText.charCodeAt(cellText.length - 1) === 0xfeff ? cellText.replace(EDGE_BOM, '') : cellText;
  if (!text) return null;
  if (!findHiddenCharacter(text)) {
    const whole = readPageAddress(text);
    if (whole) return /[\s<>"]/.test(text) ? whole : text;
  }
  for (const match of text.matchAll(ADDRESS_TOKEN)) {
    const token = match[0];
    const around = text.slice(Math.max(0, match.index - 1), match.index + token.length + 1);
    if (!around.includes(':') && !findHiddenCharacter(around) && readPageAddress(token)) return token;
  }
  return null;
}

/**
 * The address a cell shows: its visible text, or a mailto link's when the text is a name. A link
 * to another address than the one shown can't be trusted either way: null.
 */
export function readAddressIn(cell: Element): string | null {
  // Most cells hold no link: reading the text tells that, without building a collection of links.
  const { text, first: link } = readTextAndFirst(cell, 400, 'a');
  const mailto = link ? mailtoIn(cell) : null;
  const visible = visibleAddressIn(text);
  if (mailto && visible && readPageAddress(mailto) !== readPageAddress(visible)) return null;
  return mailto ?? visible;
}

function cap(text: string, limit: number): string {
  return text.length > limit ? `${prefixOf(text, limit - 1)}…` : text;
}

/** An org role as the page words it, in English or one of the page languages read. */
function readPageRole(text: string): OrgRole | null {
  const role = readOrgRole(text);
  if (role) return role;
  const label = normalizeLabel(text);
  for (const [key, words] of Object.entries(ORG_ROLE_WORDS) as [OrgRole, readonly string[]][]) {
    if (words.includes(label)) return key;
  }
  return null;
}

function splitProjects(text: string): { projects: string[]; allProjects: boolean } {
  const plain = text.trim().toLowerCase();
  if (ALL_PROJECTS.test(plain)) return { projects: [], allProjects: true };
  if (!plain || NEVER.test(plain) || NO_PROJECTS.test(plain)) return { projects: [], allProjects: false };
  const projects = text
    .split(/\s*[,;]\s*/)
    .map((name) => cap(name.trim(), PROJECT_LIMIT))
    .filter((name) => name && !/^\+\s*\d+(?:\s+more)?$/i.test(name));
  return { projects, allProjects: false };
}

type RowRead =
  | { kind: 'member'; member: PageMember; roleUnread: boolean }
  | { kind: 'pending'; pending: PagePendingInvitation }
  | { kind: 'empty'; text: string }
  | { kind: 'spacer' }
  | { kind: 'unreadable' };

function distinctCells(cells: (Element | undefined)[]): Element[] {
  return [...new Set(cells.filter((cell): cell is Element => cell !== undefined))];
}

/** Rows that are not people: empty states ("No users found"), group headings, virtual-scroll spacers. */
function notAPerson(cells: (Element | undefined)[], columnCount: number, row: Element): RowRead | null {
  const distinct = distinctCells(cells);
  if (distinct.every((cell) => !(cell.textContent ?? '').trim())) {
    const style = `${row.getAttribute('style') ?? ''} ${distinct.map((c) => c.getAttribute('style') ?? '').join(' ')}`;
    return /height/i.test(style) ? { kind: 'spacer' } : { kind: 'empty', text: '' };
  }
  if (distinct.length === 1) {
    const text = readText(distinct[0]!, 300);
    if (columnCount > 1 || EMPTY_STATE.test(text)) return { kind: 'empty', text };
  }
  return null;
}

/** A cell's text without the member's address: the name, when one cell shows both. */
function nameBeside(text: string, email: string): string {
  const key = readPageAddress(email);
  return text.split(' ').filter((word) => readPageAddress(word) !== key).join(' ');
}

function readMemberRow(table: PageTable, columns: ColumnMap, row: Element): RowRead {
  const cells = table.cellsOf(row);
  const emailCell = cells[columns.email];
  const email = emailCell ? readAddressIn(emailCell) : null;
  if (!email) return notAPerson(cells, table.headers.length, row) ?? { kind: 'unreadable' };

  const member: PageMember = { email };
  const nameCell = columns.name >= 0 ? cells[columns.name] : undefined;
  if (nameCell) {
    // A cell may show the name with the address under it: the name is the rest.
    const text = readText(nameCell, NAME_LIMIT * 2);
    const name = nameCell === emailCell ? nameBeside(text, email) : text;
    if (name && name.toLowerCase() !== email.toLowerCase()) member.name = cap(name, NAME_LIMIT);
  }
  const roleCell = columns.orgRole >= 0 ? cells[columns.orgRole] : undefined;
  let roleUnread = false;
  if (roleCell) {
    const text = readText(roleCell, 100);
    const role = readPageRole(text);
    if (role) member.orgRole = role;
    else roleUnread = true;
  }
  const projectsCell = columns.projects >= 0 ? cells[columns.projects] : undefined;
  if (projectsCell) {
    const { projects, allProjects } = splitProjects(readText(projectsCell, 2000));
    member.projects = projects;
    if (allProjects) member.allProjects = true;
  }
  const statusCell = columns.status >= 0 ? cells[columns.status] : undefined;
  const lastActiveCell = columns.lastActive >= 0 ? cells[columns.lastActive] : undefined;
  const statusText = statusCell ? readText(statusCell, 100) : '';
  if (PENDING_STATUS.test(statusText)) return { kind: 'pending', pending: pendingFrom(email, member.orgRole, undefined) };
  if (lastActiveCell) {
    const date = readPageDate(lastActiveCell);
    if (PENDING_STATUS.test(date.text)) return { kind: 'pending', pending: pendingFrom(email, member.orgRole, undefined) };
    member.lastActiveText = date.text;
    if (date.date) member.lastActive = date.date;
  }
  return { kind: 'member', member, roleUnread };
}

function pendingFrom(email: string, orgRole: OrgRole | undefined, invitedAt: string | undefined): PagePendingInvitation {
  const pending: PagePendingInvitation = { email };
  if (invitedAt) pending.invitedAt = invitedAt;
  if (orgRole) pending.orgRole = orgRole;
  return pending;
}

function readPendingRows(found: FoundTable): { pending: PagePendingInvitation[]; unreadable: number } {
  const { table, columns } = found;
  const pending: PagePendingInvitation[] = [];
  let unreadable = 0;
  for (const row of table.rows()) {
    const cells = table.cellsOf(row);
    const emailCell = cells[columns.email];
    const email = emailCell ? readAddressIn(emailCell) : null;
    if (!email) {
      if (!notAPerson(cells, table.headers.length, row)) unreadable += 1;
      continue;
    }
    const roleCell = columns.orgRole >= 0 ? cells[columns.orgRole] : undefined;
    const dateCell = columns.invited >= 0 ? cells[columns.invited] : undefined;
    const role = roleCell ? readPageRole(readText(roleCell, 100)) : null;
    const invitedAt = dateCell ? readPageDate(dateCell).value : null;
    pending.push(pendingFrom(email, role ?? undefined, invitedAt ?? undefined));
  }
  return { pending, unreadable };
}

interface Extent {
  total?: number;
  /** Rows the page says it shows now ("1–25" → 25), when it says. */
  shown?: number;
  moreRange: boolean;
  morePages: boolean;
  loadMore: boolean;
  search: boolean;
  /** The count on the Users tab, when nothing else gives one: it may count pending invitations too. */
  tabTotal?: number;
}

const TRAILING_COUNT = /(\d[\d,.\u00a0\u202f]*)\)?$/;

/** The count on the selected tab whose panel holds the users table ("Users 36"), in any language. */
function tabCount(scope: Element, usersTable: Element): number | null {
  const panel = usersTable.closest('[role="tabpanel"]');
  const labels = panel ? referenced(panel, 'aria-labelledby') : [];
  for (const tab of scope.querySelectorAll(TAB_SELECTED)) {
    const controls = referenced(tab, 'aria-controls').some((el) => el.contains(usersTable));
    if (!controls && !labels.includes(tab)) continue;
    const match = TRAILING_COUNT.exec(readText(tab, 100));
    return match ? readCount(match[1] ?? '') : null;
  }
  return null;
}

/** Whether a button moves between pages of the list: named so, or any button of a pagination landmark. */
function pagesButton(button: Element, inNavigation: boolean): boolean {
  if (isDisabled(button)) return false;
  const name = accessibleName(button);
  const label = normalizeLabel(name) || name.trim();
  return inNavigation || (NEXT_PAGE as readonly string[]).includes(label) || (PREVIOUS_PAGE as readonly string[]).includes(label);
}

/** What the page says about how many members there are and whether all are shown. */
function readExtent(found: FoundTables, scope: Element): Extent {
  const extent: Extent = { moreRange: false, morePages: false, loadMore: false, search: false };
  const usersTable = found.users[0]?.table.element;
  if (!usersTable) return extent;
  const container = usersTable.closest('[role="tabpanel"]') ?? scope;
  const pendingElement = found.pending?.table.element;
  const pendingSection = pendingElement ? sectionOf(pendingElement, container) : null;
  // One walk of everything around the table (never into tables, dialogs or the pending section):
  // short texts for counts, buttons for paging, search boxes for filters.
  const texts: string[] = [];
  const walk = (el: Element, inNavigation: boolean): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (child.hasAttribute('hidden') || child.matches(TABLE) || child.matches(DIALOG)) continue;
      if (child === pendingSection && !child.contains(usersTable)) continue;
      if (child.matches(BUTTON)) {
        if (LOAD_MORE.test(accessibleName(child))) extent.loadMore = true;
        else if (pagesButton(child, inNavigation)) extent.morePages = true;
      } else if (child.matches(SEARCH_INPUT)) {
        const value = (child as HTMLInputElement).value ?? child.textContent ?? '';
        if (typeof value === 'string' && value.trim()) extent.search = true;
      }
      if (!child.contains(usersTable)) {
        const raw = child.textContent ?? '';
        if (raw.length <= 160 && raw.trim()) texts.push(readText(child, 160));
      }
      if (child.firstElementChild) walk(child, inNavigation || child.matches(PAGINATION));
    }
  };
  walk(container, false);
  // Some tables keep their pagination in a footer row.
  let footer: Element | null = null;
  for (let child = usersTable.firstElementChild; child; child = child.nextElementSibling) if (child.localName === 'tfoot') footer = child;
  if (footer) walk(footer, false);

  let range: RegExpExecArray | null = null;
  let filtered: RegExpExecArray | null = null;
  let count: RegExpExecArray | null = null;
  let pages: RegExpExecArray | null = null;
  for (const text of texts) {
    range ??= RANGE_TEXT.exec(text);
    filtered ??= FILTERED_COUNT_TEXT.exec(text);
    count ??= COUNT_TEXT.exec(text);
    pages ??= PAGE_TEXT.exec(text);
  }

  const [r, f, c, p] = [range, filtered, count, pages] as (RegExpExecArray | null)[];
  if (r) {
    const start = readCount(r[1] ?? '');
    const end = readCount(r[2] ?? '');
    const total = readCount(r[3] ?? '');
    if (total !== null) extent.total = total;
    if (start !== null && end !== null && end >= start) {
      extent.shown = end - start + 1;
      if (total !== null && extent.shown < total) extent.moreRange = true;
    }
  } else if (f) {
    const shown = readCount(f[1] ?? '');
    const total = readCount(f[2] ?? '');
    if (total !== null) extent.total = total;
    if (shown !== null) extent.shown = shown;
  } else if (c) {
    const total = readCount(c[1] ?? '');
    if (total !== null) extent.total = total;
  }
  if (p && Number(p[2]) > 1) extent.morePages = true;
  // Where no text says how many there are (gone, or worded in a language not known here), the
  // selected tab's count still does.
  const onTab = extent.total === undefined && !extent.search ? tabCount(scope, usersTable) : null;
  if (onTab !== null) extent.tabTotal = onTab;
  return extent;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function usersMissing(scope: Element, found: FoundTables): string {
  if (found.ambiguous) return 'Found more than one list of people and could not tell which one lists the members.';
  const heading = findHeading(scope, USERS_PAGE_HEADINGS);
  if (!heading) return 'This page does not show the Users & Teams list, so members could not be read.';
  const tab = scope.querySelector(TAB_SELECTED);
  if (tab && labelIs(readText(tab, 100), OTHER_TABS)) return 'The Teams tab is showing: open the Users tab to check against the members.';
  if (scope.querySelector(LOADING)) return 'The users list is still loading.';
  return 'Could not find the users table.';
}

interface RowTally {
  unreadableMembers: number;
  unreadRoles: number;
  spacers: number;
  pendingInUsers: number;
  emptyText: string;
}

function readUserRows(found: FoundTable, read: MemberListRead, tally: RowTally): void {
  const { table, columns } = found;
  for (const row of table.rows()) {
    const result = readMemberRow(table, columns, row);
    switch (result.kind) {
      case 'member':
        read.members.push(result.member);
        if (result.roleUnread) tally.unreadRoles += 1;
        break;
      case 'pending':
        read.pending.push(result.pending);
        tally.pendingInUsers += 1;
        break;
      case 'unreadable':
        tally.unreadableMembers += 1;
        break;
      case 'spacer':
        tally.spacers += 1;
        break;
      case 'empty':
        if (result.text && !tally.emptyText) tally.emptyText = result.text;
        break;
    }
  }
}

const SAMPLE_ROWS = 10;

/**
 * A users table with no Email header may show each address in another column (under the name, in
 * a "User" column): the one column that holds addresses, in most of its rows (the others are then
 * reported as rows that could not be read). -1 when no column does, or more than one.
 */
function emailColumnByContent(table: PageTable): number {
  const addresses = table.headers.map(() => 0);
  let people = 0;
  for (const row of table.rows().slice(0, SAMPLE_ROWS)) {
    const cells = table.cellsOf(row);
    if (distinctCells(cells).length <= 1) continue; // empty states and spacers
    people += 1;
    for (let column = 0; column < addresses.length; column++) {
      const cell = cells[column];
      if (cell && readAddressIn(cell)) addresses[column] = (addresses[column] ?? 0) + 1;
    }
  }
  const holding = addresses.flatMap((n, column) => (n > 0 ? [column] : []));
  const column = holding[0];
  return holding.length === 1 && column !== undefined && addresses[column]! * 2 > people ? column : -1;
}

/** The users table's parts with their Email column, found by its header or else by what it holds. */
function withEmailColumn(users: FoundTable[]): FoundTable[] {
  const first = users[0];
  if (!first || first.columns.email >= 0) return users;
  const email = emailColumnByContent(first.table);
  return email < 0 ? users : users.map((part) => ({ ...part, columns: { ...part.columns, email } }));
}

/** Says, in the read's problems, what keeps it from being the whole list. */
function reportExtent(found: FoundTables, scope: Element, read: MemberListRead, tally: RowTally): void {
  const first = found.users[0]!;
  const extent = readExtent(found, scope);
  const rowsSeen = read.readCount + tally.unreadableMembers + tally.pendingInUsers;
  const ariaRows = found.users.length === 1 ? first.table.ariaRowCount : null;
  let total = extent.total;
  if (ariaRows !== null && ariaRows > 0) total = Math.max(total ?? 0, ariaRows - 1);
  if (total === undefined && extent.tabTotal !== undefined && extent.tabTotal > rowsSeen + read.pending.length) total = extent.tabTotal;
  if (total !== undefined) read.totalShown = total;
  const problem = (text: string) => {
    read.mayBeIncomplete = true;
    read.problems.push(text);
  };

  if (extent.search) {
    const showing = total !== undefined ? ` (showing ${rowsSeen.toLocaleString('en-US')} of ${plural(total, 'member', 'members')})` : '';
    problem(`The users list is filtered by a search${showing}: clear the search to check against everyone.`);
  } else if (total !== undefined && total > rowsSeen) {
    problem(`Showing ${rowsSeen.toLocaleString('en-US')} of ${plural(total, 'member', 'members')}: duplicates among the others can't be checked.`);
  } else if (extent.morePages || extent.moreRange) {
    problem("The users list has more pages: duplicates among members on other pages can't be checked.");
  }
  if (extent.loadMore) problem('The users list has a "Load more" button: duplicates among members not loaded yet can\'t be checked.');
  if (ariaRows === -1 || tally.spacers > 0) problem("The users table only draws the rows in view: duplicates among the others can't be checked.");
  if (tally.unreadableMembers > 0) problem(`${plural(tally.unreadableMembers, 'member row', 'member rows')} could not be read.`);
  if (tally.unreadRoles > 0) {
    problem(`The organization role of ${plural(tally.unreadRoles, 'member', 'members')} could not be read: owners and admins can't be counted.`);
  }
  if (read.readCount === 0 && !extent.search) {
    const empty = tally.emptyText && EMPTY_STATE.test(tally.emptyText) ? ` ("${displayText(cap(tally.emptyText, 60), 60)}")` : '';
    problem(`The users table shows no members${empty}.`);
  }
}

/** What to read of each member besides the address, name, role and last activity. */
export interface MemberReadOptions {
  /** The Projects column (default true); the sidebar checks none of it, and it is a long cell to read. */
  projects?: boolean;
}

function readMemberListUnchecked(doc: Document, options: MemberReadOptions): MemberListRead {
  const scope = mainArea(doc);
  const found = findTables(scope);
  // Finding the tables walks the page: the view is told from this find, not from another.
  const read: MemberListRead = { state: 'complete', members: [], pending: [], readCount: 0, mayBeIncomplete: false, problems: [], view: viewOf(scope, found) };
  const tally: RowTally = { unreadableMembers: 0, unreadRoles: 0, spacers: 0, pendingInUsers: 0, emptyText: '' };
  const users = found.ambiguous ? [] : withEmailColumn(found.users);
  const readable = users.length > 0 && users[0]!.columns.email >= 0;

  if (users.length === 0) {
    read.mayBeIncomplete = true;
    read.problems.push(usersMissing(scope, found));
  } else if (!readable) {
    read.mayBeIncomplete = true;
    read.problems.push('The users table has no Email column, so members could not be read.');
  } else {
    for (const part of users) readUserRows(options.projects === false ? { ...part, columns: { ...part.columns, projects: -1 } } : part, read, tally);
  }
  read.readCount = read.members.length;
  if (readable) reportExtent({ ...found, users }, scope, read, tally);

  if (found.pending) {
    if (found.pending.columns.email < 0) {
      read.mayBeIncomplete = true;
      read.problems.push('The pending invitations table has no Email column, so pending invitations could not be read.');
    } else {
      const { pending, unreadable } = readPendingRows(found.pending);
      read.pending.push(...pending);
      if (unreadable > 0) {
        read.mayBeIncomplete = true;
        read.problems.push(`${plural(unreadable, 'pending invitation', 'pending invitations')} could not be read.`);
      }
    }
  } else if (users.length > 0 && tally.pendingInUsers === 0) {
    read.mayBeIncomplete = true;
    read.problems.push("Could not find the pending invitations list: duplicates among pending invitations can't be checked.");
  }
  read.state = read.readCount === 0 ? 'unreadable' : read.mayBeIncomplete ? 'partial' : 'complete';
  return read;
}

/** Members and pending invitations as the page shows them. Never throws. */
export function readMemberList(doc: Document, options: MemberReadOptions = {}): MemberListRead {
  try {
    return readMemberListUnchecked(doc, options);
  } catch {
    return {
      state: 'unreadable',
      members: [],
      pending: [],
      readCount: 0,
      mayBeIncomplete: true,
      problems: ['Could not read the users list: the page looks different than expected.'],
      view: detectView(doc),
    };
  }
}

function addressIn(text: string): string | null {
  const whole = readPageAddress(text);
  if (whole) return whole;
  for (const token of text.match(ADDRESS_TOKEN) ?? []) {
    const address = readPageAddress(token);
    if (address) return address;
  }
  return null;
}

function accountAddress(control: Element): string | null {
  return addressIn(readText(control, 300)) ?? addressIn(control.getAttribute('title') ?? '') ?? addressIn(control.getAttribute('aria-description') ?? '');
}

/** The signed-in admin's address, from the account control (or the page header) when it shows one. */
export function readSignedInAdmin(doc: Document): string | null {
  try {
    const labelled = doc.querySelectorAll('button[aria-label], a[aria-label], [role="button"][aria-label], [aria-haspopup][aria-label]');
    for (const control of labelled) {
      if (!ACCOUNT_CONTROL.test(normalizeLabel(control.getAttribute('aria-label') ?? ''))) continue;
      const address = accountAddress(control);
      if (address) return address;
    }
    for (const area of doc.querySelectorAll(HEADER_AREA)) {
      if (area.closest(MAIN_AREA)) continue;
      for (const control of area.querySelectorAll(`${BUTTON}, a, [aria-haspopup]`)) {
        const address = accountAddress(control);
        if (address) return address;
      }
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * The element to scope one MutationObserver on: the main content area (where the Users & Teams view
 * and its Invite dialog render), else the body. Call again after navigation: a new main element
 * means a new observer.
 */
export function observeRoot(doc: Document): Element {
  return doc.querySelector(MAIN_AREA) ?? doc.body ?? doc.documentElement;
}
