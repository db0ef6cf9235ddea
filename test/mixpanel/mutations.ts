// Changed versions of the demo Members page: what a new Mixpanel release, a browser's page
// translation or a virtualizing grid may show. A variant is the fixture's own options (columns,
// markup, language, pagination…) plus mutations of the rendered page; `judge` says whether a read of
// that page is true to the organization the fixture holds.
import fc from 'fast-check';
import type { MemberListRead } from '../../lib/mixpanel';
import { readPageAddress } from '../../lib/checks/org-index';
import { collapseSpaces } from '../../lib/mixpanel/dom';
import { fixture, loadFixture, typeInto } from './load-fixture';

export const COLUMN_KEYS = ['name', 'email', 'role', 'projects', 'lastActive'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export const LANGS = ['', 'de', 'fr', 'xx'] as const;
export type Lang = (typeof LANGS)[number];

export interface PageVariant {
  columns: ColumnKey[];
  markup: 'table' | 'grid';
  classSalt: string;
  /** 0: every member on one page. */
  pageSize: number;
  /** The page shown (clamped to the last one). */
  page: number;
  empty: boolean;
  lang: Lang;
  hostile: boolean;
  /** Typed in the users search box. */
  search: string;
  dom: DomMutation[];
}

export const PLAIN: PageVariant = {
  columns: [...COLUMN_KEYS],
  markup: 'table',
  classSalt: '',
  pageSize: 0,
  page: 0,
  empty: false,
  lang: '',
  hostile: false,
  search: '',
  dom: [],
};

// ---------------------------------------------------------------------------------------------
// Finding the parts of the rendered page, the way the tests know it (not the way the adapter reads it).

const TABLES = 'table, [role="table"]';

function panel(doc: Document): Element | null {
  return doc.querySelector('main [role="tabpanel"]');
}

/** The users table: the first table of the Users panel outside the pending invitations section. */
function usersTable(doc: Document): Element | null {
  return usersTables(doc)[0] ?? null;
}

/** The users table and, once split, its other part. */
function usersTables(doc: Document): Element[] {
  return Array.from(panel(doc)?.querySelectorAll(TABLES) ?? []).filter((t) => !t.closest('section'));
}

function pendingSection(doc: Document): Element | null {
  return panel(doc)?.querySelector('section') ?? null;
}

function pager(doc: Document): Element | null {
  return panel(doc)?.querySelector('[role="navigation"]') ?? null;
}

function rowsOf(table: Element): Element[] {
  return Array.from(table.querySelectorAll('tr, [role="row"]'));
}

/** Body rows with one cell per column (not the "No users found" row). */
function personRows(table: Element, columnCount: number): Element[] {
  return rowsOf(table)
    .slice(1)
    .filter((row) => row.children.length >= columnCount);
}

function column(variant: PageVariant, key: ColumnKey): number {
  return variant.columns.indexOf(key);
}

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

function isGrid(variant: PageVariant): boolean {
  return variant.markup === 'grid';
}

function makeCell(doc: Document, variant: PageVariant, header: boolean): Element {
  if (!isGrid(variant)) return doc.createElement(header ? 'th' : 'td');
  const cell = doc.createElement('div');
  cell.setAttribute('role', header ? 'columnheader' : 'cell');
  return cell;
}

// ---------------------------------------------------------------------------------------------
// The mutations, in the order they are applied (the ones that need the columns' positions first).

type Mutation = (doc: Document, variant: PageVariant) => void;

/** More of the page (fixed test markup) just before or after the users table. */
function besideUsers(where: 'before' | 'after', markup: string): Mutation {
  return (doc) => {
    const wrap = usersTable(doc)?.parentElement;
    if (!wrap) return;
    const extra = doc.createElement('div');
    extra.innerHTML = markup;
    wrap[where](extra);
  };
}

/** A change to the users table, made to each of its parts (once it is split). */
function eachPart(change: (table: Element, doc: Document, variant: PageVariant) => void): Mutation {
  return (doc, variant) => {
    for (const table of usersTables(doc)) change(table, doc, variant);
  };
}

export const DOM_MUTATIONS = {
  /** The role shown as an inline <select> (admins change roles in place). */
  'role-select': (doc, variant) => {
    const table = usersTable(doc);
    const at = column(variant, 'role');
    if (!table || at < 0) return;
    for (const row of personRows(table, variant.columns.length)) {
      const cell = row.children[at]!;
      const shown = collapseSpaces(cell.textContent ?? '');
      const select = doc.createElement('select');
      select.setAttribute('aria-label', 'Organization role');
      const labels = [...new Set([...ROLE_WORDS[variant.lang], shown])];
      for (const label of labels) {
        const option = doc.createElement('option');
        option.textContent = label;
        select.append(option);
      }
      cell.replaceChildren(select);
      (select as HTMLSelectElement).selectedIndex = labels.indexOf(shown);
    }
  },
  /** Addresses as mailto links. */
  'mailto-links': (doc, variant) => {
    const table = usersTable(doc);
    const at = column(variant, 'email');
    if (!table || at < 0) return;
    for (const row of personRows(table, variant.columns.length)) {
      const cell = row.children[at]!;
      const address = cell.textContent ?? '';
      const link = doc.createElement('a');
      link.setAttribute('href', `mailto:${encodeURIComponent(address)}`);
      link.textContent = address;
      cell.replaceChildren(link);
    }
  },
  /** One "User" column: the name with the address under it. */
  'stack-name-email': (doc, variant) => {
    const table = usersTable(doc);
    const name = column(variant, 'name');
    const email = column(variant, 'email');
    if (!table || name < 0 || email < 0) return;
    const rows = rowsOf(table);
    const header = rows[0]!;
    header.children[name]!.textContent = 'User';
    header.children[email]!.remove();
    for (const row of personRows(table, variant.columns.length)) {
      const address = doc.createElement('div');
      address.textContent = row.children[email]!.textContent ?? '';
      row.children[name]!.append(address);
      row.children[email]!.remove();
    }
    variant.columns = variant.columns.filter((key) => key !== 'email');
  },
  /** The Email header shown as an icon only. */
  'drop-email-header': eachPart((table, _doc, variant) => {
    const cell = rowsOf(table)[0]!.children[column(variant, 'email')];
    if (cell) cell.innerHTML = '<svg aria-hidden="true" viewBox="0 0 16 16"><path d="M2 4h12v8H2z"/></svg>';
  }),
  /** A virtual list: only the rows in view, and a spacer as tall as the rest. */
  virtualize: (doc, variant) => {
    const table = usersTable(doc);
    if (!table) return;
    const rows = personRows(table, variant.columns.length);
    if (rows.length <= 8) return;
    for (const row of rows.slice(8)) row.remove();
    const spacer = rows[7]!.cloneNode(false) as Element;
    spacer.removeAttribute('data-row-key');
    spacer.setAttribute('style', `height: ${(rows.length - 8) * 48}px`);
    spacer.append(makeCell(doc, variant, false));
    rows[7]!.after(spacer);
  },
  /** The list split in two tables with the same headers (grouped, or a second chunk). */
  'split-table': (doc) => {
    const table = usersTable(doc);
    if (!table) return;
    const [head, body] = Array.from(table.children);
    if (!head || !body || body.children.length < 2) return;
    const second = table.cloneNode(false) as Element;
    const secondBody = body.cloneNode(false) as Element;
    const rows = Array.from(body.children);
    secondBody.append(...rows.slice(Math.ceil(rows.length / 2)));
    second.append(head.cloneNode(true), secondBody);
    const wrap = table.parentElement!;
    const secondWrap = wrap.cloneNode(false) as Element;
    secondWrap.append(second);
    wrap.after(secondWrap);
  },
  /** A column the adapter has never heard of, second from the left. */
  'extra-column': eachPart((table, doc, variant) => {
    rowsOf(table).forEach((row, i) => {
      if (i > 0 && row.children.length < variant.columns.length) return;
      const cell = makeCell(doc, variant, i === 0);
      cell.textContent = i === 0 ? '2FA' : 'Enabled';
      row.insertBefore(cell, row.children[1] ?? null);
    });
  }),
  /** The columns in another order than the headers' markup had them (the last two first). */
  'shuffle-cells': eachPart((table) => {
    for (const row of rowsOf(table)) {
      const cells = Array.from(row.children);
      if (cells.length >= 3) row.prepend(...cells.slice(-2));
    }
  }),
  /** Header cells written as plain cells: the table has no header any more. */
  'header-cells-as-td': eachPart((table, doc, variant) => {
    for (const cell of Array.from(rowsOf(table)[0]!.children)) {
      const plain = makeCell(doc, variant, false);
      plain.append(...Array.from(cell.childNodes));
      cell.replaceWith(plain);
    }
  }),
  'uppercase-headers': eachPart((table) => {
    for (const node of textNodes(rowsOf(table)[0]!)) node.data = node.data.toUpperCase();
  }),
  /** Pending invitations above the users table. */
  'pending-first': (doc) => {
    const table = usersTable(doc);
    const section = pendingSection(doc);
    if (table && section) table.parentElement!.before(section);
  },
  /** A teams table before the users table. */
  'noise-table': besideUsers(
    'before',
    '<table aria-label="Teams"><thead><tr><th>Team</th><th>Members</th><th>Projects</th></tr></thead>' +
      '<tbody><tr><td>Growth</td><td>8</td><td>Production, Web</td></tr><tr><td>Mobile</td><td>5</td><td>Mobile</td></tr></tbody></table>',
  ),
  /** Another list of addresses under the users table: recent sign-ins. */
  'activity-table': besideUsers(
    'after',
    '<h2>Recent sign-ins</h2><table><thead><tr><th>Email</th><th>Date</th></tr></thead>' +
      '<tbody><tr><td>jane.doe@acme.com</td><td>Nov 21, 2026</td></tr><tr><td>li.wei@acme.com</td><td>Nov 23, 2026</td></tr></tbody></table>',
  ),
  /** "1–25 of 36" gone from the pagination. */
  'drop-range-text': (doc) => {
    const range = pager(doc)?.firstElementChild;
    if (range && range.localName === 'span') range.textContent = '';
  },
  /** Previous and Next as bare icons, with no text and no label. */
  'icon-only-pager': (doc) => {
    for (const button of pager(doc)?.querySelectorAll('button') ?? []) {
      button.removeAttribute('aria-label');
      for (const node of textNodes(button)) node.remove();
    }
  },
  /** "36 users" gone from the toolbar. */
  'drop-count-text': (doc) => {
    const count = panel(doc)?.querySelector('span[aria-live]');
    if (count) count.textContent = '';
  },
  /** The counts on the Users and Teams tabs gone. */
  'drop-tab-count': (doc) => {
    for (const tab of doc.querySelectorAll('main [role="tab"]')) tab.querySelector('span')?.remove();
  },
  /** Every text wrapped the way Chrome's page translation wraps it. */
  'font-wrap': (doc) => {
    const main = doc.querySelector('main');
    if (!main) return;
    for (const node of textNodes(main)) {
      if (!node.data.trim() || node.parentElement?.closest('option, style, script')) continue;
      const outer = doc.createElement('font');
      outer.setAttribute('style', 'vertical-align: inherit;');
      const inner = outer.cloneNode(false) as Element;
      node.replaceWith(outer);
      inner.append(node);
      outer.append(inner);
    }
  },
  'strip-classes': (doc) => {
    for (const el of doc.querySelectorAll('main [class]')) el.removeAttribute('class');
  },
} satisfies Record<string, Mutation>;

export type DomMutation = keyof typeof DOM_MUTATIONS;
export const DOM_MUTATION_KINDS = Object.keys(DOM_MUTATIONS) as DomMutation[];

/** The role labels the fixture shows in each language (the inline select's options). */
const ROLE_WORDS: Record<Lang, string[]> = {
  '': ['Owner', 'Admin', 'Billing Admin', 'Member'],
  de: ['Inhaber', 'Administrator', 'Abrechnungsadministrator', 'Mitglied'],
  fr: ['Propriétaire', 'Administrateur', 'Administrateur de facturation', 'Membre'],
  xx: [],
};

export function queryOf(variant: PageVariant): string {
  const params = new URLSearchParams();
  if (variant.columns.join() !== COLUMN_KEYS.join()) params.set('columns', variant.columns.join(','));
  if (variant.markup === 'grid') params.set('markup', 'grid');
  if (variant.classSalt) params.set('classSalt', variant.classSalt);
  if (variant.pageSize) params.set('pageSize', String(variant.pageSize));
  if (variant.empty) params.set('empty', '1');
  if (variant.lang) params.set('lang', variant.lang);
  if (variant.hostile) params.set('fixture', 'hostile');
  return params.toString();
}

/** Loads the fixture as the variant says, turns its pages, searches, then mutates what it shows. */
export async function renderVariant(input: PageVariant): Promise<PageVariant> {
  const variant: PageVariant = { ...input, columns: [...input.columns], dom: [...input.dom] };
  await loadFixture({ query: queryOf(variant) });
  for (let i = 0; i < variant.page; i++) {
    const next = document.querySelector<HTMLButtonElement>('main [role="navigation"] button:last-of-type');
    if (!next || next.disabled) break;
    next.click();
  }
  if (variant.search) typeInto(document.querySelector('main input[type="search"]')!, variant.search);
  for (const kind of DOM_MUTATION_KINDS) if (variant.dom.includes(kind)) DOM_MUTATIONS[kind](document, variant);
  return variant;
}

// ---------------------------------------------------------------------------------------------
// The truth, and the judge.

export interface Truth {
  members: { email: string; name: string; role: string }[];
  pending: { email: string; role: string }[];
}

export function truth(): Truth {
  const handle = fixture();
  return { members: handle.members, pending: handle.pending };
}

const ROLES: Record<string, string> = { Owner: 'owner', Admin: 'admin', 'Billing Admin': 'billing-admin', Member: 'member' };

/**
 * Whether a name read is the one the page shows: the same text (spaces collapsed), or, past 200
 * characters, its beginning and "…", never ending in half a character.
 */
export function isShownName(read: string, real: string): boolean {
  const text = collapseSpaces(real);
  if (text.length <= 200) return read === text;
  const head = read.slice(0, -1);
  const lastCode = head.charCodeAt(head.length - 1);
  return read.length <= 200 && read.endsWith('…') && text.startsWith(head) && !(lastCode >= 0xd800 && lastCode <= 0xdbff);
}

const lower = (s: string) => s.toLowerCase();
const sorted = (list: string[]) => [...list].sort();

/**
 * What is wrong with a read of the page, as sentences (none: it is right). Always: nobody is read
 * who is not there, and whatever is read of a person is theirs. When the read says it is complete:
 * it is everyone, exactly.
 */
export function judge(read: MemberListRead, t: Truth): string[] {
  const wrong: string[] = [];
  // Addresses compare as the parser reads them (an edge U+FEFF dropped, case ignored).
  const key = (email: string) => readPageAddress(email) ?? lower(email);
  const members = new Map<string, Truth['members']>();
  for (const m of t.members) members.set(key(m.email), [...(members.get(key(m.email)) ?? []), m]);
  const pending = new Map(t.pending.map((p) => [key(p.email), p]));
  for (const m of read.members) {
    const candidates = members.get(key(m.email)) ?? [];
    if (!candidates.length) {
      wrong.push(`read ${m.email} as a member${pending.has(key(m.email)) ? ' (it is a pending invitation)' : ''}`);
      continue;
    }
    const real = candidates.find((c) => m.name === undefined || isShownName(m.name, c.name));
    if (!real) wrong.push(`read ${m.email}'s name as "${m.name?.slice(0, 60)}"`);
    else if (m.orgRole !== undefined && m.orgRole !== ROLES[real.role]) wrong.push(`read ${m.email} as ${m.orgRole}, not ${real.role}`);
  }
  for (const p of read.pending) {
    const real = pending.get(key(p.email));
    if (!real) wrong.push(`read ${p.email} as a pending invitation`);
    else if (p.orgRole !== undefined && p.orgRole !== ROLES[real.role]) wrong.push(`read the invitation to ${p.email} as ${p.orgRole}`);
  }
  const state = read.readCount === 0 ? 'unreadable' : read.mayBeIncomplete ? 'partial' : 'complete';
  if (read.state !== state) wrong.push(`state ${read.state} but ${read.readCount} read, mayBeIncomplete ${read.mayBeIncomplete}`);
  if (read.readCount !== read.members.length) wrong.push(`readCount ${read.readCount} for ${read.members.length} members`);
  if (read.mayBeIncomplete && read.problems.length === 0) wrong.push('incomplete without saying why');
  if (read.state === 'complete') {
    const unreadable = t.members.filter((m) => !readPageAddress(m.email));
    if (unreadable.length) wrong.push(`complete, but ${unreadable.length} member addresses can't be read`);
    const got = sorted(read.members.map((m) => key(m.email)));
    const want = sorted(t.members.map((m) => key(m.email)));
    if (got.join() !== want.join()) wrong.push(`complete, but read ${got.length} of ${want.length} members`);
    const gotPending = sorted(read.pending.map((p) => key(p.email)));
    const wantPending = sorted(t.pending.map((p) => key(p.email)));
    if (gotPending.join() !== wantPending.join()) wrong.push(`complete, but read ${gotPending.length} of ${wantPending.length} pending invitations`);
  }
  return wrong;
}

// ---------------------------------------------------------------------------------------------
// Arbitrary variants: any combination of the above.

const columnsArb: fc.Arbitrary<ColumnKey[]> = fc
  .shuffledSubarray([...COLUMN_KEYS], { minLength: 1 })
  .map((keys) => keys as ColumnKey[]);

/** Weighted so that pages read whole are as common as pages that can't be. */
export const variantArb: fc.Arbitrary<PageVariant> = fc.record({
  columns: fc.oneof(
    { weight: 3, arbitrary: fc.constant<ColumnKey[]>([...COLUMN_KEYS]) },
    { weight: 2, arbitrary: columnsArb.filter((keys) => keys.includes('email')) },
    { weight: 1, arbitrary: columnsArb },
  ),
  markup: fc.constantFrom('table' as const, 'grid' as const),
  classSalt: fc.constantFrom('', 'release-2027', 'x'),
  pageSize: fc.constantFrom(0, 0, 0, 10, 25, 36, 50),
  page: fc.nat({ max: 4 }),
  empty: fc.nat({ max: 9 }).map((n) => n === 0),
  lang: fc.constantFrom<Lang>('', '', '', 'de', 'fr', 'xx'),
  hostile: fc.nat({ max: 3 }).map((n) => n === 0),
  search: fc.constantFrom('', '', '', '', '', '', 'jane', 'zz-nobody'),
  dom: fc.subarray(DOM_MUTATION_KINDS, { maxLength: 5 }),
});
