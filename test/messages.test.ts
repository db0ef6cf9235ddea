import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MESSAGE_TEXT_LIMIT, parseMessage, parseReply, unwrapMessage } from '../lib/messages';
import { arbitraryMessage } from './arbitraries';

describe('parseMessage', () => {
  it('accepts each kind of message', () => {
    const place = { region: 'eu', organization: 'Acme' };
    for (const message of [
      { type: 'invitation-sent', ...place, rows: [{ email: 'a@acme.com', orgRole: 'member', projects: [] }], note: {} },
      { type: 'page-observed', ...place, members: [{ email: 'a@acme.com' }], pending: [], complete: true },
      { type: 'note-save', ...place, email: 'a@acme.com', note: { reason: 'x' } },
      { type: 'records-for-page', ...place },
      { type: 'list-records' },
    ]) {
      expect(parseMessage(message), message.type).toMatchObject({ ok: true });
    }
  });

  it('explains what is wrong with an invalid message', () => {
    expect(parseMessage({ type: 'drop-database' })).toMatchObject({ ok: false });
    expect(parseMessage({ type: 'note-save', region: 'mars', organization: 'Acme', email: 'a@acme.com', note: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid message: region: /),
    });
    expect(parseMessage({ type: 'invitation-sent', region: 'us', organization: 'Acme', rows: [], note: {} })).toEqual({
      ok: false,
      error: 'Invalid message: rows: must list at least one invited address',
    });
    expect(parseMessage('{"type":"list-records"}')).toMatchObject({ ok: false });
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof parseMessage(value).ok).toBe('boolean');
      }),
    );
  });
});

describe('parseReply', () => {
  it('passes good replies, and turns anything else into a clear error', () => {
    expect(parseReply({ ok: true, ids: ['a'] })).toEqual({ ok: true, ids: ['a'] });
    expect(parseReply({ ok: false, error: 'Storage is full', retry: true })).toEqual({ ok: false, error: 'Storage is full', retry: true });
    expect(parseReply(undefined)).toMatchObject({ ok: false, retry: true });
    expect(parseReply({ ok: 'yes' })).toMatchObject({ ok: false });
  });
});

describe('unwrapMessage (messages sent as JSON text)', () => {
  it('reads back every message exactly as it was sent', () => {
    fc.assert(
      fc.property(arbitraryMessage, (message) => {
        const sent = unwrapMessage({ json: JSON.stringify(message) });
        expect(parseMessage(sent)).toEqual(parseMessage(JSON.parse(JSON.stringify(message))));
      }),
      { numRuns: 200 },
    );
  });

  it('passes values that are not a JSON envelope through unchanged, for the schema to judge', () => {
    const values = [null, undefined, 'list-records', 42, [], [{ json: '{}' }], { type: 'list-records' }, { json: '{}', type: 'list-records' }];
    for (const value of values) expect(unwrapMessage(value)).toBe(value);
  });

  it('makes text that is not JSON, or not text, or too long, an unreadable message', () => {
    for (const json of ['{"type":', 'list-records', 42, null, { type: 'list-records' }, ' '.repeat(MESSAGE_TEXT_LIMIT + 1)]) {
      const parsed = parseMessage(unwrapMessage({ json }));
      expect(parsed.ok).toBe(false);
    }
  });

  it('keeps a polluting key an own property, which the schema drops, and pollutes nothing', () => {
    const sent = unwrapMessage({ json: '{"type":"list-records","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' });
    expect(parseMessage(sent)).toEqual({ ok: true, message: { type: 'list-records' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
