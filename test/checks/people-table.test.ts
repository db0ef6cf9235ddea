import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PeopleTable, positions, type Bucket } from '../../lib/checks/people-table';

/** A table over these keys, counting how often it computes one. */
function tableOf(keys: (string | undefined)[], cap = Infinity): { table: PeopleTable; computed: () => number } {
  let computed = 0;
  const table = new PeopleTable(
    keys.length,
    (i) => {
      computed++;
      return keys[i];
    },
    cap,
  );
  return { table, computed: () => computed };
}

const answer = (found: ReadonlyMap<string, Bucket>, keys: string[]) => keys.map((key) => positions(found.get(key)));

describe('PeopleTable', () => {
  it('lists the people under a key in order, skipping those without one', () => {
    const { table } = tableOf(['a', undefined, 'b', 'a', 'a']);
    expect(answer(table.find(new Set(['a', 'b', 'c'])), ['a', 'b', 'c'])).toEqual([[0, 3, 4], [2], []]);
  });

  it('keeps the first people of a key up to its cap', () => {
    const { table } = tableOf(['k', 'k', 'x', 'k', 'k'], 3);
    expect(answer(table.find(new Set(['k'])), ['k'])).toEqual([[0, 1, 3]]);
    expect(answer(table.find(new Set(['k'])), ['k'])).toEqual([[0, 1, 3]]);
  });

  it('answers the first question with one pass, and builds the table at the second', () => {
    const { table, computed } = tableOf(['a', 'b', 'c', 'd']);
    table.find(new Set(['a']));
    expect(computed()).toBe(4);
    table.find(new Set(['b']));
    expect(computed()).toBe(8);
    for (let i = 0; i < 5; i++) table.find(new Set(['c']));
    expect(computed()).toBe(8);
  });

  it('does not count a question without keys', () => {
    const { table, computed } = tableOf(['a', 'b']);
    expect(table.find(new Set()).size).toBe(0);
    table.find(new Set(['a']));
    table.find(new Set(['b']));
    expect(computed()).toBe(4);
  });

  it('gives the same answer from a pass as from the table', () => {
    const key = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z')), fc.integer({ min: 2, max: 6 }), (keys, asked, cap) => {
        const { table } = tableOf(keys, cap);
        const byPass = answer(table.find(new Set(asked)), asked);
        const byTable = answer(table.find(new Set(asked)), asked);
        expect(byTable).toEqual(byPass);
        for (const [i, key] of asked.entries()) {
          const all = keys.flatMap((k, position) => (k === key ? [position] : []));
          expect(byPass[i]).toEqual(all.slice(0, cap));
        }
      }),
      { numRuns: 300 },
    );
  });
});
