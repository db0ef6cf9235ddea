// Reading a table the way a person does: by its header texts, whatever the markup — a real <table>
// or an ARIA table/grid of <div>s, columns in any order, cells placed by colspan or aria-colindex.
import { ARIA_CELL, ARIA_HEADER_CELL, ARIA_ROW, COLUMNS, DIALOG, SECTION, TABLE, type ColumnField } from './selectors';
import { labelIs, precedingHeading, readText, referenced, collapseSpaces } from './dom';

export interface PageTable {
  element: Element;
  /** Header texts by column position (undefined where a position has no header). */
  headers: (string | undefined)[];
  /** Body rows, in order (collected on first call). */
  rows(): Element[];
  /** The table's cells for one row, by column position. */
  cellsOf(row: Element): (Element | undefined)[];
  /** `aria-rowcount` when the table declares one (-1: unknown). */
  ariaRowCount: number | null;
}

export type ColumnMap = Record<ColumnField, number>;

const ELEMENT_NODE = 1;

function isHtmlTable(el: Element): boolean {
  const role = el.getAttribute('role');
  return el.localName === 'table' && (role === null || role === 'table' || role === 'grid' || role === 'treegrid');
}

function span(cell: Element): number {
  const n = Number(cell.getAttribute('colspan') ?? '1');
  return Number.isInteger(n) && n > 1 && n < 1000 ? n : 1;
}

/** Puts a cell at its column (`aria-colindex`) or the next free one, over its colspan; the position after it. */
function placeCell(out: (Element | undefined)[], at: number, cell: Element): number {
  if (!cell.hasAttributes()) {
    out[at] = cell;
    return at + 1;
  }
  let position = at;
  const colIndex = Number(cell.getAttribute('aria-colindex') ?? '');
  if (Number.isInteger(colIndex) && colIndex >= 1 && colIndex < 10000) position = colIndex - 1;
  const width = span(cell);
  for (let i = 0; i < width; i++) out[position + i] = cell;
  return position + width;
}

function placeCells(cells: Iterable<Element>): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  let position = 0;
  for (const cell of cells) position = placeCell(out, position, cell);
  return out;
}

/** `placeCells(htmlCells(row))` without the list between them: this runs for every row. */
function placeHtmlCells(row: Element): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  let position = 0;
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === 'td' || child.localName === 'th') position = placeCell(out, position, child);
  }
  return out;
}

// Table parts by walking children: the same in every DOM implementation (some lack section.rows).
function childrenNamed(parent: Element, names: readonly string[]): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (names.includes(child.localName)) out.push(child);
  }
  return out;
}

function htmlRows(table: Element): { head: Element[]; body: Element[] } {
  const head: Element[] = [];
  const body: Element[] = [];
  for (const part of childrenNamed(table, ['thead', 'tbody', 'tfoot', 'tr'])) {
    if (part.localName === 'tr') body.push(part);
    else if (part.localName === 'thead') head.push(...childrenNamed(part, ['tr']));
    else if (part.localName === 'tbody') body.push(...childrenNamed(part, ['tr']));
  }
  return { head, body };
}

function htmlCells(row: Element): Element[] {
  return childrenNamed(row, ['td', 'th']);
}

function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

function readHtmlTable(table: Element): PageTable {
  const { head, body } = htmlRows(table);
  let headerRow: Element | null = head[0] ?? null;
  if (!headerRow) {
    const first = body.find((row) => htmlCells(row).length > 0);
    if (first && htmlCells(first).every((cell) => cell.localName === 'th')) headerRow = first;
  }
  const headers = headerRow ? placeCells(htmlCells(headerRow)).map((cell) => (cell ? readText(cell, 200) : undefined)) : [];
  return {
    element: table,
    headers,
    rows: once(() => body.filter((row) => row !== headerRow)),
    cellsOf: placeHtmlCells,
    ariaRowCount: ariaRowCount(table),
  };
}

function ariaRowCount(table: Element): number | null {
  const raw = table.getAttribute('aria-rowcount');
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= -1 ? n : null;
}

const CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);

function ariaCells(row: Element): Element[] {
  const direct: Element[] = [];
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) {
    if (CELL_ROLES.has(child.getAttribute('role') ?? '')) direct.push(child);
  }
  if (direct.length) return direct;
  return Array.from(row.querySelectorAll(`${ARIA_CELL}, ${ARIA_HEADER_CELL}`)).filter((cell) => cell.closest(ARIA_ROW) === row);
}

function ownRows(table: Element): Element[] {
  return Array.from(table.querySelectorAll(ARIA_ROW)).filter((row) => row.closest(TABLE) === table);
}

