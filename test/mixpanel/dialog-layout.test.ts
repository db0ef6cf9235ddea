// @vitest-environment happy-dom
// readInviteDialog keeps which element is which in the dialog between keystrokes. Whatever changes
// in or around the dialog, what it reads must be what a read from scratch gives; and a keystroke
// that only changes values must not make it look for the dialog's fields again.
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findInviteDialog, readInviteDialog } from '../../lib/mixpanel';
import { inviteLayoutBuilds, readInviteDialogFresh } from '../../lib/mixpanel/dialog';
import { byName, choose, loadFixture, press, typeInto, unloadFixture } from './load-fixture';

afterEach(() => unloadFixture());

/** Reads through the kept layout, checks it against a read from scratch, and returns it. */
function agreed(dialog: HTMLElement): ReturnType<typeof readInviteDialog> {
  const kept = readInviteDialog(dialog);
  expect(kept).toEqual(readInviteDialogFresh(dialog));
  return kept;
}

function setBody(html: string): HTMLElement {
  window.__mixpanelFixture?.destroy();
  document.body.innerHTML = html;
  const dialog = document.querySelector<HTMLElement>('[role="dialog"], dialog');
  if (!dialog) throw new Error('no dialog in the markup');
  return dialog;
}

/** The demo page's Invite New Users dialog, opened. */
async function demoDialog(): Promise<HTMLElement> {
  await loadFixture();
  byName('Invite Users').click();
  return findInviteDialog(document)!;
}

const emailInputs = (dialog: HTMLElement) => Array.from(dialog.querySelectorAll<HTMLInputElement>('input[type="email"]'));

/** Unnamed custom controls, read by the dialog's column headers. */
const COLUMNS_DIALOG = `<div role="dialog" aria-label="Invite users to Acme">
  <div role="row"><label>Email</label><span role="columnheader">Organization Role</span>
    <span role="columnheader">Projects</span><span role="columnheader"><span>Project</span> Role</span></div>
  <div role="row"><input placeholder="name@company.com" value="ann@acme.com">
    <div role="combobox" tabindex="0">Admin</div>
    <button aria-haspopup="listbox"><span>Production</span>, <span>Staging</span></button>
    <button role="combobox">Analyst</button><button aria-label="Remove">×</button></div>
  <div role="row"><input type="email" value="bo@acme.com"><div role="combobox" tabindex="0">Member</div>
    <button aria-haspopup="listbox">Select projects</button><button role="combobox">Consumer</button></div>
  <footer><button>Cancel</button><button>Send invites</button></footer></div>`;

/** Controls named by labels; one label's text includes its select's chosen option. */
const LABELS_DIALOG = `<dialog open aria-labelledby="t"><h2 id="t">Invite New Users</h2>
  <div class="r"><label>Email <input id="e1" value="cy@acme.com"></label>
    <label>Project <select><option>Name</option><option>Role</option></select></label>
    <label for="p1">Projects</label><input id="p1" value="Web, Mobile"><label for="x1">Organization role</label>
    <span id="pr">Project role</span><select aria-labelledby="pr"><option>Owner</option><option selected>Analyst</option></select></div>
  <div class="r"><div contenteditable="true" aria-label="Email">dee@acme.com</div>
    <div role="textbox" aria-label="Organization role">Billing Admin</div></div>
</dialog>`;

/** Chip-style email fields and an open listbox of projects. */
const CHIPS_DIALOG = `<dialog open aria-labelledby="t"><h2 id="t">Invite New Users</h2>
  <div><div><span role="listitem">a@acme.com</span><span role="listitem">b@acme.com</span><input aria-label="Email" value="c@acme.com"></div>
  <select aria-label="Org role"><option>Member</option><option selected>Owner</option></select>
  <button aria-label="Projects" aria-expanded="true" aria-controls="pl">2 projects</button>
  <ul id="pl" role="listbox"><li role="option" aria-selected="true">Mobile</li><li role="option" aria-selected="false">Web</li></ul>
  <select aria-label="Project role"><option>Admin</option></select></div></dialog>`;

