// The Users & Teams view: which view is showing, the members and pending invitations it lists, and
// how much of the organization that is.
import { readPageAddress } from '../checks/org-index';
import type { OrgMember, PendingInvitation } from '../checks/types';
import { readOrgRole, type OrgRole } from '../roles';
import {
  ACCOUNT_CONTROL, BUTTON, COUNT_TEXT, DIALOG, EMPTY_STATE, FILTERED_COUNT_TEXT, HEADER_AREA, LOAD_MORE, LOADING,
  MAIN_AREA, NEVER, NEXT_PAGE, OTHER_TABS, PAGE_TEXT, PENDING_STATUS, PENDING_TABLE_WORDS, RANGE_TEXT, SEARCH_INPUT,
  TAB_SELECTED, TABLE, USERS_PAGE_HEADINGS,
} from './selectors';
import { accessibleName, findHeading, isDisabled, labelIs, mainArea, normalizeLabel, readCount, readText } from './dom';
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

export interface MemberListRead {
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
}

interface FoundTable {
  table: PageTable;
  columns: ColumnMap;
}

interface FoundTables {
  users: FoundTable | null;
  pending: FoundTable | null;
}

const NAME_LIMIT = 200;
const PROJECT_LIMIT = 100;
const ADDRESS_TOKEN = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

function isUsersTable(columns: ColumnMap): boolean {
  return columns.email >= 0 || columns.lastActive >= 0 || (columns.name >= 0 && columns.orgRole >= 0);
}

function isPendingTable(name: string, columns: ColumnMap): boolean {
  const words = normalizeLabel(name).split(' ');
  if (PENDING_TABLE_WORDS.some((word) => words.includes(word))) return true;
  return columns.invited >= 0 && columns.lastActive < 0 && columns.name < 0;
}

function findTables(scope: Element): FoundTables {
  const found: FoundTables = { users: null, pending: null };
  for (const element of tablesIn(scope)) {
    if (found.users && found.pending) break;
    const table = readPageTable(element);
    if (!table) continue;
    const columns = mapColumns(table.headers);
    if (isPendingTable(tableName(element, scope), columns)) {
      found.pending ??= { table, columns };
    } else if (!found.users && isUsersTable(columns)) {
      found.users = { table, columns };
    }
  }
  return found;
}

/** 'users' when the Users & Teams view shows its users table, or is loading it under its heading. */
export function detectView(doc: Document): PageView {
  try {
    const scope = mainArea(doc);
    if (findTables(scope).users) return 'users';
    if (!findHeading(scope, USERS_PAGE_HEADINGS)) return 'other';
    const tab = scope.querySelector(TAB_SELECTED);
    if (tab && labelIs(readText(tab, 100), OTHER_TABS)) return 'other';
    return 'users';
  } catch {
    return 'other';
  }
}

