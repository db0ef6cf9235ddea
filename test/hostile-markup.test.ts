// @vitest-environment happy-dom
// Issue 7: a changed Members page never gets a clean bill it has not earned. Every variant of the
// demo page (columns renamed, reordered or missing, another markup, another language, pages, a
// virtual list, a split table…) is either read exactly, or read as partial or unreadable; and the
// sidebar says "No duplicates" only after a complete read.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { detectView, readMemberList, type MemberListRead } from '../lib/mixpanel';
import { unloadFixture } from './mixpanel/load-fixture';
import { openSidebar, verdictOf } from './mixpanel/sidebar-probe';
import {
  COLUMN_KEYS, DOM_MUTATION_KINDS, LANGS, PLAIN, judge, renderVariant, truth, variantArb, type DomMutation, type PageVariant,
} from './mixpanel/mutations';

// Each test reads many variants of the page on a shared two-core machine.
vi.setConfig({ testTimeout: 120_000 });
afterEach(() => unloadFixture());

/** Reads the variant, and what a sidebar on it says of an address nobody there has. */
async function readVariant(variant: PageVariant): Promise<{ read: MemberListRead; wrong: string[]; verdict: string }> {
  await renderVariant(variant);
  const read = readMemberList(document);
  // The content script tells the view from the read: it must say what detectView says.
  expect(read.view).toBe(detectView(document));
  const wrong = judge(read, truth());
  const probe = await openSidebar();
  try {
    probe.typeAddresses('fresh.person@acme.com');
    return { read, wrong, verdict: verdictOf(probe.container) };
  } finally {
    probe.destroy();
  }
}

const tried = { runs: 0, kinds: new Set<string>(), states: { complete: 0, partial: 0, unreadable: 0 } };
function count(variant: PageVariant): void {
  tried.runs += 1;
  for (const kind of variant.dom) tried.kinds.add(kind);
  if (variant.lang) tried.kinds.add(`lang-${variant.lang}`);
  if (variant.markup === 'grid') tried.kinds.add('grid-markup');
  if (variant.classSalt) tried.kinds.add('salted-classes');
  if (variant.pageSize) tried.kinds.add('paginated');
  if (variant.empty) tried.kinds.add('empty-organization');
  if (variant.search) tried.kinds.add('search-filter');
  if (variant.hostile) tried.kinds.add('hostile-content');
  if (variant.columns.join() !== COLUMN_KEYS.join()) tried.kinds.add(variant.columns.includes('email') ? 'columns-reordered-or-dropped' : 'no-email-column');
}
afterAll(() => {
  const { complete, partial, unreadable } = tried.states;
  console.info(
    `hostile-markup: ${tried.runs} page variants read (${complete} complete, ${partial} partial, ${unreadable} unreadable), ` +
      `${tried.kinds.size} kinds of change: ${[...tried.kinds].sort().join(', ')}`,
  );
});

async function expectTrue(variant: PageVariant): Promise<MemberListRead> {
  count(variant);
  const { read, wrong, verdict } = await readVariant(variant);
  tried.states[read.state] += 1;
  expect(wrong).toEqual([]);
  // "No duplicates" after a complete read only (then a fresh address is all clear); after any other,
  // the sidebar says its silence is no proof, unless it has findings to show anyway.
  if (read.state === 'complete') expect(verdict).toBe('all-clear');
  else expect(['not-proof', 'findings']).toContain(verdict);
  return read;
}

