// The comparison the storage tests use: stored values equal as stored, an invalid Date included
// (Node's isDeepStrictEqual holds two invalid Dates different, as NaN is not NaN).
import { describe, expect, it } from 'vitest';
import { sameStoredValue } from './store-snapshot';

describe('sameStoredValue', () => {
  it('holds a value equal to its stored copy, invalid Dates in Maps, Sets and arrays included', () => {
    // What fast-check found: { "": Map { "" => Set { Invalid Date } } } and { "": Map { "" => [Invalid Date] } }.
    for (const value of [
      { '': new Map([['', new Set([new Date(NaN)])]]), id: 0 },
      { '': new Map([['', [new Date(NaN)]]]), id: ' ' },
      { when: new Date(NaN), list: [1, , 3] }, // eslint-disable-line no-sparse-arrays
    ]) {
      expect(sameStoredValue(structuredClone(value), value)).toBe(true);
    }
  });

  it('still tells different values apart', () => {
    expect(sameStoredValue({ at: new Date(NaN) }, { at: new Date(0) })).toBe(false);
    expect(sameStoredValue(new Set([new Date(NaN)]), new Set([new Date(NaN), 1]))).toBe(false);
    expect(sameStoredValue(new Map([['a', new Date(NaN)]]), new Map([['b', new Date(NaN)]]))).toBe(false);
    expect(sameStoredValue(Object.create(null) as object, {})).toBe(false);
    expect(sameStoredValue([1, , 3], [1, undefined, 3])).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(sameStoredValue({ n: NaN, at: new Date(NaN) }, { n: 0, at: new Date(NaN) })).toBe(false);
  });
});
