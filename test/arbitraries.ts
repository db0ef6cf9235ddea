// Arbitrary valid access records for property tests, built from the schema's own vocabulary.
import fc from 'fast-check';
import { EVENT_TYPES, PAGE_STATES, REGIONS, type AccessRecord } from '../lib/records';
import { ORG_ROLES, PROJECT_ROLES } from '../lib/roles';

export const isoDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
export const isoDate = isoDateTime.map((s) => s.slice(0, 10));
export const someText = (max: number) => fc.string({ maxLength: Math.min(max, 40) });
/** Text that may hold any code unit, lone surrogates and controls included. */
export const anyText = (max: number) => fc.oneof(someText(max), fc.string({ unit: 'binary', maxLength: Math.min(max, 20) }));

export interface RecordArbitraryOptions {
  /** For the fields people type (names, reasons, details); plain strings by default. */
  freeText?: (max: number) => fc.Arbitrary<string>;
  invitedAt?: fc.Arbitrary<string>;
}

export function arbitraryRecord(options: RecordArbitraryOptions = {}): fc.Arbitrary<AccessRecord> {
  const free = options.freeText ?? someText;
  return fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 40 }),
      email: fc.emailAddress().filter((e) => e.length <= 320),
      displayName: free(200),
      orgRole: fc.constantFrom(...ORG_ROLES),
      projects: fc.array(fc.record({ name: free(200), role: fc.constantFrom(...PROJECT_ROLES) }, { noNullPrototype: true }), { maxLength: 4 }),
      reason: free(2000),
      ticket: someText(200),
      approver: someText(320),
      endsOn: isoDate,
      invitedBy: someText(320),
      invitedAt: options.invitedAt ?? isoDateTime,
      region: fc.constantFrom(...REGIONS),
      organization: fc.string({ minLength: 1, maxLength: 40 }),
      pageState: fc.constantFrom(...PAGE_STATES),
      pageSeenAt: isoDateTime,
      acceptedAt: isoDateTime,
      revokedAt: isoDateTime,
      snoozedUntil: isoDate,
      updatedAt: isoDateTime,
      history: fc.array(
        fc.record(
          { at: isoDateTime, type: fc.constantFrom(...EVENT_TYPES), detail: free(2000), by: someText(320) },
          { requiredKeys: ['at', 'type'], noNullPrototype: true },
        ),
        { maxLength: 4 },
      ),
    },
    {
      requiredKeys: ['id', 'email', 'orgRole', 'projects', 'invitedAt', 'region', 'organization', 'pageState', 'updatedAt', 'history'],
      noNullPrototype: true,
    },
  );
}