describe('the kept layout of the demo dialog', () => {
  it('reads what a fresh read does through typing, choosing, adding and removing rows', async () => {
    const dialog = await demoDialog();
    agreed(dialog);
    typeInto(emailInputs(dialog)[0]!, 'jane.doe@acme.com');
    agreed(dialog);
    choose(dialog.querySelector('select[aria-label="Organization Role"]')!, 'admin');
    agreed(dialog);
    byName('Projects', dialog).click();
    agreed(dialog);
    dialog.querySelector<HTMLInputElement>('[aria-label="Choose projects"] input[value="Web"]')!.click();
    expect(agreed(dialog)[0]!.projects).toEqual(['Web']);
    press('Escape');
    expect(agreed(dialog)[0]!.projects).toEqual(['Web']);
    byName('Add another user', dialog).click();
    typeInto(emailInputs(dialog)[1]!, 'li.chen@acme.com');
    choose(dialog.querySelectorAll('select[aria-label="Project Role"]')[1]!, 'analyst');
    expect(agreed(dialog).map((row) => row.email)).toEqual(['jane.doe@acme.com', 'li.chen@acme.com']);
    byName('Remove user 2', dialog).click();
    expect(agreed(dialog).map((row) => row.email)).toEqual(['jane.doe@acme.com']);
  });

  it('follows renamed controls, hidden and disabled rows, changed types and moved controls', async () => {
    const dialog = await demoDialog();
    byName('Add another user', dialog).click();
    const [first, second] = emailInputs(dialog);
    typeInto(first!, 'jane@acme.com');
    typeInto(second!, 'li@acme.com');
    const org = dialog.querySelector('select[aria-label="Organization Role"]')!;
    choose(org, 'owner');
    expect(agreed(dialog)[0]!.orgRole).toBe('owner');

    // The org role select renamed: it now holds the row's project role.
    org.setAttribute('aria-label', 'Project Role');
    expect(agreed(dialog)[0]!.projectRole).toBe('owner');
    org.setAttribute('aria-label', 'Organization Role');
    expect(agreed(dialog)[0]!.orgRole).toBe('owner');

    const secondRow = second!.closest('[role="group"][aria-label^="User"]')!;
    secondRow.setAttribute('hidden', '');
    expect(agreed(dialog)).toHaveLength(1);
    secondRow.removeAttribute('hidden');
    expect(agreed(dialog)).toHaveLength(2);
    second!.disabled = true;
    expect(agreed(dialog)).toHaveLength(1);
    second!.disabled = false;
    second!.setAttribute('aria-disabled', 'true');
    expect(agreed(dialog)).toHaveLength(1);
    second!.removeAttribute('aria-disabled');

    first!.type = 'checkbox';
    expect(agreed(dialog).map((row) => row.email)).toEqual(['li@acme.com']);
    first!.type = 'email';
    expect(agreed(dialog)).toHaveLength(2);

    // The first row's org role moved into the second row, before the second row's own.
    secondRow.querySelector('select')!.before(org);
    const moved = agreed(dialog);
    expect(moved[1]!.orgRole).toBe('owner');

    // Chips beside the typed address.
    const chip = document.createElement('span');
    chip.textContent = 'kim@acme.com';
    second!.before(chip);
    expect(agreed(dialog)[1]!.email).toBe('kim@acme.com, li@acme.com');
    chip.firstChild!.nodeValue = 'lee@acme.com';
    expect(agreed(dialog)[1]!.email).toBe('lee@acme.com, li@acme.com');
  });

  it('does not look for the fields again when only values change', async () => {
    const dialog = await demoDialog();
    const input = emailInputs(dialog)[0]!;
    // The first letter enables the Invite button: an attribute the layout watches.
    typeInto(input, 'j');
    agreed(dialog);
    const builds = inviteLayoutBuilds();
    for (const value of ['ja', 'jan', 'jane', 'jane@', 'jane@acme.com', 'jane@acme.co']) {
      typeInto(input, value);
      expect(readInviteDialog(dialog)[0]!.email).toBe(value);
    }
    choose(dialog.querySelector('select[aria-label="Organization Role"]')!, 'admin');
    choose(dialog.querySelector('select[aria-label="Project Role"]')!, 'analyst');
    expect(readInviteDialog(dialog)[0]).toMatchObject({ orgRole: 'admin', projectRole: 'analyst' });
    await Promise.resolve();
    expect(agreed(dialog)).toHaveLength(1);
    expect(inviteLayoutBuilds()).toBe(builds);

    byName('Add another user', dialog).click();
    expect(agreed(dialog)).toHaveLength(2);
    expect(inviteLayoutBuilds()).toBe(builds + 1);
  });
});

