// The sidebar's parts skip a draw when none of their props (or state) changed; this says what changed.
import { describe, expect, it } from 'vitest';
import { differs } from '../../components/differs';

describe('differs', () => {
  const onSave = () => undefined;
  const people = [{ email: 'a@acme.com' }];
  it('sees the same values under the same keys as no change', () => {
    expect(differs({ people, onSave, today: '2026-11-23' }, { people, onSave, today: '2026-11-23' })).toBe(false);
    expect(differs({}, {})).toBe(false);
  });
  it('sees a new object with the same contents as a change (the session makes new ones only when something changed)', () => {
    expect(differs({ people }, { people: [...people] })).toBe(true);
  });
  it('sees a changed value, a key added and a key gone as changes', () => {
    expect(differs({ today: '2026-11-23' }, { today: '2026-11-24' })).toBe(true);
    expect(differs<{ a?: number; b?: number }>({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(differs<{ a?: number; b?: number }>({ a: 1, b: 2 }, { a: 1 })).toBe(true);
    expect(differs<{ a?: number; b?: number }>({ a: 1 }, { b: 1 })).toBe(true);
  });
});
