// Changes that could not be written yet because storage failed for a reason that passes (a full
// disk, a closed connection): kept in memory, in order, and written before any later change, so
// that a failure loses nothing and reorders nothing. Pure: the caller runs each write.

/** Hands out the ids a change needs; a kept change gets the same ids on every attempt. */
export type NewId = () => string;

export interface KeptWritesOptions<M, A> {
  /** Writes one change; throws when it could not. */
  run: (change: M, newId: NewId) => Promise<A>;
  newId: NewId;
  /** Whether a failure passes, so the change is kept; other failures are answered by `failure`. */
  passing: (error: unknown) => boolean;
  failure: (error: unknown) => A;
  /** The answer to a change kept for later, and to one refused because too many are kept. */
  keptAnswer: A;
  fullAnswer: A;
  now: () => number;
  /** How many changes are kept at most; beyond, the sender keeps its own copy. */
  max?: number;
  /** How long the answer to a kept change, written later, waits for its sender to ask again. */
  answerMs?: number;
}

interface Entry<M, A> {
  key: string;
  change: M;
  ids: string[];
  answer?: A;
}

export class KeptWrites<M, A> {
  private readonly kept: Entry<M, A>[] = [];
  /** Answers to kept changes written after their sender was told "not yet", by change. */
  private readonly answered = new Map<string, { answer: A; at: number }>();
  private readonly max: number;
  private readonly answerMs: number;

  constructor(private readonly options: KeptWritesOptions<M, A>) {
    this.max = options.max ?? 200;
    this.answerMs = options.answerMs ?? 60 * 60 * 1000;
  }

  /** How many changes wait to be written. */
  get size(): number {
    return this.kept.length;
  }

  /**
   * Writes one change after those kept before it. The same change sent again (its sender retrying)
   * is not written twice: it gets the answer of the kept one. `key` identifies equal changes.
   */
  async write(change: M, key: () => string): Promise<A> {
    if (this.kept.length === 0 && this.answered.size === 0) {
      const entry: Entry<M, A> = { key: '', change, ids: [] };
      try {
        return await this.attempt(entry);
      } catch (error) {
        if (!this.options.passing(error)) return this.options.failure(error);
        entry.key = key();
        this.kept.push(entry);
        return this.options.keptAnswer;
      }
    }
    const k = key();
    const now = this.options.now();
    for (const [other, { at }] of this.answered) if (!(now - at < this.answerMs)) this.answered.delete(other);
    const answered = this.answered.get(k);
    if (answered) {
      this.answered.delete(k);
      return answered.answer;
    }
    let entry = this.kept.find((e) => e.key === k);
    if (!entry) {
      if (this.kept.length >= this.max) return this.options.fullAnswer;
      entry = { key: k, change, ids: [] };
      this.kept.push(entry);
    }
    await this.flush();
    this.answered.delete(k);
    return entry.answer ?? this.options.keptAnswer;
  }

  /** Writes the kept changes in order; stops at the first whose storage still fails. Never throws. */
  async flush(): Promise<void> {
    while (this.kept.length > 0) {
      const entry = this.kept[0]!;
      try {
        entry.answer = await this.attempt(entry);
      } catch (error) {
        if (this.options.passing(error)) return;
        entry.answer = this.options.failure(error);
      }
      this.kept.shift();
      this.answered.set(entry.key, { answer: entry.answer, at: this.options.now() });
      // The oldest answer goes first: a Map keeps insertion order.
      if (this.answered.size > this.max) this.answered.delete(this.answered.keys().next().value!);
    }
  }

  private attempt(entry: Entry<M, A>): Promise<A> {
    let next = 0;
    const newId = () => {
      if (next === entry.ids.length) entry.ids.push(this.options.newId());
      return entry.ids[next++]!;
    };
    return this.options.run(entry.change, newId);
  }
}
