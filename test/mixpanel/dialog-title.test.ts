// @vitest-environment happy-dom
// Which dialog is the invite dialog: named by aria-labelledby, aria-label, its first heading or its
// title attribute, never by the text it happens to hold.
import { afterEach, describe, expect, it } from 'vitest';
import { findInviteDialog, inviteDialogAround, isInviteDialog } from '../../lib/mixpanel';

afterEach(() => document.body.replaceChildren());

function dialog(html: string): HTMLElement {
  document.body.insertAdjacentHTML('beforeend', html);
  return document.body.lastElementChild as HTMLElement;
}

describe('the invite dialog, by its title', () => {
  it.each([
    ['aria-labelledby', '<div role="dialog" aria-labelledby="t"><h2 id="t">Invite New Users</h2><input aria-label="Email"></div>'],
    ['aria-labelledby to two elements', '<div role="dialog" aria-labelledby="a b"><span id="a">Invite</span> <span id="b">users</span><input></div>'],
    ['aria-label', '<div role="dialog" aria-label="Invite members"><p>Who should join?</p></div>'],
    ['its first heading', '<div role="dialog"><h2>Invite teammates</h2><p>They get an email.</p></div>'],
    ['a heading role', '<div role="dialog"><div role="heading">Benutzer einladen</div></div>'],
    ['its title attribute, with no heading', '<div role="dialog" title="Invite users"><p>Emails, one per line</p></div>'],
  ])('is found when named by %s', (_, html) => {
    const el = dialog(html);
    expect(isInviteDialog(el)).toBe(true);
    expect(findInviteDialog(document)).toBe(el);
    expect(inviteDialogAround(el.querySelector('input, p, span') ?? el)).toBe(el);
  });

  it.each([
    ['text that starts like a title', '<div role="dialog"><p>Invite users from your directory instead?</p></div>'],
    ['an empty label, falling back to its text', '<div role="dialog" aria-label=" "><p>Invite users</p></div>'],
    ['another title', '<div role="dialog" aria-labelledby="t"><h2 id="t">Remove member</h2><h3>Invite users</h3></div>'],
    ['a closed <dialog>', '<dialog><h2>Invite New Users</h2></dialog>'],
    ['a hidden one', '<div role="dialog" aria-hidden="true"><h2>Invite New Users</h2></div>'],
  ])('is not found for a dialog with %s', (_, html) => {
    const el = dialog(html);
    expect(isInviteDialog(el)).toBe(false);
    expect(findInviteDialog(document)).toBeNull();
  });
});

describe('finding the invite dialog on the page', () => {
  const INVITE = '<div role="dialog" aria-label="Invite users"><input aria-label="Email"></div>';
  const IN_TABLE = `<table><tbody><tr><td>${INVITE}</td></tr></tbody></table>`;

  it('finds the topmost of several, nested in other elements', () => {
    dialog(`<main><section>${INVITE}</section></main>`);
    const last = dialog(`<div><div>${INVITE}</div></div>`).querySelector('[role="dialog"]');
    expect(findInviteDialog(document)).toBe(last);
  });

  // Beside a page too big to walk, the search falls back to a query: it answers the same.
  it.each([
    ['a small page', ''],
    ['a page too big to walk', '<div>' + '<span></span>'.repeat(6000) + '</div>'],
  ])('leaves a dialog inside a table out, on %s', (_, filler) => {
    dialog(filler || '<p></p>');
    dialog(IN_TABLE);
    expect(findInviteDialog(document)).toBeNull();
    const outside = dialog(INVITE);
    expect(findInviteDialog(document)).toBe(outside);
  });
});