describe('the kept layout of other dialogs', () => {
  it('follows renamed column headers', () => {
    const dialog = setBody(COLUMNS_DIALOG);
    expect(agreed(dialog)[0]).toMatchObject({ orgRole: 'admin', projectRole: 'analyst' });
    const headers = dialog.querySelectorAll('[role="columnheader"]');
    headers[0]!.firstChild!.nodeValue = 'Project Role';
    headers[2]!.replaceChildren('Organization Role');
    // The org role column now holds "Analyst", which is no org role.
    expect(agreed(dialog)[0]).toMatchObject({ orgRole: null, projectRole: 'admin' });
  });

  it('follows a select whose chosen option is part of its label', () => {
    const dialog = setBody(LABELS_DIALOG);
    const before = agreed(dialog);
    const builds = inviteLayoutBuilds();
    // "Project Name" names the projects field; "Project Role" the project role.
    (dialog.querySelector('label select') as HTMLSelectElement).selectedIndex = 1;
    const after = agreed(dialog);
    expect(before[0]!.projects).toEqual(['Name']);
    expect(after[0]!.projects).toEqual(['Web', 'Mobile']);
    expect(inviteLayoutBuilds()).toBe(builds + 1);
  });

  it('does not look again when typing in a contenteditable field that its aria-label names', async () => {
    const dialog = setBody(LABELS_DIALOG);
    agreed(dialog);
    const builds = inviteLayoutBuilds();
    const field = dialog.querySelector('[contenteditable]')!;
    field.firstChild!.nodeValue = 'dee@acme.co';
    await Promise.resolve();
    field.firstChild!.nodeValue = 'dee@acme.com, eve@acme.com';
    expect(agreed(dialog)[1]!.email).toBe('dee@acme.com, eve@acme.com');
    expect(inviteLayoutBuilds()).toBe(builds);
    // A contenteditable named by its own text is looked at again.
    field.removeAttribute('aria-label');
    agreed(dialog);
    field.firstChild!.nodeValue = 'Email';
    agreed(dialog);
  });

  it('follows names that come from outside the dialog', () => {
    const dialog = setBody(`${LABELS_DIALOG}<p id="out">Organization Role</p>`);
    const outside = document.getElementById('out')!;
    const control = dialog.querySelector('[role="textbox"]')!;
    control.removeAttribute('aria-label');
    control.setAttribute('aria-labelledby', 'later');
    agreed(dialog);
    outside.id = 'later';
    expect(agreed(dialog)[1]!.orgRole).toBe('billing-admin');
    outside.textContent = 'Project Role';
    expect(agreed(dialog)[1]).toMatchObject({ orgRole: null, projectRole: 'admin' });
    // Named from inside again, the layout can be kept.
    control.removeAttribute('aria-labelledby');
    control.setAttribute('aria-label', 'Organization role');
    agreed(dialog);
    const builds = inviteLayoutBuilds();
    expect(agreed(dialog)[1]!.orgRole).toBe('billing-admin');
    expect(inviteLayoutBuilds()).toBe(builds);

    // Labels pointed at other inputs.
    const projectsLabel = dialog.querySelector<HTMLLabelElement>('label[for="p1"]')!;
    const projectsInput = dialog.querySelector<HTMLInputElement>('#p1')!;
    projectsInput.value = 'Admin';
    expect(agreed(dialog)[0]!.orgRole).toBeNull();
    // Unnamed, the input takes the org role column.
    projectsLabel.htmlFor = 'elsewhere';
    expect(agreed(dialog)[0]!.orgRole).toBe('admin');
    projectsLabel.htmlFor = 'p1';
    expect(agreed(dialog)[0]!.orgRole).toBeNull();

    // A label outside the dialog for an unnamed input in it.
    const label = document.createElement('label');
    label.htmlFor = 'p1';
    label.textContent = 'Organization Role';
    document.body.prepend(label);
    const named = agreed(dialog);
    // "Email Projects": the input is now a second email field of the row.
    label.textContent = 'Email';
    expect(agreed(dialog)).not.toEqual(named);
    label.remove();
    agreed(dialog);

    // The dialog in a hidden element, then moved out of the page.
    const wrapper = document.createElement('div');
    dialog.before(wrapper);
    wrapper.append(dialog);
    agreed(dialog);
    wrapper.hidden = true;
    expect(agreed(dialog)).toEqual([]);
    wrapper.hidden = false;
    expect(agreed(dialog).length).toBeGreaterThan(0);
    wrapper.remove();
    agreed(dialog);
  });
});

