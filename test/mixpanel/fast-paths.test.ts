// @vitest-environment happy-dom
// The adapter's shortcuts for the common case must give what the general code gives: the text of a
// cell read through its fast path, spaces collapsed without regexes, tables found without entering
// tables. Each is checked here against the slow definition it replaces, on markup made to trip it.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { collapseSpaces, firstElementNamed, readText, readTextAndFirst, readTextWalking } from '../../lib/mixpanel/dom';
import { parseDateTimeAttribute } from '../../lib/mixpanel/page-dates';
import { TABLE, DIALOG } from '../../lib/mixpanel/selectors';
import { readPageTable, tablesIn } from '../../lib/mixpanel/tables';

afterEach(() => {
  document.body.innerHTML = '';
});

function cell(html: string): Element {
  const td = document.createElement('div');
  td.innerHTML = html;
  document.body.append(td);
  return td;
}

const TRICKY_CELLS = [
  'jane@acme.com',
  '<span>jane@acme.com</span>',
  '<span><b><i>  Jane   Doe  </i></b></span>',
  '<span>\n\t Jane\u00a0Doe \r\n</span>',
  '<span>\ufeffjane@acme.com\ufeff</span>',
  '<span> \ufeff jane@acme.com </span>',
  '<span>ja\u200bne@acme.com</span>',
  '<span>j\u202eane@acme.com</span>',
  '<span>Jürgen Müller</span>',
  '<span>Élodie\u2003Dubois</span>',
  '<span>Jane</span><span>Doe</span>',
  '<div>Jane</div><div>Doe</div>',
  // A block alone down the cell changes nothing; beside text, at any level above, it parts the words.
  '<div><p>Jane Doe</p></div>',
  'Jane<div>Doe</div>',
  '<span>Jane<span><div>Doe</div></span></span>',
  '<div>Jane<p>Doe</p></div>',
  '<span aria-hidden="true">JD</span><span>Jane Doe</span>',
  '<div><span aria-hidden="true">JD</span><span title="Jane">Jane Doe</span></div>',
  '<span aria-hidden="true">hidden only</span>',
  '<span hidden>hidden only</span>',
  '<span><svg><text>icon</text></svg></span>',
  '<span>Jane<!-- a comment -->Doe</span>',
  '<span><!-- only a comment --></span>',
  '<span>Jane <script>evil()</script>Doe</span>',
  '<span><select><option>Admin</option><option selected>Member</option></select></span>',
  '<select><option>Owner</option></select>',
  '<select><span>not an option</span></select>',
  '<time datetime="2026-11-20">Nov 20, 2026</time>',
  '<span><time datetime="2026-11-20"> Nov\n20, 2026 </time></span>',
  '<p>  </p>',
  '',
  '   ',
  '<span>a  b</span>',
  '<span> a</span>',
  '<span>a </span>',
  '<span>a\u0085b</span>',
  '<span>a\u000bb\u000cc</span>',
  '<span>a\u0001b</span>',
  '<a href="mailto:jane@acme.com">Jane Doe</a>',
  '<span><span><span><span><span>deep</span></span></span></span></span>',
  '<div><p>\ufeff</p> <b>x</b></div>',
  '<div><p><span aria-hidden="true">JD</span>\ufeff Jane</p></div>',
  '<div><section><p>Jane</p><p>Doe</p></section></div>',
  '<div><span><span hidden>x</span></span></div>',
  '<div><span><select><option selected>Admin</option></select></span></div>',
  '<p><b>Jane</b>Doe</p>',
  '<div><span>Jane<i>Doe</i></span></div>',
  // More spaces than twice the limit: before the text, and inside it.
  `<span>${' '.repeat(500)}Jane</span>`,
  `<span>Jane${' '.repeat(500)}Doe</span>`,
  `<span>${'\n\t '.repeat(200)}jane@acme.com${' '.repeat(300)}</span>`,
];

/** A small DOM tree, as data: what fast-check shrinks. */
type TreeNode = { text: string } | { comment: true } | { tag: string; attributes: string[]; children: TreeNode[] };

