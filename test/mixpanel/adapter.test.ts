// @vitest-environment happy-dom
// The page adapter against the demo Members page (test/fixtures/mixpanel), and against hand-written
// variations of the markup it must survive.
import { afterEach, describe, expect, it } from 'vitest';
import {
  detectView,
  dialogToDrafts,
  findInviteDialog,
  inviteSubmitButton,
  observeRoot,
  readInviteDialog,
  readMemberList,
  readOrganizationName,
  readSignedInAdmin,
  regionOf,
  type MemberListRead,
} from '../../lib/mixpanel';
import { byName, choose, fixture, loadFixture, press, rendered, typeInto, unloadFixture } from './load-fixture';

afterEach(() => unloadFixture());

function memberByEmail(read: MemberListRead, email: string) {
  const found = read.members.find((m) => m.email === email);
  if (!found) throw new Error(`${email} was not read`);
  return found;
}

function setBody(html: string): void {
  window.__mixpanelFixture?.destroy();
  document.body.innerHTML = html;
}

function openDialog(): HTMLElement {
  byName('Invite Users').click();
  const dialog = findInviteDialog(document);
  if (!dialog) throw new Error('The invite dialog did not open');
  return dialog;
}

function emailInputs(dialog: HTMLElement): HTMLInputElement[] {
  return Array.from(dialog.querySelectorAll<HTMLInputElement>('input[aria-label="Email"]'));
}

