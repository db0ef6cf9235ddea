// What the background does with each message, and the periodic sweep: the access log's rules,
// over the database. No browser API here: the background passes in the database, the policy, the
// clock and an id generator, so this runs under vitest with fake-indexeddb.
import { canonicalAddress } from './email';
import { isPassingFailure, type InviteGuardDb, type StoredRecord } from './db';
import {
  EXTENSION_PAGE,
  type InvitationSent,
  type Message,
  type MessageOrigin,
  type NoteSave,
  type PageObserved,
  type RecordSummary,
  type Reply,
  parseMessage,
  refusal,
} from './messages';
import { deriveStatus, editNote, newRecord, observe, parseRecord, remind, revoke, snooze, type AccessRecord, type RecordStatus } from './records';
import { mergeRecords } from './export';
import { reconcile } from './audit-log';
import { KeptWrites, type NewId } from './kept-writes';
import { dueReminders, needsAttention, type Reminder } from './reminders';
import { accessSections, firstScreen } from './access-view';
import { parsePolicy, type EffectivePolicy, type Policy } from './policy';
import { parseBulkInviteCsv } from './mixpanel/bulk-csv';

export interface AccessLogDeps {
  db: () => Promise<InviteGuardDb>;
  policy: () => Promise<Policy>;
  /** The policy with what IT manages and what is wrong with the stored one (the options page). */
  policyState?: () => Promise<EffectivePolicy>;
  savePolicy?: (policy: Policy) => Promise<void>;
  now: () => Date;
  newId: () => string;
}

export interface SweepResult {
  reminders: Reminder[];
  /** How many records need the admin's attention (the toolbar badge). */
  attention: number;
  corrupted: number;
}

type Entry = { record: AccessRecord; status: RecordStatus };

function samePlace(record: AccessRecord, place: { region: string; organization: string }): boolean {
  return record.region === place.region && record.organization === place.organization;
}

function summary(record: StoredRecord): RecordSummary {
  const { id, email, orgRole, reason, ticket, approver, endsOn, pageState } = record;
  return { id, email, orgRole, reason, ticket, approver, endsOn, pageState };
}

/** Messages that only read: they change nothing, so they are never kept for later. */
const READS: ReadonlySet<Message['type']> = new Set(['records-for-page', 'list-records', 'access-overview', 'get-policy']);
/**
 * Whether a handled message may have changed what needs the admin's attention, so the background
 * runs a reminder pass after it. Reads don't (the popup opening must not start a pass over every
 * record), nor does reading a dropped file, a refused message, or a page that showed nothing new.
 */
export function callsForSweep(message: unknown, reply: Reply<Record<string, unknown>>): boolean {
  if (!reply.ok || typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || READS.has(type as Message['type']) || type === 'bulk-csv-read') return false;
  return !(type === 'page-observed' && reply.changed === 0);
}

/** Changes kept in memory while storage fails; beyond this many, the sender keeps its own copy. */
const MAX_KEPT = 200;

type Answer = Reply<Record<string, unknown>>;

function failure(error: unknown): Answer {
  if (error instanceof Error && error.name === 'QuotaExceededError') {
    return { ok: false, error: 'Browser storage is full: the note was not saved. Free some disk space and try again.', retry: true };
  }
  return { ok: false, error: `Could not save: ${error instanceof Error ? error.message : String(error)}`, retry: true };
}

export class AccessLog {
  // Messages are handled one at a time: each read-modify-write sees the previous one's result.
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes storage could not take yet (a full disk): written, in order, before anything else. */
  private readonly kept: KeptWrites<Message, Answer>;

  constructor(private readonly deps: AccessLogDeps) {
    this.kept = new KeptWrites({
      run: (message, newId) => this.dispatch(message, newId),
      newId: () => deps.newId(),
      passing: isPassingFailure,
      failure,
      keptAnswer: {
        ok: false,
        error: 'Browser storage is not available (full, or closed): Invite Guard keeps the change and saves it as soon as it can.',
        retry: true,
      },
      fullAnswer: {
        ok: false,
        error: `Browser storage is not available, and Invite Guard already holds ${MAX_KEPT} unsaved changes: this one was not saved. Try again later.`,
        retry: true,
      },
      now: () => deps.now().getTime(),
      max: MAX_KEPT,
    });
  }

