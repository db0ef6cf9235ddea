// The line between the content script and the sidebar's frame: what the page side sends is checked
// by the frame (zod), what the frame sends is checked by the page side (a hand-written guard).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromMemberColumns, readFrameMessage, toMemberColumns, type SentPageMessage } from '../lib/sidebar-link';
import { parsePageMessage } from '../lib/sidebar-messages';
import { ORG_ROLES } from '../lib/roles';
import type { PageMember } from '../lib/mixpanel/members';

const memberArbitrary: fc.Arbitrary<PageMember> = fc.record(
  { email: fc.string({ maxLength: 40 }), name: fc.string({ maxLength: 40 }), orgRole: fc.constantFrom(...ORG_ROLES) },
  { requiredKeys: ['email'] },
);

const overJson = (message: unknown): unknown => JSON.parse(JSON.stringify(message));

function pageMessage(members: PageMember[]): SentPageMessage {
  return {
    type: 'page',
    list: { state: 'complete', members: toMemberColumns(members), pending: [], readCount: members.length, mayBeIncomplete: false, problems: [], view: 'users' },
    place: { region: 'us', organization: 'Acme' },
    admin: null,
  };
}

describe('member columns', () => {
  it('give back the members they were made of, through JSON', () => {
    fc.assert(
      fc.property(fc.array(memberArbitrary, { maxLength: 20 }), (members) => {
        const columns = overJson(toMemberColumns(members)) as ReturnType<typeof toMemberColumns>;
        expect(fromMemberColumns(columns)).toEqual(members);
      }),
    );
  });

  it('carry only the address, the name and the org role', () => {
    const member = { email: 'jane@acme.com', name: 'Jane', orgRole: 'admin', lastActive: '2026-11-01', projects: ['Web'] } as PageMember;
    expect(toMemberColumns([member])).toEqual({ emails: ['jane@acme.com'], names: ['Jane'], roles: ['admin'] });
  });
});

describe('parsePageMessage', () => {
  it('accepts the member list as the content script sends it, and gives the sidebar members', () => {
    const members: PageMember[] = [{ email: 'jane@acme.com', name: 'Jane Doe', orgRole: 'member' }, { email: 'raj@acme.com' }];
    const parsed = parsePageMessage(overJson(pageMessage(members)));
    expect(parsed?.type === 'page' && parsed.list.members).toEqual(members);
  });

  it('refuses member columns of different lengths', () => {
    const message = pageMessage([{ email: 'jane@acme.com', name: 'Jane' }]);
    if (message.type !== 'page') throw new Error('unreachable');
    message.list.members.names.push('Someone else');
    expect(parsePageMessage(overJson(message))).toBeNull();
  });

  it.each([
    ['an address over 1,000 characters', { email: `${'a'.repeat(1000)}@acme.com` }],
    ['a name over 400 characters', { email: 'jane@acme.com', name: 'J'.repeat(401) }],
    ['a role Mixpanel has not', { email: 'jane@acme.com', orgRole: 'superuser' }],
  ])('refuses a member with %s', (_, member) => {
    expect(parsePageMessage(overJson(pageMessage([member as PageMember])))).toBeNull();
  });

  it('refuses what is not a message from the content script', () => {
    for (const input of [null, 'page', 42, {}, { type: 'page' }, { type: 'dialog' }, { type: 'evil' }]) expect(parsePageMessage(input)).toBeNull();
  });

  it('accepts the dialog rows, and no dialog', () => {
    const rows = [{ email: 'jane@acme.com', orgRole: 'member', projects: ['Web'], projectRole: null }];
    expect(parsePageMessage({ type: 'dialog', rows })).toEqual({ type: 'dialog', rows });
    expect(parsePageMessage({ type: 'dialog', rows: null })).toEqual({ type: 'dialog', rows: null });
  });
});

describe('readFrameMessage', () => {
  it('reads a layout and nothing else of it', () => {
    const layout = { type: 'layout', collapsed: true, dock: false, tab: { width: 64, height: 127 } };
    expect(readFrameMessage({ ...layout, extra: '<img onerror=alert(1)>' })).toEqual(layout);
  });

  it.each([
    ['a size that is not a number', { type: 'layout', collapsed: true, dock: false, tab: { width: '64', height: 127 } }],
    ['a size too large to be a tab', { type: 'layout', collapsed: true, dock: false, tab: { width: 64, height: 1e9 } }],
    ['no tab', { type: 'layout', collapsed: false, dock: true }],
    ['a fold that is not true or false', { type: 'layout', collapsed: 'yes', dock: false, tab: { width: 1, height: 1 } }],
    ['an unknown type', { type: 'eval', code: 'x' }],
    ['no object', 'layout'],
  ])('refuses %s', (_, input) => {
    expect(readFrameMessage(input)).toBeNull();
  });
});