// Random changes to random elements of a dialog, each followed (or not) by a read.
const ATTRIBUTES: Record<string, string[]> = {
  type: ['email', 'text', 'checkbox', 'hidden'],
  'aria-label': ['Email', 'Organization Role', 'Projects', 'Project Role', 'Remove', ''],
  'aria-labelledby': ['t', 'pr', 'out', 'missing'],
  id: ['e1', 'p1', 'x1', 'pr', 'out', 'pl'],
  for: ['e1', 'p1', 'x1'],
  hidden: [''],
  'aria-hidden': ['true', 'false'],
  disabled: [''],
  'aria-disabled': ['true'],
  role: ['combobox', 'textbox', 'listbox', 'button', 'option', 'columnheader', 'listitem', 'group', 'dialog'],
  contenteditable: ['true', ''],
  placeholder: ['name@acme.com', 'Email'],
  title: ['Projects', 'Admin'],
  'aria-expanded': ['true', 'false'],
  'aria-controls': ['pl', 'pr'],
  'aria-selected': ['true'],
  value: ['admin', 'x@acme.com'],
};
const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES);
const TEXTS = ['Email', 'Organization Role', 'Projects', 'Project Role', 'Role', 'Admin', 'Analyst', 'Production, Web', 'jane@acme.com', 'Remove', '', 'Select projects'];
const NEW_ELEMENTS = [
  '<input aria-label="Email">',
  '<input>',
  '<select><option>Member</option><option>Admin</option></select>',
  '<button role="combobox">Owner</button>',
  '<label>Project Role</label>',
  '<span role="listitem">Web</span>',
  '<span>kim@acme.com</span>',
  '<div contenteditable="true">x</div>',
  '<label>Project <select><option>Name</option><option>Role</option></select></label>',
];

type Step = { op: number; a: number; b: number; c: number; read: boolean; settle: boolean };

function pick<T>(items: ArrayLike<T>, index: number): T | undefined {
  return items.length ? items[index % items.length] : undefined;
}

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

/** Where changes make a difference: fields, their labels, and whatever a name points to. */
function controls(dialog: HTMLElement): Element[] {
  return Array.from(dialog.querySelectorAll('input, select, textarea, button, label, label *, [role], [role="columnheader"] *, [contenteditable], [id], [aria-label], [placeholder], [title]'));
}