  /**
   * Parses and handles one message from `origin` (the extension's own pages by default); never
   * throws, always replies. An invalid message, or one its origin may not send, changes nothing.
   * A change storage cannot take now is kept and written later (see KeptWrites).
   */
  handle(input: unknown, origin: MessageOrigin = EXTENSION_PAGE): Promise<Answer> {
    let parsed: ReturnType<typeof parseMessage>;
    try {
      parsed = parseMessage(input);
    } catch {
      parsed = { ok: false, error: 'Invalid message: unreadable' };
    }
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
    const message = parsed.message;
    const refused = refusal(message, origin);
    if (refused) return Promise.resolve({ ok: false, error: refused });
    // Reading a dropped file touches no storage: it waits for nothing.
    if (message.type === 'bulk-csv-read') return Promise.resolve({ ok: true, ...parseBulkInviteCsv(message.text) });
    const work = READS.has(message.type)
      ? () => this.kept.flush().then(() => this.dispatch(message, () => this.deps.newId()))
      : () => this.kept.write(message, () => JSON.stringify(message));
    return this.enqueue(work).catch(failure);
  }

  /** Runs one change after the previous one has finished, messages and sweeps alike. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatch(message: Message, newId: NewId): Promise<Answer> {
    switch (message.type) {
      case 'invitation-sent':
        return { ok: true, ids: await this.invitationSent(message, newId) };
      case 'page-observed':
        return { ok: true, changed: await this.pageObserved(message) };
      case 'note-save':
        return { ok: true, record: summary(await this.noteSave(message, newId)) };
      case 'records-for-page': {
        const db = await this.deps.db();
        const { records } = await db.known();
        return { ok: true, records: records.filter((r) => samePlace(r, message) && !r.revokedAt).map(summary) };
      }
      case 'list-records': {
        const db = await this.deps.db();
        const { records, corrupted } = await db.known();
        return { ok: true, records, corrupted: corrupted.length };
      }
      case 'access-overview': {
        const db = await this.deps.db();
        const { records, corrupted } = await db.known();
        const sections = accessSections(records, await this.deps.policy(), this.deps.now(), { text: '', status: 'all' });
        return { ok: true, sections: firstScreen(sections, message.limit), count: records.length, corrupted: corrupted.length };
      }
      case 'record-extend': {
        return { ok: true, record: await this.change(message.id, (r, now) => editNote(r, { ...noteOf(r), endsOn: message.endsOn, reason: message.reason }, now)) };
      }
      case 'record-revoke':
        return { ok: true, record: await this.change(message.id, (r, now) => revoke(r, now, undefined, message.detail)) };
      case 'record-snooze':
        return { ok: true, record: await this.change(message.id, (r, now) => snooze(r, message.until, now)) };
      case 'records-import':
        return { ok: true, ...(await this.importRecords(message.records)) };
      case 'audit-reconcile': {
        const db = await this.deps.db();
        const { records } = await db.all();
        const result = reconcile(records.map(stripStatus), message.events, this.deps.now());
        const policy = await this.deps.policy();
        const now = this.deps.now();
        await db.putMany(result.updates.map((record) => ({ record, status: deriveStatus(record, policy, now) })));
        return { ok: true, updated: result.updates.length, undocumented: result.undocumented, unmatched: result.unmatched };
      }
      case 'get-policy': {
        const state = this.deps.policyState ? await this.deps.policyState() : { policy: await this.deps.policy(), locked: [], problems: [] };
        return { ok: true, ...state };
      }
      case 'bulk-csv-read':
        return { ok: true, ...parseBulkInviteCsv(message.text) };
      case 'save-policy': {
        const result = parsePolicy(message.policy);
        if (!result.ok) return { ok: false, error: `The policy was not saved: ${result.errors.map((e) => e.message).join('; ')}` };
        if (!this.deps.savePolicy) return { ok: false, error: 'The policy cannot be saved here.' };
        await this.deps.savePolicy(result.policy);
        return { ok: true };
      }
    }
  }

  /** Changes one record in one transaction, its status recomputed. */
  private async change(id: string, edit: (record: AccessRecord, now: Date) => AccessRecord): Promise<StoredRecord> {
    const now = this.deps.now();
    const policy = await this.deps.policy();
    const db = await this.deps.db();
    return db.update(id, (current) => {
      const record = edit(stripStatus(current), now);
      return { record, status: deriveStatus(record, policy, now) };
    });
  }

