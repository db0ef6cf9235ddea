// @vitest-environment happy-dom
// Issue 7: hostile page content. Names, project names, role labels and addresses on the Members page
// holding markup, script URLs, invisible and direction-changing characters, look-alike letters and
// 10,000-character strings are read as plain text, and the sidebar shows them as inert text with
// the hidden characters made visible.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMemberList } from '../lib/mixpanel';
import { findHiddenCharacter } from '../lib/text';
import { collapseSpaces } from '../lib/mixpanel/dom';
import { loadFixture, typeInto, unloadFixture } from './mixpanel/load-fixture';
import { openSidebar, type SidebarProbe } from './mixpanel/sidebar-probe';
import { isShownName, judge, truth } from './mixpanel/mutations';
import {
  HOSTILE_EMAILS, HOSTILE_STRINGS, INVISIBLE_STRINGS, hostileAddresses, hostilePeople, hostileRoles, type FixturePerson,
} from './mixpanel/hostile-strings';

declare global {
  interface Window {
    __igPwned?: number;
  }
}

/** Elements and attributes that only markup read as HTML could have made. */
const ACTIVE = 'img, script, iframe, object, embed, math, a[href^="javascript:" i], [onerror], [onload], [onmouseover], [onclick]';

function query(people: FixturePerson[], extra = ''): string {
  const params = new URLSearchParams(extra);
  params.set('people', JSON.stringify(people));
  return params.toString();
}

beforeEach(() => {
  delete window.__igPwned;
});
afterEach(() => unloadFixture());

describe('the adapter reads hostile content as plain text', () => {
  it('names and project names: exactly the text shown, long ones capped, nothing run or created', async () => {
    const people = hostilePeople();
    await loadFixture({ query: query(people) });
    // The fixture itself writes text nodes: the page holds no active element either.
    expect(document.querySelector(`main ${ACTIVE.split(', ').join(', main ')}`)).toBeNull();
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read).toMatchObject({ state: 'complete', readCount: 36 + people.length });
    for (const person of people) {
      const member = read.members.find((m) => m.email === person.email);
      expect(member, person.email).toBeDefined();
      expect(isShownName(member!.name ?? '', person.name), person.email).toBe(true);
      expect(member!.orgRole).toBe('member');
      // Projects are split at commas and semicolons; each piece is text of the page.
      for (const project of member!.projects ?? []) expect(collapseSpaces(person.projects.join(', '))).toContain(project.replace(/…$/, ''));
    }
    expect(read.members.find((m) => m.email === 'hostile1@acme.com')!.name).toBe(HOSTILE_STRINGS[0]);
    expect(window.__igPwned).toBeUndefined();
  });

  it('keeps invisible characters in names, for the sidebar to show', async () => {
    await loadFixture({ query: query(hostilePeople()) });
    const read = readMemberList(document);
    const names = read.members.map((m) => m.name ?? '');
    for (const text of INVISIBLE_STRINGS) expect(names).toContain(text);
  });

  it('role labels it does not know leave the role unread and the list partial', async () => {
    const roles = hostileRoles();
    await loadFixture({ query: query(roles) });
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    for (const person of roles) expect(read.members.find((m) => m.email === person.email)!.orgRole).toBeUndefined();
    expect(read.state).toBe('partial');
    expect(read.problems).toContain(`The organization role of 3 members could not be read: owners and admins can't be counted.`);
  });

  it('addresses that are not addresses, or are disguised, are rows it could not read: never someone else', async () => {
    const bad = hostileAddresses();
    await loadFixture({ query: query(bad) });
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read.state).toBe('partial');
    expect(read.problems).toContain(`${HOSTILE_EMAILS.length} member rows could not be read.`);
    // "jane.doe@acme" with an invisible character in it is not Jane Doe.
    expect(read.members.filter((m) => m.email.startsWith('jane.doe')).map((m) => m.name)).toEqual(['Jane Doe']);
  });

  it('drops a byte-order mark at the very edge of an address, as the address parser does', async () => {
    await loadFixture({ query: query([{ name: 'Edge mark', email: 'jane.doe@acme.com\uFEFF', role: 'Member', projects: [] }]) });
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read.members.filter((m) => m.email.startsWith('jane.doe')).map((m) => [m.email, m.name])).toEqual([
      ['jane.doe@acme.com', 'Jane Doe'],
      ['jane.doe@acme.com', 'Edge mark'],
    ]);
  });

  it('also in the fixture\'s own hostile organization', async () => {
    await loadFixture({ query: 'fixture=hostile' });
    const read = readMemberList(document);
    expect(judge(read, truth())).toEqual([]);
    expect(read.state).toBe('partial');
  });
});