describe('the demo Members page', () => {
  it('renders the organization: 36 members, 3 pending invitations, the admin in the header', async () => {
    await loadFixture();
    const main = document.querySelector('main')!;
    expect(main.querySelector('h1')!.textContent).toBe('Users & Teams');
    expect(fixture().members).toHaveLength(36);
    expect(fixture().members.filter((m) => m.role === 'Owner').map((m) => m.email)).toEqual(['dana.whitfield@acme.com']);
    expect(fixture().pending).toHaveLength(3);
    expect(document.querySelector('[aria-label="Account"]')!.textContent).toContain('dana.whitfield@acme.com');
    // Generated class names only: nothing readable to lean on.
    const classes = new Set(Array.from(document.querySelectorAll('[class]')).flatMap((el) => Array.from(el.classList)));
    expect([...classes].every((c) => /^(?:css|mp)-[0-9a-z]{6}$/.test(c))).toBe(true);
  });

  it('shows a loading state first, like a single-page app', async () => {
    await loadFixture({ query: 'delay=60', wait: false });
    expect(document.querySelector('main [aria-busy="true"]')!.textContent).toContain('Loading');
    expect(document.querySelector('main table')).toBeNull();
    await rendered('users');
    expect(document.querySelector('main table')).not.toBeNull();
  });

  it('switches views on hash changes without a page load', async () => {
    await loadFixture();
    const handle = fixture();
    byName('Security').click();
    await rendered('security');
    expect(document.querySelector('main h1')!.textContent).toBe('Security');
    expect(document.querySelector('a[aria-current="page"]')!.textContent).toBe('Security');
    window.location.hash = '#teams';
    await rendered('teams');
    expect(fixture()).toBe(handle);
    expect(document.querySelector('[role="tab"][aria-selected="true"]')!.textContent).toMatch(/^Teams/);
  });

  it('renders hostile names and projects as text', async () => {
    await loadFixture({ query: 'fixture=hostile' });
    expect(document.querySelector('main img')).toBeNull();
    expect(document.querySelector('main script')).toBeNull();
    expect(document.querySelector('main svg[onload]')).toBeNull();
    expect(document.querySelector('main')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('generates the same synthetic members for the same count', async () => {
    await loadFixture({ query: 'members=50' });
    const first = fixture().members.map((m) => m.email);
    await loadFixture({ query: 'members=50' });
    expect(fixture().members.map((m) => m.email)).toEqual(first);
    expect(first).toHaveLength(86);
    expect(new Set(first).size).toBe(86);
  });

  it('invites: the Invite button waits for an address, then adds pending invitations and says so', async () => {
    await loadFixture();
    const dialog = openDialog();
    const submit = inviteSubmitButton(dialog)!;
    expect(submit.disabled).toBe(true);
    typeInto(emailInputs(dialog)[0]!, 'new.analyst@acme.com');
    choose(dialog.querySelector('select[aria-label="Organization Role"]')!, 'admin');
    expect(submit.disabled).toBe(false);
    submit.click();
    expect(findInviteDialog(document)).toBeNull();
    expect(document.body.textContent).toContain('Invitations sent');
    const read = readMemberList(document);
    expect(read.pending[0]).toEqual({ email: 'new.analyst@acme.com', invitedAt: '2026-11-23T10:00:00Z', orgRole: 'admin' });
  });

  it('refuses an address that is not one, and Escape and Cancel close the dialog', async () => {
    await loadFixture();
    let dialog = openDialog();
    typeInto(emailInputs(dialog)[0]!, 'not-an-address');
    inviteSubmitButton(dialog)!.click();
    expect(findInviteDialog(document)).toBe(dialog);
    expect(emailInputs(dialog)[0]!.getAttribute('aria-invalid')).toBe('true');
    press('Escape');
    expect(findInviteDialog(document)).toBeNull();
    dialog = openDialog();
    byName('Cancel', dialog).click();
    expect(findInviteDialog(document)).toBeNull();
  });

  it('accepts a Bulk invite CSV and counts its rows', async () => {
    await loadFixture();
    const dialog = openDialog();
    byName(' Bulk invite'.trim(), dialog).click();
    const input = dialog.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File(['email,organization role\na@acme.com,Member\nb@acme.com,Admin\n'], 'people.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => dialog.textContent).toContain('2 rows ready');
    expect(inviteSubmitButton(dialog)!.disabled).toBe(false);
  });

  it('resends and deletes pending invitations', async () => {
    await loadFixture();
    byName('Delete invitation to new.hire@acme.com').click();
    expect(readMemberList(document).pending.map((p) => p.email)).not.toContain('new.hire@acme.com');
    byName('Resend invitation to peter.hughes@acme.com').click();
    const peter = readMemberList(document).pending.find((p) => p.email === 'peter.hughes@acme.com');
    expect(peter?.invitedAt).toBe('2026-11-23T10:00:00Z');
  });
});

describe('detectView', () => {
  it('is users on the Users tab of Users & Teams', async () => {
    await loadFixture();
    expect(detectView(document)).toBe('users');
    expect(readMemberList(document).view).toBe('users');
  });

  it('is users while the users list is loading under its heading', async () => {
    await loadFixture({ query: 'delay=5000', wait: false });
    expect(document.querySelector('main table')).toBeNull();
    expect(detectView(document)).toBe('users');
    expect(readMemberList(document)).toMatchObject({ members: [], mayBeIncomplete: true, problems: ['The users list is still loading.'], view: 'users' });
  });

  it('is other on the other settings views and on the Teams tab', async () => {
    for (const route of ['overview', 'projects', 'serviceaccounts', 'security', 'billing', 'teams']) {
      await loadFixture({ hash: `#${route}` });
      expect(detectView(document), route).toBe('other');
      expect(readMemberList(document).view, route).toBe('other');
    }
  });

  it('is other on a page that is not Mixpanel settings at all', () => {
    setBody('<main><h1>Insights</h1><p>Nothing here</p></main>');
    expect(detectView(document)).toBe('other');
    expect(readMemberList(document)).toMatchObject({
      problems: ['This page does not show the Users & Teams list, so members could not be read.'],
      view: 'other',
    });
  });
});

describe('readMemberList', () => {
  it('leaves the Projects column unread when asked, and reads the rest as a full read does', async () => {
    await loadFixture();
    const full = readMemberList(document);
    const read = readMemberList(document, { projects: false });
    expect(read.members.every((m) => m.projects === undefined && m.allProjects === undefined)).toBe(true);
    const withoutProjects = full.members.map(({ projects: _projects, allProjects: _all, ...rest }) => rest);
    expect(read).toEqual({ ...full, members: withoutProjects });
    expect(full.members.some((m) => m.projects?.length)).toBe(true);
  });

  it('reads every member with role, name, projects and last active', async () => {
    await loadFixture();
    const read = readMemberList(document);
    expect(read).toMatchObject({ readCount: 36, totalShown: 36, mayBeIncomplete: false, problems: [] });
    expect(read.members).toHaveLength(36);
    expect(memberByEmail(read, 'dana.whitfield@acme.com')).toMatchObject({ name: 'Dana Whitfield', orgRole: 'owner', allProjects: true, lastActive: '2026-11-23' });
    expect(memberByEmail(read, 'raj.patel@acme.com').orgRole).toBe('admin');
    expect(memberByEmail(read, 'priya.nair@acme.com')).toMatchObject({ orgRole: 'billing-admin', projects: [] });
    expect(memberByEmail(read, 'jane.doe@acme.com')).toEqual({
      email: 'jane.doe@acme.com',
      name: 'Jane Doe',
      orgRole: 'member',
      projects: ['Production', 'Staging'],
      lastActive: '2026-11-21',
      lastActiveText: 'Nov 21, 2026',
    });
    expect(memberByEmail(read, 'ava.thompson@acme.com')).toMatchObject({ lastActive: '2025-03-03', lastActiveText: 'Mar 3, 2025' });
    const lily = memberByEmail(read, 'lily.evans@acme.com');
    expect(lily.lastActive).toBeUndefined();
    expect(lily.lastActiveText).toBe('Never');
    expect(memberByEmail(read, 'chloe.dubois@acme.com').name).toBe('Chloé Dubois');
    expect(read.members.filter((m) => m.email.endsWith('@brightlane-agency.io'))).toHaveLength(4);
    expect(read.members.filter((m) => m.orgRole === 'owner')).toHaveLength(1);
    expect(read.members.filter((m) => m.orgRole === 'admin')).toHaveLength(1);
    // The avatar initials are aria-hidden: not part of the name.
    expect(read.members.every((m) => m.name && !/^[A-Z]{2} /.test(m.name))).toBe(true);
  });

  it('reads pending invitations with their ISO date-time and role', async () => {
    await loadFixture();
    expect(readMemberList(document).pending).toEqual([
      { email: 'new.hire@acme.com', invitedAt: '2026-11-22T09:30:00Z', orgRole: 'member' },
      { email: 'sarah.kim@brightlane-agency.io', invitedAt: '2026-11-20T14:05:00Z', orgRole: 'member' },
      { email: 'peter.hughes@acme.com', invitedAt: '2026-11-08T16:45:00Z', orgRole: 'admin' },
    ]);
  });

  it('reads the same on the eu and in hosts', async () => {
    await loadFixture({ host: 'eu.mixpanel.com' });
    expect(readMemberList(document).readCount).toBe(36);
    await loadFixture({ host: 'in.mixpanel.com' });
    expect(readMemberList(document).readCount).toBe(36);
  });

  it('says a paginated list may be incomplete, with the total the page shows', async () => {
    await loadFixture({ query: 'pageSize=25' });
    let read = readMemberList(document);
    expect(read).toMatchObject({ readCount: 25, totalShown: 36, mayBeIncomplete: true });
    expect(read.problems).toContain("Showing 25 of 36 members: duplicates among the others can't be checked.");
    byName('Next page').click();
    read = readMemberList(document);
    expect(read).toMatchObject({ readCount: 11, totalShown: 36, mayBeIncomplete: true });
    expect(read.problems[0]).toBe("Showing 11 of 36 members: duplicates among the others can't be checked.");
  });

  it('reads a 5,000-member organization, paginated with thousands separators', async () => {
    await loadFixture({ query: 'members=5000&pageSize=50' });
    const read = readMemberList(document);
    expect(read).toMatchObject({ readCount: 50, totalShown: 5036, mayBeIncomplete: true });
    expect(read.problems[0]).toBe("Showing 50 of 5,036 members: duplicates among the others can't be checked.");
  });

  it('reads 5,000 members on one page in reasonable time', async () => {
    await loadFixture({ query: 'members=5000' });
    const started = performance.now();
    const read = readMemberList(document);
    const elapsed = performance.now() - started;
    expect(read).toMatchObject({ readCount: 5036, totalShown: 5036, mayBeIncomplete: false, problems: [] });
    expect(elapsed).toBeLessThan(5000);
  }, 30_000);

  it('says a list filtered by the search box may be incomplete', async () => {
    await loadFixture();
    typeInto(document.querySelector('main input[type="search"]')!, 'jane');
    const read = readMemberList(document);
    expect(read.members.map((m) => m.email)).toEqual(['jane.doe@acme.com']);
    expect(read.mayBeIncomplete).toBe(true);
    expect(read.problems).toEqual(['The users list is filtered by a search (showing 1 of 36 members): clear the search to check against everyone.']);
  });

  it('says so when the organization shows no users', async () => {
    await loadFixture({ query: 'empty=1' });
    const read = readMemberList(document);
    expect(read).toMatchObject({ members: [], pending: [], readCount: 0, totalShown: 0, mayBeIncomplete: true });
    expect(read.problems).toEqual(['The users table shows no members ("No users found").']);
  });

  it('reads reordered columns the same', async () => {
    await loadFixture();
    const expected = readMemberList(document);
    await loadFixture({ query: 'columns=email,lastActive,role,name,projects' });
    const headers = Array.from(document.querySelectorAll('main table thead th')).map((th) => th.textContent);
    expect(headers.slice(0, 2)).toEqual(['Email', 'Last active']);
    expect(readMemberList(document)).toEqual(expected);
  });

  it('matches header texts whatever their case', async () => {
    await loadFixture();
    const expected = readMemberList(document);
    for (const th of document.querySelectorAll('main th button, main th span')) th.textContent = (th.textContent ?? '').toUpperCase();
    expect(readMemberList(document)).toEqual(expected);
  });

  it('does not depend on class names: renamed or removed', async () => {
    await loadFixture();
    const expected = readMemberList(document);
    const classes = document.querySelector('main table')!.className;
    await loadFixture({ query: 'classSalt=release-2027' });
    expect(document.querySelector('main table')!.className).not.toBe(classes);
    expect(readMemberList(document)).toEqual(expected);
    for (const el of document.querySelectorAll('[class]')) el.removeAttribute('class');
    expect(readMemberList(document)).toEqual(expected);
    expect(detectView(document)).toBe('users');
  });

  it('reads an ARIA grid of divs the same as a table', async () => {
    await loadFixture();
    const expected = readMemberList(document);
    await loadFixture({ query: 'markup=grid' });
    expect(document.querySelector('main table[aria-label="Users"]')).toBeNull();
    expect(document.querySelector('main [role="table"]')).not.toBeNull();
    expect(readMemberList(document)).toEqual(expected);
  });

  it('reads a paginated ARIA grid with its row count', async () => {
    await loadFixture({ query: 'markup=grid&pageSize=10' });
    expect(readMemberList(document)).toMatchObject({ readCount: 10, totalShown: 36, mayBeIncomplete: true });
  });

  it('reports a users table without an Email column and reads no members', async () => {
    await loadFixture({ query: 'columns=name,role,projects,lastActive' });
    expect(detectView(document)).toBe('users');
    const read = readMemberList(document);
    expect(read).toMatchObject({ members: [], readCount: 0, mayBeIncomplete: true });
    expect(read.problems).toEqual(['The users table has no Email column, so members could not be read.']);
    // The pending invitations are still read.
    expect(read.pending).toHaveLength(3);
  });

  it('keeps hostile text as data, caps a huge name, and counts the row it cannot read', async () => {
    await loadFixture({ query: 'fixture=hostile' });
    const read = readMemberList(document);
    expect(memberByEmail(read, 'img.onerror@acme.com')).toMatchObject({
      name: '<img src=x onerror=alert(1)>',
      projects: ['<script>alert(1)</script>', 'Production'],
    });
    expect(memberByEmail(read, 'mallory@acme.com').name).toBe('Mallory \u202Egnp.exe');
    const long = memberByEmail(read, 'long.name@acme.com').name!;
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
    expect(read.readCount).toBe(39);
    expect(read.mayBeIncomplete).toBe(true);
    expect(read.totalShown).toBe(40);
    expect(read.problems).toEqual(['1 member row could not be read.']);
  });

  it('reads a virtualized grid (aria-rowcount) as incomplete', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `<div role="row" aria-rowindex="${i + 2}"><div role="cell">User ${i}</div><div role="cell">user${i}@acme.com</div><div role="cell">Member</div></div>`).join('');
    setBody(`<main><h1>Users &amp; Teams</h1><div role="grid" aria-rowcount="501" aria-label="Users">
      <div role="row" aria-rowindex="1"><div role="columnheader">Name</div><div role="columnheader">Email</div><div role="columnheader">Role</div></div>
      ${rows}</div>
      <section aria-label="Pending invitations"><table><thead><tr><th>Email</th><th>Invited</th></tr></thead><tbody></tbody></table></section></main>`);
    const read = readMemberList(document);
    expect(read).toMatchObject({ readCount: 20, totalShown: 500, mayBeIncomplete: true });
    expect(read.problems).toEqual(["Showing 20 of 500 members: duplicates among the others can't be checked."]);
  });

  it('reads a "Load more" list as incomplete', () => {
    setBody(`<main><h1>Users &amp; Teams</h1>
      <table><thead><tr><th>Email</th><th>Organization Role</th></tr></thead>
      <tbody><tr><td>a@acme.com</td><td>Admin</td></tr><tr><td>b@acme.com</td><td>Member</td></tr></tbody></table>
      <button>Load more</button>
      <h2>Pending invitations</h2><table><thead><tr><th>Email</th><th>Date invited</th></tr></thead>
      <tbody><tr><td>c@acme.com</td><td>20 November 2026</td></tr></tbody></table></main>`);
    const read = readMemberList(document);
    expect(read.members.map((m) => [m.email, m.orgRole])).toEqual([['a@acme.com', 'admin'], ['b@acme.com', 'member']]);
    expect(read.pending).toEqual([{ email: 'c@acme.com', invitedAt: '2026-11-20' }]);
    expect(read.mayBeIncomplete).toBe(true);
    expect(read.problems).toEqual(['The users list has a "Load more" button: duplicates among members not loaded yet can\'t be checked.']);
  });

  it('reads the older Members layout, and pending rows inside the users table', () => {
    setBody(`<div role="main"><h2>Members</h2>
      <table><tr><th>Name</th><th>E-mail</th><th>Date Joined</th><th>Last Active</th></tr>
      <tr><td>Ann Lee</td><td><a href="mailto:Ann.Lee@Acme.com">Ann Lee</a></td><td>Jan 2, 2024</td><td>June 5, 2026</td></tr>
      <tr><td>Bo Chan</td><td>bo@acme.com (you)</td><td>Jan 3, 2024</td><td>Today</td></tr>
      <tr><td></td><td>new@acme.com</td><td></td><td>Invitation sent</td></tr></table></div>`);
    const read = readMemberList(document);
    expect(read.members).toEqual([
      { email: 'Ann.Lee@Acme.com', name: 'Ann Lee', lastActive: '2026-06-05', lastActiveText: 'June 5, 2026' },
      { email: 'bo@acme.com', name: 'Bo Chan', lastActiveText: 'Today' },
    ]);
    expect(read.pending).toEqual([{ email: 'new@acme.com' }]);
    expect(read.mayBeIncomplete).toBe(false);
    expect(read.problems).toEqual([]);
    expect(detectView(document)).toBe('users');
  });

  it('says when there is no pending invitations list', () => {
    setBody(`<main><h1>Users &amp; Teams</h1><table><thead><tr><th>Email</th><th>Last active</th></tr></thead>
      <tbody><tr><td>a@acme.com</td><td>Nov 1, 2026</td></tr></tbody></table></main>`);
    const read = readMemberList(document);
    expect(read.readCount).toBe(1);
    expect(read.mayBeIncomplete).toBe(true);
    expect(read.problems).toEqual(["Could not find the pending invitations list: duplicates among pending invitations can't be checked."]);
  });

  it('says when the heading shows but the table does not', () => {
    setBody('<main><h1>Users &amp; Teams</h1><div role="tablist"><button role="tab" aria-selected="true">Users</button></div></main>');
    expect(detectView(document)).toBe('users');
    expect(readMemberList(document).problems).toEqual(['Could not find the users table.']);
  });

  it('never throws, whatever the document holds', () => {
    const shapes = [
      '',
      '<main></main>',
      '<main><table></table><div role="grid"></div><table><tr></tr></table></main>',
      '<main><table><thead><tr><th colspan="99999">Email</th></tr></thead><tbody><tr><td colspan="-3">x</td></tr></tbody></table></main>',
      '<main><div role="table"><div role="row"><div role="columnheader" aria-colindex="-4">Email</div></div><div role="row"><div role="cell" aria-colindex="99999999">a@b.co</div></div></div></main>',
    ];
    for (const shape of shapes) {
      setBody(shape);
      expect(() => readMemberList(document)).not.toThrow();
      expect(() => detectView(document)).not.toThrow();
      expect(readMemberList(document).mayBeIncomplete).toBe(true);
    }
  });
});

describe('the invite dialog', () => {
  it('is found only while open', async () => {
    await loadFixture();
    expect(findInviteDialog(document)).toBeNull();
    const dialog = openDialog();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(observeRoot(document).contains(dialog)).toBe(true);
    press('Escape');
    expect(findInviteDialog(document)).toBeNull();
  });

  it('reads a fresh row with its defaults', async () => {
    await loadFixture();
    expect(readInviteDialog(openDialog())).toEqual([{ email: '', orgRole: 'member', projects: [], projectRole: 'consumer' }]);
  });

  it('reads rows after filling addresses, choosing roles and projects', async () => {
    await loadFixture();
    const dialog = openDialog();
    typeInto(emailInputs(dialog)[0]!, '  jane.doe@acme.com ');
    choose(dialog.querySelector('select[aria-label="Organization Role"]')!, 'billing_admin');
    byName('Projects', dialog).click();
    const list = dialog.querySelector('[aria-label="Choose projects"]')!;
    for (const name of ['Web', 'Production']) {
      list.querySelector<HTMLInputElement>(`input[value="${name}"]`)!.click();
    }
    // While the popover is open, its checkboxes are read.
    expect(readInviteDialog(dialog)[0]!.projects).toEqual(['Production', 'Web']);
    press('Escape');
    expect(dialog.querySelector('[aria-label="Choose projects"]')).toBeNull();
    // Closed, the button's summary is.
    expect(byName('Projects', dialog).textContent).toBe('Production, Web');

    byName('Add another user', dialog).click();
    typeInto(emailInputs(dialog)[1]!, 'Li Chen <li.chen@acme.com>');
    choose(dialog.querySelectorAll('select[aria-label="Project Role"]')[1]!, 'analyst');
    byName('Add another user', dialog).click();

    const rows = readInviteDialog(dialog);
    expect(rows).toEqual([
      { email: 'jane.doe@acme.com', orgRole: 'billing-admin', projects: ['Production', 'Web'], projectRole: 'consumer' },
      { email: 'Li Chen <li.chen@acme.com>', orgRole: 'member', projects: [], projectRole: 'analyst' },
      { email: '', orgRole: 'member', projects: [], projectRole: 'consumer' },
    ]);
    expect(dialogToDrafts(rows)).toEqual([
      {
        addresses: ['jane.doe@acme.com'],
        orgRole: 'billing-admin',
        projects: [
          { name: 'Production', role: 'consumer' },
          { name: 'Web', role: 'consumer' },
        ],
      },
      { addresses: ['Li Chen <li.chen@acme.com>'], orgRole: 'member', projects: [] },
    ]);

    byName('Remove user 2', dialog).click();
    expect(readInviteDialog(dialog).map((r) => r.email)).toEqual(['jane.doe@acme.com', '']);
  });

  it('finds the Invite button, not Bulk invite or Cancel', async () => {
    await loadFixture();
    const dialog = openDialog();
    const button = inviteSubmitButton(dialog);
    expect(button?.textContent).toBe('Invite');
    expect(button?.disabled).toBe(true);
  });

  it('reads a dialog of custom comboboxes without aria-labels, by its column labels', () => {
    setBody(`<div role="dialog" aria-label="Invite users to Acme">
      <div><span><label>Email</label></span><label>Organization Role</label><label>Projects</label><label>Project Role</label></div>
      <div class="r"><div><input placeholder="name@company.com" value="ann@acme.com"></div>
        <button role="combobox" aria-haspopup="listbox">Admin</button>
        <button aria-haspopup="listbox"><span>Production</span>, <span>Staging</span> <span aria-hidden="true">▾</span></button>
        <button role="combobox">Analyst</button>
        <button aria-label="Remove">×</button></div>
      <div class="r"><div><input type="email" value="bo@acme.com"></div>
        <button role="combobox">Member</button>
        <button aria-haspopup="listbox">Select projects</button>
        <button role="combobox">Consumer</button></div>
      <footer><button>Cancel</button><button>Send invites</button></footer></div>`);
    const dialog = findInviteDialog(document)!;
    expect(dialog).not.toBeNull();
    expect(readInviteDialog(dialog)).toEqual([
      { email: 'ann@acme.com', orgRole: 'admin', projects: ['Production', 'Staging'], projectRole: 'analyst' },
      { email: 'bo@acme.com', orgRole: 'member', projects: [], projectRole: 'consumer' },
    ]);
    expect(inviteSubmitButton(dialog)?.textContent).toBe('Send invites');
  });

  it('reads chip-style email fields and an open listbox of projects', () => {
    setBody(`<dialog open aria-labelledby="t"><h2 id="t">Invite New Users</h2>
      <div><div><span role="listitem">a@acme.com</span><span role="listitem">b@acme.com</span><input aria-label="Email" value="c@acme.com"></div>
      <select aria-label="Org role"><option>Member</option><option selected>Owner</option></select>
      <button aria-label="Projects" aria-expanded="true" aria-controls="pl">2 projects</button>
      <ul id="pl" role="listbox"><li role="option" aria-selected="true">Mobile</li><li role="option" aria-selected="false">Web</li><li role="option" aria-selected="true">Staging</li></ul>
      <select aria-label="Project role"><option>Admin</option></select></div>
      <form><button type="submit">Go</button></form></dialog>`);
    const dialog = findInviteDialog(document)!;
    expect(readInviteDialog(dialog)).toEqual([
      { email: 'a@acme.com, b@acme.com, c@acme.com', orgRole: 'owner', projects: ['Mobile', 'Staging'], projectRole: 'admin' },
    ]);
    expect(inviteSubmitButton(dialog)?.textContent).toBe('Go');
  });

  it('ignores other dialogs and hidden ones', () => {
    setBody(`<div role="dialog" aria-label="Delete project"><input type="email" value="x@acme.com"></div>
      <div role="dialog" aria-labelledby="h" hidden><h2 id="h">Invite New Users</h2></div>`);
    expect(findInviteDialog(document)).toBeNull();
  });

  it('returns no rows rather than throwing on a strange dialog', () => {
    setBody('<div role="dialog" aria-label="Invite users"><p>Nothing</p></div>');
    const dialog = findInviteDialog(document)!;
    expect(readInviteDialog(dialog)).toEqual([]);
    expect(inviteSubmitButton(dialog)).toBeNull();
    expect(dialogToDrafts([{ email: '   ', orgRole: null, projects: [], projectRole: null }])).toEqual([]);
  });
});

describe('readOrganizationName', () => {
  it('reads the organization switcher in the header', async () => {
    await loadFixture();
    expect(readOrganizationName(document)).toBe('Acme Analytics');
  });

  it('reads the switcher\'s text when its label names no organization', () => {
    setBody('<header><button aria-label="Switch organization" aria-haspopup="menu">Globex Corp</button></header><main></main>');
    expect(readOrganizationName(document)).toBe('Globex Corp');
  });

  it('is null when the page does not show one', () => {
    setBody('<header><button aria-label="Account">me@acme.com</button></header><main><button aria-label="Organization: Fake">x</button></main>');
    expect(readOrganizationName(document)).toBeNull();
  });
});

describe('readSignedInAdmin', () => {
  it('reads the account button', async () => {
    await loadFixture();
    expect(readSignedInAdmin(document)).toBe('dana.whitfield@acme.com');
  });

  it('falls back to an address in the page header', () => {
    setBody('<header><nav><a href="/">Home</a></nav><button aria-haspopup="menu">Signed in as Sam.Okafor@Acme.com</button></header><main></main>');
    expect(readSignedInAdmin(document)).toBe('sam.okafor@acme.com');
  });

  it('is null when no address shows', () => {
    setBody('<header><button aria-label="Account">DW</button></header><main><table><tr><td>x@acme.com</td></tr></table></main>');
    expect(readSignedInAdmin(document)).toBeNull();
  });
});

describe('observeRoot', () => {
  it('is the main content area when there is one, else the body', async () => {
    await loadFixture();
    expect(observeRoot(document).localName).toBe('main');
    setBody('<div id="app"></div>');
    expect(observeRoot(document)).toBe(document.body);
  });
});

describe('regionOf', () => {
  it('names the data-residency region of each Mixpanel host', () => {
    expect(regionOf('mixpanel.com')).toBe('us');
    expect(regionOf('www.mixpanel.com')).toBe('us');
    expect(regionOf('EU.Mixpanel.com.')).toBe('eu');
    expect(regionOf('in.mixpanel.com')).toBe('in');
    expect(regionOf('mixpanel.com.evil.io')).toBeNull();
    expect(regionOf('api.mixpanel.com')).toBeNull();
    expect(regionOf('')).toBeNull();
  });
});