describe('one change at a time', () => {
  const READ_WHOLE: DomMutation[] = [
    'role-select', 'mailto-links', 'stack-name-email', 'split-table', 'extra-column', 'shuffle-cells', 'uppercase-headers',
    'drop-email-header', 'pending-first', 'noise-table', 'activity-table', 'drop-range-text', 'icon-only-pager',
    'drop-count-text', 'drop-tab-count', 'font-wrap', 'strip-classes',
  ];

  it.each(READ_WHOLE)('%s: every member is still read, with roles and names', async (kind) => {
    for (const markup of ['table', 'grid'] as const) {
      const read = await expectTrue({ ...PLAIN, markup, dom: [kind] });
      expect(read.state, `${kind} on ${markup}`).toBe('complete');
      expect(read.readCount).toBe(36);
      expect(read.members.filter((m) => m.orgRole === 'admin').map((m) => m.email)).toEqual(['raj.patel@acme.com']);
    }
  });

  it('when only the Users tab\'s count tells there are more, the list is partial', async () => {
    await renderVariant({ ...PLAIN, pageSize: 25, lang: 'xx', dom: ['drop-count-text'] });
    // A pager in no known language is still a pager; without it, only the tab's "36" is left.
    document.querySelector('main [role="navigation"]')!.remove();
    for (const th of document.querySelectorAll<HTMLTableCellElement>('main table[aria-label] thead th')) th.textContent = ['Name', 'Email'][th.cellIndex] ?? th.textContent;
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read.problems[0]).toBe("Showing 25 of 36 members: duplicates among the others can't be checked.");
  });

  it('a virtual list that draws only the rows in view is partial', async () => {
    const read = await expectTrue({ ...PLAIN, dom: ['virtualize', 'drop-count-text', 'drop-tab-count'] });
    expect(read).toMatchObject({ state: 'partial', readCount: 8 });
    expect(read.problems).toContain("The users table only draws the rows in view: duplicates among the others can't be checked.");
  });

  it('header cells written as plain cells: a table head still heads the table; a grid row without column headers is not read', async () => {
    expect((await expectTrue({ ...PLAIN, dom: ['header-cells-as-td'] })).state).toBe('complete');
    expect((await expectTrue({ ...PLAIN, markup: 'grid', dom: ['header-cells-as-td'] })).state).toBe('unreadable');
  });

  it('another list of addresses is never taken for the members', async () => {
    // With only an Email column, the table named "Users" is the list; unnamed, neither is.
    expect((await expectTrue({ ...PLAIN, columns: ['email'], dom: ['activity-table'] })).state).toBe('complete');
    await renderVariant({ ...PLAIN, columns: ['email'], dom: ['activity-table'] });
    document.querySelector('main table[aria-label="Users"]')!.removeAttribute('aria-label');
    let read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read).toMatchObject({ state: 'unreadable', problems: ['Could not find the users table.'] });
    // Two named lists that show as much of a person, with different columns: which is which can't be told.
    await renderVariant({ ...PLAIN, columns: ['email', 'role'] });
    const users = document.querySelector('main table[aria-label="Users"]')!.parentElement!;
    const other = users.cloneNode(true) as Element;
    other.querySelector('thead tr')!.append(Object.assign(document.createElement('th'), { textContent: 'Team' }));
    users.before(other);
    read = readMemberList(document);
    expect(read).toMatchObject({ state: 'unreadable', members: [] });
    expect(read.problems[0]).toBe('Found more than one list of people and could not tell which one lists the members.');
  });

  it('a mailto link to another address than the one shown is not trusted', async () => {
    await renderVariant({ ...PLAIN, dom: ['mailto-links'] });
    document.querySelector('main a[href^="mailto:jane.doe"]')!.setAttribute('href', 'mailto:mallory@evil.example');
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read.members.map((m) => m.email)).not.toContain('mallory@evil.example');
    expect(read).toMatchObject({ state: 'partial', readCount: 35 });
    expect(read.problems).toContain('1 member row could not be read.');
  });

  it('roles that cannot be read make the list partial: the admins can\'t be counted', async () => {
    await renderVariant(PLAIN);
    for (const badge of document.querySelectorAll('main tbody tr td:nth-child(3) span')) badge.textContent = 'Superuser';
    const read = readMemberList(document);
    expect(read.state).toBe('partial');
    expect(read.problems).toContain("The organization role of 36 members could not be read: owners and admins can't be counted.");
  });
});

describe('columns', () => {
  it('reads every order and subset of columns that has the addresses, and reports the ones without', async () => {
    const orders: (typeof COLUMN_KEYS)[number][][] = [
      ['email'], ['email', 'name'], ['name', 'email'], ['role', 'email'], ['lastActive', 'projects', 'email', 'role', 'name'],
      ['projects', 'name', 'role', 'lastActive', 'email'], ['name', 'role', 'projects', 'lastActive'], ['name'], ['role', 'lastActive'],
    ];
    for (const columns of orders) {
      for (const markup of ['table', 'grid'] as const) {
        const read = await expectTrue({ ...PLAIN, columns, markup });
        expect(read.state, columns.join()).toBe(columns.includes('email') ? 'complete' : 'unreadable');
      }
    }
  });
});

describe('another language', () => {
  it.each(['de', 'fr'] as const)('reads the page in %s whole, roles included, pending invitations never taken for members', async (lang) => {
    for (const markup of ['table', 'grid'] as const) {
      for (const dom of [[], ['pending-first'], ['split-table', 'shuffle-cells', 'pending-first']] as DomMutation[][]) {
        const read = await expectTrue({ ...PLAIN, lang, markup, dom });
        expect(read, `${markup} ${dom.join('+')}`).toMatchObject({ state: 'complete', readCount: 36, totalShown: 36 });
        expect(read.members.find((m) => m.email === 'dana.whitfield@acme.com')).toMatchObject({ orgRole: 'owner', allProjects: true });
        expect(read.pending).toHaveLength(3);
      }
    }
  });

  it('reads a page in a language it does not know as unreadable', async () => {
    const read = await expectTrue({ ...PLAIN, lang: 'xx' });
    expect(read).toMatchObject({ state: 'unreadable', members: [] });
  });

  it('knows a paginated list is partial in every language, even with the pager reduced to bare icons', async () => {
    const pagerChanges: DomMutation[][] = [[], ['drop-range-text'], ['icon-only-pager'], ['drop-range-text', 'icon-only-pager', 'drop-count-text', 'drop-tab-count']];
    for (const lang of LANGS) {
      for (const dom of pagerChanges) {
        for (const page of [0, 1]) {
          const read = await expectTrue({ ...PLAIN, lang, pageSize: 25, page, dom });
          expect(read.state, `${lang || 'en'} page ${page} ${dom.join('+')}`).not.toBe('complete');
        }
      }
    }
  });
});

describe('any combination of changes (fast-check)', () => {
  it('is read exactly, or said to be partial or unreadable; never a clean bill it has not earned', async () => {
    await fc.assert(
      fc.asyncProperty(variantArb, async (variant) => {
        await expectTrue(variant);
      }),
      // HOSTILE_RUNS explores further; the suite's own runs stay reproducible in number.
      { numRuns: Number(process.env.HOSTILE_RUNS) || 300 },
    );
  }, 600_000);

  it('covers every kind of change the generator knows', () => {
    for (const kind of DOM_MUTATION_KINDS) expect(tried.kinds).toContain(kind);
  });
});