const TREE_TAGS = ['span', 'b', 'a', 'time', 'wbr', 'div', 'p', 'select', 'option', 'svg', 'script', 'x:time', 'SPAN'];
const TREE_ATTRIBUTES = ['hidden', 'aria-hidden=true', 'aria-hidden=false', 'aria-hidden=TRUE', 'ns:hidden', 'ns:aria-hidden', 'selected'];

const treeArbitrary = fc.letrec<{ nodes: TreeNode[]; node: TreeNode }>((tie) => ({
  nodes: fc.array(tie('node'), { maxLength: 3 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text: fc.string({ unit: fc.constantFrom('a', 'Z', '@', ' ', '   ', '\n', '\u00a0', '\ufeff'), maxLength: 8 }) }),
    fc.constant({ comment: true as const }),
    fc.record({ tag: fc.constantFrom(...TREE_TAGS), attributes: fc.subarray(TREE_ATTRIBUTES, { maxLength: 2 }), children: tie('nodes') }),
  ),
})).nodes;

function buildNode(node: TreeNode): Node {
  if ('text' in node) return document.createTextNode(node.text);
  if ('comment' in node) return document.createComment('c');
  // x:time is an XHTML element with a prefix; SPAN one whose local name is upper case.
  const el = node.tag === 'x:time' || node.tag === 'SPAN' ? document.createElementNS('http://www.w3.org/1999/xhtml', node.tag) : document.createElement(node.tag);
  for (const attribute of node.attributes) {
    if (attribute.startsWith('ns:')) el.setAttributeNS('urn:x', attribute.slice(3), 'true');
    else {
      const [key, value] = attribute.split('=');
      el.setAttribute(key!, value ?? '');
    }
  }
  for (const child of node.children) el.append(buildNode(child));
  return el;
}

describe('readText', () => {
  it.each(TRICKY_CELLS)('reads %j as the full walk does', (html) => {
    const el = cell(html);
    for (const limit of [4000, 200, 5]) expect(readText(el, limit)).toBe(readTextWalking(el, limit));
  });

  it('reads text nodes split apart as one text, as the walk does', () => {
    const el = cell('<span></span>');
    const span = el.firstElementChild!;
    span.append(document.createTextNode('  Jane '), document.createTextNode(' Doe\n'));
    expect(readText(el)).toBe('Jane Doe');
    expect(readText(el)).toBe(readTextWalking(el));
  });

  it('agrees with the walk on any text in a chain of spans', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', '@', '.', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\ufeff', '\u200b', '\u0085') });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 3 }), (value, depth) => {
        const el = cell('');
        let at: Element = el;
        for (let i = 0; i < depth; i++) at = at.appendChild(document.createElement('span'));
        at.append(value);
        const same = readText(el) === readTextWalking(el);
        el.remove();
        return same;
      }),
    );
  });

  it('agrees with the walk at any limit, on one or several text nodes with comments between', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '@', ' ', '    ', '\n', '\u00a0', '\ufeff'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.boolean()), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 12 }), (parts, limit) => {
        const el = cell('<span></span>');
        const span = el.firstElementChild!;
        for (const [value, comment] of parts) {
          span.append(document.createTextNode(value));
          if (comment) span.append(document.createComment('c'));
        }
        const same = readText(el, limit) === readTextWalking(el, limit);
        el.remove();
        return same;
      }),
      { numRuns: 500 },
    );
  });
});

describe('collapseSpaces', () => {
  // The definition before its shortcut for plain text.
  const byRegex = (text: string) => text.replace(/[^\S\ufeff]+/g, ' ').replace(/^[^\S\ufeff]+|[^\S\ufeff]+$/g, '');

  it('gives what the regexes give', () => {
    const unit = fc.constantFrom('a', 'b', '1', '@', ' ', '\t', '\n', '\r', '\v', '\f', '\u0001', '\u007f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2028', '\u202f', '\u3000', '\ufeff', '\u200b', 'é');
    fc.assert(fc.property(fc.string({ unit }), (text) => collapseSpaces(text) === byRegex(text)));
  });

  it.each(['', ' ', 'a', 'a b', ' a', 'a ', 'a  b', 'a\tb', '\ufeff', ' \ufeff ', 'a\u00a0b'])('collapses %j', (text) => {
    expect(collapseSpaces(text)).toBe(byRegex(text));
  });
});