function apply(dialog: HTMLElement, { op, a, b, c }: Step): void {
  const elements = Array.from(dialog.querySelectorAll('*'));
  const el = pick(elements, a);
  const outside = document.getElementById('outside')!;
  switch (op % 12) {
    case 0: {
      const input = pick(dialog.querySelectorAll<HTMLInputElement>('input, textarea'), a);
      if (input && input.type !== 'file') input.value = pick(TEXTS, b)!;
      return;
    }
    case 1: {
      const select = pick(dialog.querySelectorAll('select'), a);
      if (select && select.options.length) select.selectedIndex = b % select.options.length;
      return;
    }
    case 2: {
      const name = pick(ATTRIBUTE_NAMES, b)!;
      pick([...controls(dialog), dialog], a)!.setAttribute(name, pick(ATTRIBUTES[name]!, c)!);
      return;
    }
    case 3:
      pick(controls(dialog), a)?.removeAttribute(pick(ATTRIBUTE_NAMES, b)!);
      return;
    case 4: {
      const text = pick(textNodes(dialog), a);
      if (text) text.nodeValue = pick(TEXTS, b)!;
      return;
    }
    case 5:
      el?.remove();
      return;
    case 6: {
      const target = pick([...elements, dialog], b)!;
      if (el && !el.contains(target)) (c % 2 ? target.append(el) : target.before(el));
      return;
    }
    case 7:
      el?.after(el.cloneNode(true));
      return;
    case 8: {
      const target = pick([...elements, dialog], a)!;
      target.insertAdjacentHTML(c % 2 ? 'beforeend' : 'afterend', pick(NEW_ELEMENTS, b)!);
      return;
    }
    case 9: {
      // Around the dialog: its wrapper hidden or a label, the page's own labels and ids.
      const wrapper = dialog.parentElement!;
      if (b % 3 === 0) wrapper.toggleAttribute('hidden');
      else if (b % 3 === 1) outside.innerHTML = `<label for="${pick(['e1', 'p1'], c)}">${pick(TEXTS, a)}</label>`;
      else outside.innerHTML = `<span id="${pick(ATTRIBUTES.id!, c)}">${pick(TEXTS, a)}</span>`;
      return;
    }
    case 10: {
      const text = pick(textNodes(outside), a);
      if (text) text.nodeValue = pick(TEXTS, b)!;
      return;
    }
    default: {
      const option = pick(dialog.querySelectorAll('option'), a);
      if (option) option.selected = !option.selected;
    }
  }
}

describe('the kept layout after any one change', () => {
  const TEMPLATES = { columns: COLUMNS_DIALOG, labels: LABELS_DIALOG, chips: CHIPS_DIALOG };

  it.each(Object.keys(TEMPLATES))('follows each attribute set on and taken off each control (%s)', (name) => {
    const dialog = setBody(TEMPLATES[name as keyof typeof TEMPLATES]);
    for (const el of [dialog, ...controls(dialog)]) {
      for (const [attribute, values] of Object.entries(ATTRIBUTES)) {
        const before = el.getAttribute(attribute);
        for (const value of values) {
          agreed(dialog);
          el.setAttribute(attribute, value);
          agreed(dialog);
          el.removeAttribute(attribute);
          agreed(dialog);
          if (before !== null) el.setAttribute(attribute, before);
        }
      }
    }
  });

  it.each(Object.keys(TEMPLATES))('follows each text edited in place, and each option chosen (%s)', (name) => {
    const dialog = setBody(TEMPLATES[name as keyof typeof TEMPLATES]);
    for (const text of textNodes(dialog)) {
      const before = text.nodeValue;
      for (const value of TEXTS) {
        agreed(dialog);
        text.nodeValue = value;
        agreed(dialog);
      }
      text.nodeValue = before;
    }
    for (const select of dialog.querySelectorAll('select')) {
      for (let i = 0; i < select.options.length; i++) {
        select.selectedIndex = i;
        agreed(dialog);
      }
    }
  });
});

describe('the kept layout under random changes', () => {
  let demoMarkup = '';
  beforeAll(async () => {
    const dialog = await demoDialog();
    demoMarkup = dialog.outerHTML;
    unloadFixture();
  });

  it('always reads what a fresh read does', async () => {
    const step = fc.record({
      op: fc.nat(), a: fc.nat(), b: fc.nat(), c: fc.nat(), read: fc.boolean(), settle: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.nat(3), fc.array(step, { maxLength: 25 }), async (which, steps) => {
        const markup = [demoMarkup, COLUMNS_DIALOG, LABELS_DIALOG, CHIPS_DIALOG][which]!;
        const dialog = setBody(`<div id="outside"><span id="out">Projects</span></div><div id="wrap">${markup}</div>`);
        expect(readInviteDialog(dialog)).toEqual(readInviteDialogFresh(dialog));
        for (const change of steps) {
          apply(dialog, change);
          // Records are then delivered to the observer before the read, rather than taken by it.
          if (change.settle) await Promise.resolve();
          if (change.read) expect(readInviteDialog(dialog)).toEqual(readInviteDialogFresh(dialog));
        }
        expect(readInviteDialog(dialog)).toEqual(readInviteDialogFresh(dialog));
      }),
      { numRuns: 300 },
    );
  });
});