  private async entry(record: AccessRecord): Promise<Entry> {
    return { record, status: deriveStatus(record, await this.deps.policy(), this.deps.now()) };
  }

  /** The record of this person's current grant here, if any (not revoked). */
  private async current(place: { region: string; organization: string }, email: string): Promise<StoredRecord | undefined> {
    const db = await this.deps.db();
    const key = canonicalAddress(email);
    const candidates = await db.byEmail(email.trim().toLowerCase());
    return candidates
      .filter((r) => samePlace(r, place) && !r.revokedAt && canonicalAddress(r.email) === key)
      .sort((a, b) => b.invitedAt.localeCompare(a.invitedAt))[0];
  }

  private async invitationSent(message: InvitationSent, newId: NewId): Promise<string[]> {
    const now = this.deps.now();
    const entries: Entry[] = [];
    for (const row of message.rows) {
      const existing = await this.current(message, row.email);
      if (existing && existing.pageState === 'pending') {
        // Invited again: the same grant, a fresh invitation. The old note is kept in the history.
        const at = now.toISOString();
        const resent: AccessRecord = {
          ...stripStatus(existing),
          invitedAt: at,
          updatedAt: at,
          history: [...existing.history, { at, type: 'resent', detail: 'Invitation sent again', ...(message.invitedBy ? { by: message.invitedBy } : {}) }],
        };
        entries.push(await this.entry(editNote(resent, message.note, now, message.invitedBy)));
        continue;
      }
      const record = newRecord(
        { id: newId(), ...row, note: message.note, region: message.region, organization: message.organization, ...(message.invitedBy ? { invitedBy: message.invitedBy } : {}) },
        now,
      );
      entries.push(await this.entry(record));
    }
    const db = await this.deps.db();
    await db.putMany(entries);
    return entries.map((e) => e.record.id);
  }

  private async pageObserved(message: PageObserved): Promise<number> {
    const now = this.deps.now();
    const members = new Map(message.members.map((m) => [canonicalAddress(m.email), m]));
    const pending = new Set(message.pending.map((p) => canonicalAddress(p.email)));
    const db = await this.deps.db();
    const { records } = await db.all();
    const changed: Entry[] = [];
    for (const record of records) {
      if (!samePlace(record, message) || record.revokedAt) continue;
      const key = canonicalAddress(record.email);
      const member = members.get(key);
      let next: AccessRecord = record;
      if (member) next = observe(record, { state: 'member', ...(member.orgRole ? { orgRole: member.orgRole } : {}) }, now);
      else if (pending.has(key)) next = observe(record, { state: 'pending' }, now);
      // Only a list read in full proves someone is gone.
      else if (message.complete) next = observe(record, { state: 'absent' }, now);
      if (next !== record) changed.push(await this.entry(stripStatus(next)));
    }
    if (changed.length) await db.putMany(changed);
    return changed.length;
  }