describe('tablesIn', () => {
  // The definition by selector query, which visits every cell of every table.
  const bySelector = (scope: Element) =>
    Array.from(scope.querySelectorAll(TABLE)).filter(
      (table) => table.getAttribute('role') !== 'presentation' && !table.closest('[hidden]') && !table.closest(DIALOG) && !table.parentElement?.closest(TABLE),
    );

  const PAGES = [
    '<table id="a"><tr><td><table id="nested"></table></td></tr></table><div role="grid" id="b"></div>',
    '<section><div><table id="a"></table></div></section><div><div><div role="treegrid" id="b"></div></div><p>x</p></div>',
    '<table role="presentation"><tr><td><div role="grid" id="inside-layout"></div></td></tr></table><div role="table" id="c"></div>',
    '<div hidden><table id="hidden"></table></div><div role="dialog"><table id="in-dialog"></table></div><table id="shown"></table>',
    '<div role="grid" hidden id="g"><div role="table" id="in-hidden-grid"></div></div><div><table id="last"></table></div>',
    '<div><span></span><span><b></b></span></div><table id="after-leaves"></table><div></div>',
    '<div role="row"><div role="cell"><table id="not-in-a-table"></table></div></div>',
    '',
    '<p>no tables</p>',
  ];

  it.each(PAGES)('finds the tables of %j', (html) => {
    document.body.innerHTML = `<main>${html}</main>`;
    const main = document.querySelector('main')!;
    expect(tablesIn(main)).toEqual(bySelector(main));
    for (const scope of main.querySelectorAll('*')) expect(tablesIn(scope)).toEqual(bySelector(scope));
  });

  it('finds the same tables on a page too big to walk', () => {
    const filler = '<div><span></span></div>'.repeat(3000);
    document.body.innerHTML = `<main>${filler}<table id="a"><tr><td><table></table></td></tr></table>${filler}<div role="grid" id="b"></div></main>`;
    const main = document.querySelector('main')!;
    expect(tablesIn(main).map((t) => t.id)).toEqual(['a', 'b']);
    expect(tablesIn(main)).toEqual(bySelector(main));
  });

  it('finds none in a scope that is itself inside a table', () => {
    document.body.innerHTML = '<table><tr><td><main><table id="x"></table></main></td></tr></table>';
    const main = document.querySelector('main')!;
    expect(tablesIn(main)).toEqual([]);
    expect(bySelector(main)).toEqual([]);
  });
});

describe('cellsOf', () => {
  // A table with no spanning or indexed cell reads each row's cells in order, without the attribute
  // reads placement makes: the same cells as placement gives (forced here by one spanning cell).
  it('gives in order the cells placement gives, whatever else the rows hold', () => {
    const rowArbitrary = fc.array(fc.constantFrom('td', 'th', 'td.c', 'th.c', 'td[data-x]', 'span', 'template'), { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 4 }), (rows) => {
        const build = (forcePlacement: boolean) => {
          const table = document.createElement('table');
          const head = table.createTHead().insertRow();
          for (const label of ['Name', 'Email', 'Role']) head.append(Object.assign(document.createElement('th'), { textContent: label }));
          const body = table.createTBody();
          for (const kinds of rows) {
            const tr = body.insertRow();
            for (const kind of kinds) {
              const el = document.createElement(kind.slice(0, kind.search(/[.[]|$/)));
              if (kind.endsWith('.c')) el.className = 'c';
              if (kind.endsWith('[data-x]')) el.setAttribute('data-x', '1');
              tr.append(el);
            }
          }
          if (forcePlacement) body.insertRow().append(Object.assign(document.createElement('td'), { colSpan: 1 }));
          document.body.append(table);
          const read = readPageTable(table)!;
          const cells = read.rows().slice(0, rows.length).map((row) => read.cellsOf(row).map((cell) => (cell ? [...row.children].indexOf(cell) : -1)));
          table.remove();
          return cells;
        };
        expect(build(false)).toEqual(build(true));
      }),
    );
  });
});