function readAriaTable(table: Element): PageTable {
  // The header row is the first row with column headers, before any body row.
  let headerRow: Element | null = null;
  for (const row of table.querySelectorAll(ARIA_ROW)) {
    if (row.closest(TABLE) !== table) continue;
    if (row.querySelector(ARIA_HEADER_CELL)) headerRow = row;
    break;
  }
  const headers = headerRow ? placeCells(ariaCells(headerRow)).map((cell) => (cell ? readText(cell, 200) : undefined)) : [];
  const rows = once(() => ownRows(table).filter((row) => row !== headerRow && !row.querySelector(ARIA_HEADER_CELL)));
  return { element: table, headers, rows, cellsOf: (row) => placeCells(ariaCells(row)), ariaRowCount: ariaRowCount(table) };
}

/** Reads a table's header and rows; null for a layout table with no header. */
export function readPageTable(table: Element): PageTable | null {
  const read = isHtmlTable(table) ? readHtmlTable(table) : readAriaTable(table);
  return read.headers.some((h) => h) ? read : null;
}

/** Column positions per field, by header text (case and punctuation ignored); -1 when absent. */
export function mapColumns(headers: (string | undefined)[]): ColumnMap {
  const map = {} as ColumnMap;
  for (const field of Object.keys(COLUMNS) as ColumnField[]) {
    map[field] = headers.findIndex((header) => header !== undefined && labelIs(header, COLUMNS[field]));
  }
  return map;
}

/** Tables in scope, outside dialogs and hidden parts, and not inside another table. */
export function tablesIn(scope: ParentNode): Element[] {
  return tablesByWalk(scope) ?? tablesByQuery(scope);
}

function shownTable(table: Element): boolean {
  return table.getAttribute('role') !== 'presentation' && !table.closest('[hidden]') && !table.closest(DIALOG);
}

function tablesByQuery(scope: ParentNode): Element[] {
  return Array.from(scope.querySelectorAll(TABLE)).filter((table) => shownTable(table) && !table.parentElement?.closest(TABLE));
}

/** Elements a walk looks at before leaving the rest to a query: a walk costs more per element. */
const WALK_LIMIT = 5000;

/**
 * The elements in scope matching `selector` outside tables, by a walk that never enters a table
 * (a query visits every cell of a 5,000-row table); null when the page around the tables is too
 * big for a walk to be the quicker.
 */
export function outsideTablesByWalk(scope: ParentNode, selector: string): Element[] | null {
  const out: Element[] = [];
  if (scope.nodeType === ELEMENT_NODE && (scope as Element).closest(TABLE)) return out;
  let el = scope.firstElementChild;
  for (let seen = 0; el; seen++) {
    if (seen > WALK_LIMIT) return null;
    if (el.matches(selector)) out.push(el);
    if (!el.matches(TABLE) && el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    // The next element after this one's subtree, never climbing out of the scope.
    while (el && !el.nextElementSibling) el = el.parentNode === scope ? null : el.parentElement;
    el = el?.nextElementSibling ?? null;
  }
  return out;
}

function tablesByWalk(scope: ParentNode): Element[] | null {
  return outsideTablesByWalk(scope, TABLE)?.filter(shownTable) ?? null;
}

/** The section (if any) a table is the content of: its closest labelled section, region or group. */
export function sectionOf(table: Element, stop: Element): Element | null {
  const section = table.parentElement?.closest(SECTION) ?? null;
  return section && section !== stop && stop.contains(section) ? section : null;
}

/** What a table is called: its own label or caption, its section's, or the heading before it. */
export function tableName(table: Element, scope: Element): string {
  const own = accessibleNameOfTable(table);
  if (own) return own;
  const section = sectionOf(table, scope);
  if (section) {
    const labelled = referenced(section, 'aria-labelledby');
    const name = labelled.length ? labelled.map((x) => readText(x, 200)).join(' ') : section.getAttribute('aria-label');
    if (name && collapseSpaces(name)) return collapseSpaces(name);
  }
  const heading = precedingHeading(table, scope);
  return heading ? readText(heading, 200) : '';
}

function accessibleNameOfTable(table: Element): string {
  if (table.hasAttribute('aria-labelledby') || table.hasAttribute('aria-label')) {
    const labelled = referenced(table, 'aria-labelledby');
    if (labelled.length) return collapseSpaces(labelled.map((x) => readText(x, 200)).join(' '));
    return collapseSpaces(table.getAttribute('aria-label') ?? '');
  }
  const caption = table.localName === 'table' ? childrenNamed(table, ['caption'])[0] : undefined;
  return caption ? readText(caption, 200) : '';
}