  /** Merges imported records by id: new ones added, known ones' histories united, none duplicated. */
  private async importRecords(input: readonly unknown[]) {
    const db = await this.deps.db();
    const { records, corrupted } = await db.all();
    // A stored value that can't be read is never overwritten: it may still be recovered by hand.
    const unreadable = new Set(corrupted.map((c) => c.key));
    const valid: AccessRecord[] = [];
    const rejected: { index: number; reason: string }[] = [];
    input.forEach((value, index) => {
      const parsed = parseRecord(value);
      if (!parsed.ok) rejected.push({ index, reason: parsed.error });
      else if (unreadable.has(parsed.record.id)) rejected.push({ index, reason: `id: the stored record ${parsed.record.id} is unreadable and is kept as it is` });
      else valid.push(parsed.record);
    });
    const existing = records.map(stripStatus);
    const unchanged = new Set<AccessRecord>(existing);
    const merged = mergeRecords(existing, valid);
    const policy = await this.deps.policy();
    const now = this.deps.now();
    // mergeRecords keeps the very same object for a record the import did not change.
    const changed = merged.records.filter((r) => !unchanged.has(r));
    await db.putMany(changed.map((record) => ({ record, status: deriveStatus(record, policy, now) })));
    return { added: merged.added, updated: merged.updated, unchanged: merged.unchanged, rejected };
  }

  private async noteSave(message: NoteSave, newId: NewId): Promise<StoredRecord> {
    const now = this.deps.now();
    const existing = await this.current(message, message.email);
    const db = await this.deps.db();
    if (existing) {
      return db.update(existing.id, (current) => {
        const record = editNote(stripStatus(current), message.note, now, message.by);
        return { record, status: current.status };
      });
    }
    // Documenting access granted before Invite Guard: the record starts with the note, not an invitation.
    const base = newRecord(
      {
        id: newId(),
        email: message.email,
        ...(message.displayName ? { displayName: message.displayName } : {}),
        orgRole: message.orgRole ?? 'member',
        projects: [],
        note: message.note,
        region: message.region,
        organization: message.organization,
      },
      now,
    );
    const record: AccessRecord = {
      ...base,
      pageState: message.pageState ?? 'unknown',
      ...(message.pageState === 'member' ? { acceptedAt: base.invitedAt } : {}),
      history: [{ at: base.invitedAt, type: 'note-edited', detail: 'Existing access documented', ...(message.by ? { by: message.by } : {}) }],
    };
    const entry = await this.entry(record);
    await db.put(entry.record, entry.status);
    return { ...entry.record, status: entry.status };
  }

  /** Recomputes every status, and says which reminders are due now (recording them as sent). */
  sweep(): Promise<SweepResult> {
    return this.enqueue(() => this.kept.flush().then(() => this.sweepNow()));
  }

  private async sweepNow(): Promise<SweepResult> {
    const now = this.deps.now();
    const policy = await this.deps.policy();
    const db = await this.deps.db();
    const { records, corrupted } = await db.all();
    const sent = await db.sentReminderKeys();
    const reminders = dueReminders(records, sent, policy, now);
    const byId = new Map<string, AccessRecord>(records.map((r) => [r.id, stripStatus(r)]));
    const reminded = new Set<string>();
    for (const reminder of reminders) {
      for (const id of reminder.recordIds) {
        const record = byId.get(id);
        if (!record) continue;
        byId.set(id, remind(record, now, reminder.title));
        reminded.add(id);
      }
    }
    const updates: Entry[] = [];
    for (const stored of records) {
      const record = byId.get(stored.id)!;
      const status = deriveStatus(record, policy, now);
      if (reminded.has(stored.id) || status !== stored.status) updates.push({ record, status });
    }
    await db.markRemindersSent(
      reminders.map((r) => ({ key: r.key, recordIds: r.recordIds })),
      now,
      updates,
    );
    return { reminders, attention: needsAttention(records, policy, now).length, corrupted: corrupted.length };
  }
}

function noteOf(record: AccessRecord) {
  const { reason, ticket, approver, endsOn } = record;
  return { reason, ticket, approver, endsOn };
}

/** A stored record without the status the database indexes it by. */
function stripStatus(record: AccessRecord | StoredRecord): AccessRecord {
  if (!('status' in record)) return record;
  const { status: _status, ...rest } = record;
  return rest;
}