/** The address a cell shows: a mailto link, the whole text, or the one address-looking word in it. */
export function readAddressIn(cell: Element): string | null {
  for (const link of cell.getElementsByTagName('a')) {
    const href = link.getAttribute('href') ?? '';
    if (/^mailto:/i.test(href)) {
      let target = href.slice(7).split('?')[0] ?? '';
      try {
        target = decodeURIComponent(target);
      } catch {
        // Keep the raw text.
      }
      const address = readPageAddress(target);
      if (address) return target.trim();
    }
  }
  const text = readText(cell, 400);
  if (!text) return null;
  const whole = readPageAddress(text);
  if (whole) return /[\s<>"]/.test(text) ? whole : text;
  for (const token of text.match(ADDRESS_TOKEN) ?? []) {
    if (readPageAddress(token)) return token;
  }
  return null;
}

function cap(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function splitProjects(text: string): { projects: string[]; allProjects: boolean } {
  const plain = text.trim().toLowerCase();
  if (plain === 'all projects' || plain === 'all') return { projects: [], allProjects: true };
  if (!plain || NEVER.test(plain) || /^no projects?$|^none$/.test(plain)) return { projects: [], allProjects: false };
  const projects = text
    .split(/\s*[,;]\s*/)
    .map((name) => cap(name.trim(), PROJECT_LIMIT))
    .filter((name) => name && !/^\+\s*\d+(?:\s+more)?$/i.test(name));
  return { projects, allProjects: false };
}

type RowRead =
  | { kind: 'member'; member: PageMember }
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

function readMemberRow(table: PageTable, columns: ColumnMap, row: Element): RowRead {
  const cells = table.cellsOf(row);
  const emailCell = cells[columns.email];
  const email = emailCell ? readAddressIn(emailCell) : null;
  if (!email) return notAPerson(cells, table.headers.length, row) ?? { kind: 'unreadable' };

  const member: PageMember = { email };
  const nameCell = columns.name >= 0 ? cells[columns.name] : undefined;
  if (nameCell && nameCell !== emailCell) {
    const name = readText(nameCell, NAME_LIMIT * 2);
    if (name && name.toLowerCase() !== email.toLowerCase()) member.name = cap(name, NAME_LIMIT);
  }
  const roleCell = columns.orgRole >= 0 ? cells[columns.orgRole] : undefined;
  if (roleCell) {
    const role = readOrgRole(readText(roleCell, 100));
    if (role) member.orgRole = role;
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
  return { kind: 'member', member };
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
    const role = roleCell ? readOrgRole(readText(roleCell, 100)) : null;
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
}

/** What the page says about how many members there are and whether all are shown. */
function readExtent(found: FoundTables, scope: Element): Extent {
  const extent: Extent = { moreRange: false, morePages: false, loadMore: false, search: false };
  const usersTable = found.users?.table.element;
  if (!usersTable) return extent;
  const container = usersTable.closest('[role="tabpanel"]') ?? scope;
  const pendingElement = found.pending?.table.element;
  const pendingSection = pendingElement ? sectionOf(pendingElement, container) : null;
  // One walk of everything around the table (never into tables, dialogs or the pending section):
  // short texts for counts, buttons for paging, search boxes for filters.
  const texts: string[] = [];
  const buttons: Element[] = [];
  const inputs: Element[] = [];
  const walk = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (child.hasAttribute('hidden') || child.matches(TABLE) || child.matches(DIALOG)) continue;
      if (child === pendingSection && !child.contains(usersTable)) continue;
      if (child.matches(BUTTON)) buttons.push(child);
      else if (child.matches(SEARCH_INPUT)) inputs.push(child);
      if (!child.contains(usersTable)) {
        const raw = child.textContent ?? '';
        if (raw.length <= 160 && raw.trim()) texts.push(readText(child, 160));
      }
      if (child.firstElementChild) walk(child);
    }
  };
  walk(container);
  // Some tables keep their pagination in a footer row.
  let footer: Element | null = null;
  for (let child = usersTable.firstElementChild; child; child = child.nextElementSibling) if (child.localName === 'tfoot') footer = child;
  if (footer) walk(footer);

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

  for (const button of buttons) {
    const name = accessibleName(button);
    if (LOAD_MORE.test(name)) extent.loadMore = true;
    else if (!isDisabled(button) && (NEXT_PAGE as readonly string[]).includes(normalizeLabel(name) || name.trim())) extent.morePages = true;
  }
  for (const input of inputs) {
    const value = (input as HTMLInputElement).value ?? input.textContent ?? '';
    if (typeof value === 'string' && value.trim()) extent.search = true;
  }
  return extent;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function usersMissing(scope: Element): string {
  const heading = findHeading(scope, USERS_PAGE_HEADINGS);
  if (!heading) return 'This page does not show the Users & Teams list, so members could not be read.';
  const tab = scope.querySelector(TAB_SELECTED);
  if (tab && labelIs(readText(tab, 100), OTHER_TABS)) return 'The Teams tab is showing: open the Users tab to check against the members.';
  if (scope.querySelector(LOADING)) return 'The users list is still loading.';
  return 'Could not find the users table.';
}

function readMemberListUnchecked(doc: Document): MemberListRead {
  const scope = mainArea(doc);
  const found = findTables(scope);
  const read: MemberListRead = { members: [], pending: [], readCount: 0, mayBeIncomplete: false, problems: [] };
  let unreadableMembers = 0;
  let spacers = 0;
  let pendingInUsers = 0;
  let emptyText = '';

  if (!found.users) {
    read.mayBeIncomplete = true;
    read.problems.push(usersMissing(scope));
  } else if (found.users.columns.email < 0) {
    read.mayBeIncomplete = true;
    read.problems.push('The users table has no Email column, so members could not be read.');
  } else {
    const { table, columns } = found.users;
    for (const row of table.rows()) {
      const result = readMemberRow(table, columns, row);
      switch (result.kind) {
        case 'member':
          read.members.push(result.member);
          break;
        case 'pending':
          read.pending.push(result.pending);
          pendingInUsers += 1;
          break;
        case 'unreadable':
          unreadableMembers += 1;
          break;
        case 'spacer':
          spacers += 1;
          break;
        case 'empty':
          if (result.text && !emptyText) emptyText = result.text;
          break;
      }
    }
  }
  read.readCount = read.members.length;

  if (found.users && found.users.columns.email >= 0) {
    const extent = readExtent(found, scope);
    const rowsSeen = read.readCount + unreadableMembers + pendingInUsers;
    const ariaRows = found.users.table.ariaRowCount;
    let total = extent.total;
    if (total === undefined && ariaRows !== null && ariaRows > 0) total = Math.max(0, ariaRows - 1);
    if (total !== undefined) read.totalShown = total;

    if (extent.search) {
      read.mayBeIncomplete = true;
      const showing = total !== undefined ? ` (showing ${rowsSeen.toLocaleString('en-US')} of ${plural(total, 'member', 'members')})` : '';
      read.problems.push(`The users list is filtered by a search${showing}: clear the search to check against everyone.`);
    } else if (total !== undefined && total > rowsSeen) {
      read.mayBeIncomplete = true;
      read.problems.push(`Showing ${rowsSeen.toLocaleString('en-US')} of ${plural(total, 'member', 'members')}: duplicates among the others can't be checked.`);
    } else if (extent.morePages || extent.moreRange) {
      read.mayBeIncomplete = true;
      read.problems.push("The users list has more pages: duplicates among members on other pages can't be checked.");
    }
    if (extent.loadMore) {
      read.mayBeIncomplete = true;
      read.problems.push('The users list has a "Load more" button: duplicates among members not loaded yet can\'t be checked.');
    }
    if (ariaRows === -1 || spacers > 0) {
      read.mayBeIncomplete = true;
      read.problems.push("The users table only draws the rows in view: duplicates among the others can't be checked.");
    }
    if (unreadableMembers > 0) {
      read.mayBeIncomplete = true;
      read.problems.push(`${plural(unreadableMembers, 'member row', 'member rows')} could not be read.`);
    }
    if (read.readCount === 0 && !extent.search) {
      read.mayBeIncomplete = true;
      read.problems.push(emptyText && EMPTY_STATE.test(emptyText) ? `The users table shows no members ("${cap(emptyText, 60)}").` : 'The users table shows no members.');
    }
  }

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
  } else if (found.users && pendingInUsers === 0) {
    read.mayBeIncomplete = true;
    read.problems.push("Could not find the pending invitations list: duplicates among pending invitations can't be checked.");
  }
  return read;
}

/** Members and pending invitations as the page shows them. Never throws. */
export function readMemberList(doc: Document): MemberListRead {
  try {
    return readMemberListUnchecked(doc);
  } catch {
    return {
      members: [],
      pending: [],
      readCount: 0,
      mayBeIncomplete: true,
      problems: ['Could not read the users list: the page looks different than expected.'],
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