describe('the sidebar shows hostile content as inert, visible text', () => {
  let probe: SidebarProbe;
  async function open(people: FixturePerson[]): Promise<void> {
    await loadFixture({ query: query(people) });
    probe = await openSidebar();
  }
  afterEach(() => probe.destroy());

  const cards = () => Array.from(probe.container.querySelectorAll('.ig-address'));

  it('finds the hostile members as duplicates, and shows their names without running or creating anything', async () => {
    const people = hostilePeople();
    await open(people);
    probe.typeAddresses(people.map((p) => p.email).join('\n'));
    const findings = probe.container.querySelectorAll('[data-code="duplicate-member"]');
    expect(findings).toHaveLength(people.length);
    expect(probe.container.querySelector(ACTIVE)).toBeNull();
    expect(probe.container.querySelector('style')).toBeNull();
    expect(window.__igPwned).toBeUndefined();
    const text = probe.shownText();
    expect(text).toContain('<img src=x onerror="window.__igPwned=1">');
    expect(text).toContain('<script>window.__igPwned=1</script>');
    // No invisible character reaches the screen: each is shown by its code point.
    expect(findHiddenCharacter(text)).toBeNull();
    for (const code of ['U+202E', 'U+2067', 'U+200B', 'U+200D', 'U+FEFF', 'U+E0049', 'U+00AD', 'U+3164', 'U+180E']) expect(text).toContain(`⟨${code}⟩`);
    // The 10,000-character name is cut, not laid out whole.
    for (const finding of findings) expect((finding.textContent ?? '').length).toBeLessThan(1_500);
  });

  it('names them as text in the existing-access search too', async () => {
    await open(hostilePeople());
    typeInto(probe.container.querySelector('[data-invite-guard="existing-search"]')!, 'hostile');
    await vi.waitFor(() => expect(probe.container.querySelectorAll('[data-invite-guard="existing-person"]').length).toBeGreaterThan(0));
    expect(probe.container.querySelector(ACTIVE)).toBeNull();
    expect(findHiddenCharacter(probe.shownText())).toBeNull();
    expect(probe.shownText()).toContain('<img src=x onerror="window.__igPwned=1"> · hostile1@acme.com');
  });

  // Addresses that look like a member's (jane.doe@acme.com) but are not.
  const LOOKALIKES: [string, string, string][] = [
    ['jane.doe@acme.com\u200B', 'invalid-address', 'jane.doe@acme.com⟨U+200B⟩'],
    ['jane.doe\u200D@acme.com', 'invalid-address', 'jane.doe⟨U+200D⟩@acme.com'],
    ['\u202Ejane.doe@acme.com', 'invalid-address', '⟨U+202E⟩jane.doe@acme.com'],
    ['jane.doe@acme\uFEFF.com', 'invalid-address', 'jane.doe@acme⟨U+FEFF⟩.com'],
    ['jane.doe@acme\u00AD.com', 'invalid-address', 'jane.doe@acme⟨U+00AD⟩.com'],
    ['jane.doe@acme.com\u{E0041}', 'invalid-address', 'jane.doe@acme.com⟨U+E0041⟩'],
    ['jane.doe@\u2067acme.com\u2069', 'invalid-address', 'jane.doe@⟨U+2067⟩acme.com⟨U+2069⟩'],
    // Another script: shown in its ASCII (punycode) form, which no one mistakes for acme.com.
    ['jane.doe@аcme.com', 'lookalike-domain', `jane.doe@${new URL('http://аcme.com').hostname}`],
    ['jаne.doe@acme.com', 'invalid-address', 'jаne.doe@acme.com'],
    ['jane.doe@acme.com.evil.io', 'lookalike-domain', 'jane.doe@acme.com.evil.io'],
    ['jane.doe@acrne.com', 'lookalike-domain', 'jane.doe@acrne.com'],
    ['Jane.Doe@ACME.com', 'duplicate-member', 'jane.doe@acme.com'],
    ['jane.doe+test@acme.com', 'possible-duplicate', 'jane.doe+test@acme.com'],
  ];

  it.each(LOOKALIKES)('%j is flagged as %s, and shown as %j', async (typed, code, shown) => {
    await open([]);
    probe.typeAddresses(typed);
    const card = cards()[0]!;
    expect(card.querySelector(`[data-code="${code}"]`), card.textContent ?? '').not.toBeNull();
    expect(['block', 'warn']).toContain(card.querySelector(`[data-code="${code}"]`)!.getAttribute('data-severity'));
    expect(card.querySelector('.ig-address-text')!.textContent).toBe(shown);
    expect(findHiddenCharacter(probe.shownText())).toBeNull();
    expect(probe.container.querySelector('[data-invite-guard="all-clear"]')).toBeNull();
  });
});
