// A dropped Bulk invite CSV is read by the background; the content script checks the answer by hand.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { AccessLog } from '../lib/access-log';
import { openInviteGuardDb } from '../lib/db';
import { defaultPolicy } from '../lib/policy';
import { parseMessage } from '../lib/messages';
import { BULK_CSV_MAX_CHARS, parseReply, readBulkCsvReply } from '../lib/reply';
import { parseBulkInviteCsv } from '../lib/mixpanel/bulk-csv';

const CSV = 'Email,Organization role,Projects,Project role\nana@acme.com,Member,Web;iOS,Analyst\nbo@acme.com,Chief,,\n,Member,,\n';
const page = { kind: 'mixpanel', region: 'eu' } as const;

async function accessLog(): Promise<AccessLog> {
  const db = await openInviteGuardDb({ factory: new IDBFactory() });
  return new AccessLog({ db: async () => db, policy: async () => defaultPolicy(), now: () => new Date('2026-11-23T10:00:00Z'), newId: () => 'id' });
}

describe('bulk-csv-read', () => {
  it('is answered for Mixpanel\'s page with the rows and row errors the reader finds, and the content script reads them back', async () => {
    const log = await accessLog();
    const answer = parseReply(JSON.parse(JSON.stringify(await log.handle({ type: 'bulk-csv-read', text: CSV }, page))));
    expect(answer.ok).toBe(true);
    const read = answer.ok ? readBulkCsvReply(answer) : null;
    expect(read).toEqual(parseBulkInviteCsv(CSV));
    expect(read?.rows.map((r) => r.email)).toEqual(['ana@acme.com', 'bo@acme.com']);
    expect(read?.rows[0]).toMatchObject({ line: 2, orgRole: 'member', projects: ['Web', 'iOS'], projectRole: 'analyst' });
    expect(read?.errors.map((e) => e.line)).toEqual([3, 4]);
  });

  it('takes one character past the reader\'s limit, so the reader can say the file was cut, and no more', async () => {
    const over = 'a'.repeat(BULK_CSV_MAX_CHARS + 1);
    expect(parseMessage({ type: 'bulk-csv-read', text: over }).ok).toBe(true);
    expect(parseMessage({ type: 'bulk-csv-read', text: `${over}a` }).ok).toBe(false);
    expect(parseMessage({ type: 'bulk-csv-read', text: 42 }).ok).toBe(false);
    const log = await accessLog();
    const answer = await log.handle({ type: 'bulk-csv-read', text: over }, page);
    expect(answer.ok && readBulkCsvReply(answer)?.errors[0]?.message).toMatch(/only the beginning was read/);
  });

  it('is refused by the content script\'s check when the answer is not a reading of a file', () => {
    const row = { line: 2, email: 'ana@acme.com', orgRole: 'member', projects: ['Web'], projectRole: null };
    expect(readBulkCsvReply({ rows: [row], errors: [] })).toEqual({ rows: [row], errors: [] });
    for (const bad of [
      {},
      { rows: [row] },
      { rows: 'x', errors: [] },
      { rows: [{ ...row, orgRole: 'root' }], errors: [] },
      { rows: [{ ...row, projectRole: 'boss' }], errors: [] },
      { rows: [{ ...row, projects: [1] }], errors: [] },
      { rows: [{ ...row, line: -1 }], errors: [] },
      { rows: [{ ...row, email: null }], errors: [] },
      { rows: [], errors: [{ line: 1 }] },
      { rows: [], errors: [{ line: 1.5, message: 'x' }] },
    ]) {
      expect(readBulkCsvReply(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
