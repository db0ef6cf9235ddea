// People grouped under one key (their mailbox, local part or name), by their position in the page
// order. A full table costs a map insert per person; a single check only asks about the keys of its
// draft, which one pass over the people answers without storing anyone else. So the first question
// is answered by such a pass, and the table is built when a second one comes: the index is then
// being kept between keystrokes, where the table pays for itself.

/** Positions under one key, in page order: a number until there are two, so most keys cost no array. */
export type Bucket = number | number[];

const EMPTY: ReadonlyMap<string, Bucket> = new Map();

export function positions(bucket: Bucket | undefined): readonly number[] {
  if (bucket === undefined) return [];
  return typeof bucket === 'number' ? [bucket] : bucket;
}

/** A cheap test that passes at least everyone under some keys (and maybe others). */
export type Sieve = (position: number) => boolean;

export class PeopleTable {
  private table: Map<string, Bucket> | undefined;
  private asked = false;

  /**
   * @param size how many people (positions 0 to size - 1)
   * @param keyOf a person's key, or undefined when they have none
   * @param cap how many people a key keeps (at least 2): the first ones in page order
   * @param sieveFor for a pass, a sieve that spares computing the key of most people, if any
   */
  constructor(
    private readonly size: number,
    private readonly keyOf: (position: number) => string | undefined,
    private readonly cap: number,
    private readonly sieveFor?: (keys: ReadonlySet<string>) => Sieve | undefined,
  ) {}

  /** The people under each of these keys; the answer may hold other keys too. */
  find(keys: ReadonlySet<string>): ReadonlyMap<string, Bucket> {
    if (this.table) return this.table;
    if (keys.size === 0) return EMPTY;
    if (!this.asked) {
      this.asked = true;
      return this.collect(keys, this.sieveFor?.(keys));
    }
    this.table = this.collect(null);
    return this.table;
  }

  /** One pass over the people, keeping those under the wanted keys (all when null). */
  private collect(wanted: ReadonlySet<string> | null, sieve?: Sieve): Map<string, Bucket> {
    const found = new Map<string, Bucket>();
    for (let position = 0; position < this.size; position++) {
      if (sieve && !sieve(position)) continue;
      const key = this.keyOf(position);
      if (key === undefined || (wanted !== null && !wanted.has(key))) continue;
      const bucket = found.get(key);
      if (bucket === undefined) found.set(key, position);
      else if (typeof bucket === 'number') found.set(key, [bucket, position]);
      else if (bucket.length < this.cap) bucket.push(position);
    }
    return found;
  }
}