describe('firstElementNamed', () => {
  it.each([
    ...TRICKY_CELLS,
    '<span><b></b></span><time datetime="2026-01-01">x</time>',
    '<time><time></time></time>',
    '<span><a href="mailto:a@b.co">a</a><a href="mailto:c@d.co">c</a></span>',
    '<div><span></span><span><a>deep</a></span></div>',
    '<svg><a href="#x"><text>link</text></a></svg>',
  ])('finds in %j what getElementsByTagName finds', (html) => {
    const el = cell(html);
    for (const scope of [el, ...el.querySelectorAll('*')]) {
      for (const name of ['a', 'time', 'span', 'option']) {
        expect(firstElementNamed(scope, name)).toBe(scope.getElementsByTagName(name)[0] ?? null);
      }
    }
  });

  it('finds no prefixed element, as getElementsByTagName does not', () => {
    const el = cell('');
    el.append(document.createElementNS('http://www.w3.org/1999/xhtml', 'x:time'));
    expect(el.getElementsByTagName('time')[0]).toBeUndefined();
    expect(firstElementNamed(el, 'time')).toBeNull();
  });
});

describe('readTextAndFirst', () => {
  it.each([
    ...TRICKY_CELLS,
    '<span><time datetime="2026-01-01"><b hidden>x</b>Jan 1</time></span>',
    '<span aria-hidden="true"><time datetime="2026-01-01">Jan 1</time></span>',
    '<span><select><option>a</option></select><a href="mailto:x@y.co">x</a></span>',
    '<a href="mailto:x@y.co"><span><a>inner</a></span></a>',
    '<span><b>Jane</b> <a href="mailto:x@y.co">x</a></span>',
    '<span> <a href="mailto:x@y.co">x</a></span>',
    '<div><span><span hidden><time>x</time></span></span></div>',
  ])('reads %j as readText and firstElementNamed do', (html) => {
    const el = cell(html);
    for (const scope of [el, ...el.querySelectorAll('*')]) {
      for (const name of ['a', 'time', 'span', 'select', 'b']) {
        for (const limit of [400, 5]) {
          expect(readTextAndFirst(scope, limit, name)).toEqual({ text: readText(scope, limit), first: firstElementNamed(scope, name) });
        }
      }
    }
  });

  it('agrees with the walk and firstElementNamed on any small tree of text, inline, block, hidden and skipped elements', () => {
    fc.assert(
      fc.property(treeArbitrary, fc.constantFrom(400, 12, 5), fc.constantFrom('a', 'time'), (children, limit, name) => {
        const el = cell('');
        for (const child of children) el.append(buildNode(child));
        const scopes = [el, ...el.querySelectorAll('*')];
        const same = scopes.every((scope) => {
          const read = readTextAndFirst(scope, limit, name);
          return read.text === readTextWalking(scope, limit) && read.first === firstElementNamed(scope, name) && readText(scope, limit) === read.text;
        });
        el.remove();
        return same;
      }),
      { numRuns: 400 },
    );
  });

  it('finds no prefixed element on the chain, as firstElementNamed does not', () => {
    const el = cell('');
    const prefixed = el.appendChild(document.createElementNS('http://www.w3.org/1999/xhtml', 'x:time'));
    prefixed.append(document.createElement('time'));
    expect(readTextAndFirst(el, 200, 'time').first).toBe(firstElementNamed(el, 'time'));
    expect(readTextAndFirst(el, 200, 'time').first).toBe(prefixed.firstElementChild);
  });
});

describe('parseDateTimeAttribute', () => {
  it('gives the same answer the second time, from what it keeps', () => {
    const values = ['2026-11-20', '2026-02-30', ' 2026-11-20T10:00:00Z ', '2026-11-20T25:00', 'x', '', '2026-11-20T10:00:00.123456789+01:00'];
    const first = values.map(parseDateTimeAttribute);
    expect(first).toEqual(['2026-11-20', null, '2026-11-20T10:00:00Z', null, null, null, '2026-11-20T10:00:00.123456789+01:00']);
    expect(values.map(parseDateTimeAttribute)).toEqual(first);
  });

  it('stays right after more distinct values than it keeps', () => {
    const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    for (let n = 0; n < 2500; n++) expect(parseDateTimeAttribute(day(n))).toBe(day(n));
    expect(parseDateTimeAttribute('2001-02-29')).toBeNull();
    expect(parseDateTimeAttribute(day(0))).toBe(day(0));
  });
});
