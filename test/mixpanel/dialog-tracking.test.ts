// @vitest-environment happy-dom
// Keeping track of the invite dialog cheaply: a keystroke finds its dialog by walking up from the
// field, and a change that only touched a dialog does not make the sidebar read the member list again.
import { afterEach, describe, expect, it } from 'vitest';
import { inviteDialogAround, isDialogChange, isInviteDialog } from '../../lib/mixpanel';

afterEach(() => document.body.replaceChildren());

function page(): { table: HTMLElement; dialog: HTMLElement; field: HTMLInputElement; other: HTMLElement } {
  document.body.innerHTML = `
    <main><table><tbody><tr><td>Jane Doe</td><td>jane@acme.com</td></tr></tbody></table></main>
    <div id="portal">
      <div role="dialog" aria-labelledby="t"><h2 id="t">Invite New Users</h2>
        <fieldset role="group"><label>Email <input id="email"></label></fieldset>
        <div role="dialog" aria-label="Choose projects"><input id="inner"></div>
      </div>
      <div role="dialog" aria-label="Remove member"><button>Remove</button></div>
    </div>`;
  return {
    table: document.querySelector('tbody')!,
    dialog: document.querySelector('[aria-labelledby="t"]')!,
    field: document.querySelector('#email')!,
    other: document.querySelector('[aria-label="Remove member"]')!,
  };
}

/** The records a MutationObserver on the body reports for `change`. */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const seen: MutationRecord[] = [];
  const observer = new MutationObserver((records) => seen.push(...records));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return seen;
}

describe('inviteDialogAround', () => {
  it('finds the invite dialog from a field inside it, even inside a nested popover', () => {
    const { dialog, field } = page();
    expect(inviteDialogAround(field)).toBe(dialog);
    expect(inviteDialogAround(document.querySelector('#inner')!)).toBe(dialog);
    expect(inviteDialogAround(field.firstChild ?? field)).toBe(dialog);
  });

  it('finds nothing outside it, or inside another dialog', () => {
    const { table, other } = page();
    expect(inviteDialogAround(table)).toBeNull();
    expect(inviteDialogAround(other.querySelector('button')!)).toBeNull();
  });

  it('ignores a hidden invite dialog', () => {
    const { dialog, field } = page();
    dialog.setAttribute('aria-hidden', 'true');
    expect(isInviteDialog(dialog)).toBe(false);
    expect(inviteDialogAround(field)).toBeNull();
  });
});

describe('isDialogChange', () => {
  it('is true for edits inside a dialog and for a dialog opening or closing', async () => {
    const { dialog, other } = page();
    const portal = document.querySelector('#portal')!;
    const records = await recordsOf(() => {
      dialog.querySelector('h2')!.append(' (2)');
      other.remove();
      const wrapper = document.createElement('div');
      wrapper.innerHTML = '<div class="backdrop"><div role="alertdialog">Sure?</div></div>';
      portal.append(wrapper);
    });
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.every(isDialogChange)).toBe(true);
  });

  it('is false when the member list changes', async () => {
    const { table } = page();
    const records = await recordsOf(() => {
      const row = document.createElement('tr');
      row.innerHTML = '<td>New Person</td><td>new@acme.com</td>';
      table.append(row);
    });
    expect(records.some(isDialogChange)).toBe(false);
  });

  it('is false when a change mixes a dialog with other content', async () => {
    page();
    const portal = document.querySelector('#portal')!;
    const records = await recordsOf(() => {
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      portal.append(dialog, document.createElement('table'));
    });
    expect(records.every(isDialogChange)).toBe(false);
  });
});
