import { describe, expect, it } from 'vitest';
import { invitationMessage, pageObservation } from '../lib/capture';
import { parseMessage } from '../lib/messages';

const place = { region: 'us' as const, organization: 'Acme Analytics' };

describe('invitationMessage', () => {
  it('turns the dialog rows into one valid message with the note, once per person', () => {
    const message = invitationMessage(
      [
        { email: 'Tom Becker <Tom@Brightlane-Agency.io>', orgRole: 'member', projects: ['Production', 'Staging'], projectRole: 'analyst' },
        { email: 'tom@brightlane-agency.io', orgRole: 'admin', projects: [], projectRole: null },
        { email: '', orgRole: null, projects: [], projectRole: null },
        { email: 'lee@acme.com', orgRole: null, projects: ['Web'], projectRole: null },
      ],
      { reason: '  Tracking plan ', ticket: '', endsOn: '2027-01-31' },
      place,
      'dana.whitfield@acme.com',
    );
    expect(message).toEqual({
      type: 'invitation-sent',
      region: 'us',
      organization: 'Acme Analytics',
      invitedBy: 'dana.whitfield@acme.com',
      rows: [
        { email: 'tom@brightlane-agency.io', displayName: 'Tom Becker', orgRole: 'member', projects: [{ name: 'Production', role: 'analyst' }, { name: 'Staging', role: 'analyst' }] },
        { email: 'lee@acme.com', orgRole: 'member', projects: [{ name: 'Web', role: 'consumer' }] },
      ],
      note: { reason: 'Tracking plan', endsOn: '2027-01-31' },
    });
    expect(parseMessage(message).ok).toBe(true);
  });

  it('is null when no row names an address', () => {
    expect(invitationMessage([{ email: 'not an address', orgRole: null, projects: [], projectRole: null }], {}, place, null)).toBeNull();
  });
});

describe('pageObservation', () => {
  it('lists the readable members and invitations, and whether the list was complete', () => {
    const message = pageObservation(
      {
        members: [{ email: 'Jane.Doe@acme.com', orgRole: 'admin' }, { email: 'broken' }, { email: 'li@acme.com' }],
        pending: [{ email: 'new@acme.com' }],
        readCount: 3,
        mayBeIncomplete: true,
      },
      place,
    );
    expect(message).toEqual({
      type: 'page-observed',
      region: 'us',
      organization: 'Acme Analytics',
      members: [{ email: 'jane.doe@acme.com', orgRole: 'admin' }, { email: 'li@acme.com' }],
      pending: [{ email: 'new@acme.com' }],
      complete: false,
    });
    expect(parseMessage(message).ok).toBe(true);
  });

  it('sends nothing when nothing was read', () => {
    expect(pageObservation({ members: [], pending: [], readCount: 0, mayBeIncomplete: true }, place)).toBeNull();
  });
});
