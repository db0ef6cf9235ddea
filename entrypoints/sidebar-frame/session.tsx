// One sidebar on one visit to the Users & Teams view, in the sidebar's extension frame: takes what
// the content script read off the page (lib/sidebar-link.ts), runs the checks, renders, and tells
// the content script where the sidebar wants to be. Decisions live in lib/; this only wires them.
import { render } from 'preact';
import { Sidebar, type PageTone, type SaveStatus } from '../../components/Sidebar';
import type { ExistingPerson } from '../../components/ExistingAccess';
import { EMPTY_MANUAL, type ManualDraft } from '../../components/ManualBox';
import type { BulkState } from '../../components/BulkDrop';
import type { InvitationReport } from '../../lib/checks/invitation';
import type { InviteDraft, InviteNote, OrgSnapshot } from '../../lib/checks/types';
import { isChecksModule, type ChecksModule } from '../../lib/checks/module-shape';
import { calendarDate } from '../../lib/dates';
import type { Policy } from '../../lib/policy-rules';
import { dialogToDrafts, type InviteDialogRow, type MemberListRead } from '../../lib/mixpanel';
import { invitationMessage, pageObservation, type Place } from '../../lib/capture';
import { canonicalAddress } from '../../lib/email';
import type { Message, RecordSummary } from '../../lib/messages';
import { BULK_CSV_MAX_CHARS, readBulkCsvReply, readRecordSummaries } from '../../lib/reply';
import type { Send } from '../../components/messaging';
import { isJumpShortcut } from '../../components/focus';
import { LIST_DRAWN, type FrameMessage, type PageMessage, type SidebarLayout } from '../../lib/sidebar-link';

/** The folded tab's shadow reaches this far past it (px): the frame leaves room for it. */
const TAB_SHADOW = 12;
// A failed save is tried again after these delays (ms); after that the admin can retry by hand.
const RETRY_DELAYS = [1_000, 3_000, 10_000];
// The dialog closes when Mixpanel accepted the invitation; still open after this, it did not.
const CAPTURE_TIMEOUT = 5_000;
// "Saved" shows this long, beside the folded tab too; a failed save stays until it is saved.
const SAVED_NOTICE = 8_000;

const CANT_READ_DIALOG = { tone: 'problem', text: "Can't read the Invite New Users dialog here; paste the addresses below to check them." } as const;

/** Folded, the sidebar lists nobody: the list of people is built when it unfolds. */
const NO_PEOPLE: ExistingPerson[] = [];

export function manualToDraft(manual: ManualDraft): InviteDraft {
  return {
    addresses: [manual.text],
    orgRole: manual.orgRole,
    projects: manual.projects
      .split(/[,;\n]/)
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name, role: manual.projectRole })),
  };
}

function describeList(list: MemberListRead): { tone: PageTone; text: string } {
  const members = `${list.readCount} member${list.readCount === 1 ? '' : 's'}`;
  const pending = `${list.pending.length} pending invitation${list.pending.length === 1 ? '' : 's'}`;
  if (list.readCount === 0) {
    const why = list.problems[0] ?? 'No members could be read on this page.';
    return { tone: 'problem', text: `${why} Duplicates can't be checked; paste addresses below to check the rest.` };
  }
  if (list.mayBeIncomplete) {
    return { tone: 'warn', text: list.problems[0] ?? `Read ${members}; the list may be incomplete, so a missing duplicate is not proof.` };
  }
  return { tone: 'ok', text: `Read ${members} and ${pending}.` };
}

/** The first thing the content script sends: the page's member list and where it is. */
export type PageArrival = Extract<PageMessage, { type: 'page' }>;

export class SidebarSession {
  /**
   * Folded to its tab until the invite dialog opens, so arriving on Members costs the page nothing:
   * docking the sidebar narrows the page, and Mixpanel lays out its whole member table again.
   */
  private collapsed = true;
  /** The admin's own fold or unfold, which wins over opening with the dialog. */
  private userChoice: 'expanded' | 'collapsed' | null = null;
  /** The open dialog leaves no room beside it for the sidebar. */
  private noRoom = false;
  private note: InviteNote = {};
  private manual: ManualDraft = EMPTY_MANUAL;
  private bulk: { state: BulkState; drafts: InviteDraft[] } | null = null;
  private list: MemberListRead;
  private snapshot: OrgSnapshot;
  /** The rules, once their file has loaded; until then the sidebar says it is checking. */
  private checks: ChecksModule | null = null;
  private checksProblem: string | null = null;
  /** The background's answer to "which policy?", used once the rules can check it. */
  private policyInput: unknown = undefined;
  private policy: Policy | null = null;
  /** The open invite dialog's rows as the content script read them; null while none is open. */
  private rows: InviteDialogRow[] | null = null;
  private dialogProblem = false;
  private lastCheck: { inputs: { drafts: string; snapshot: OrgSnapshot; policy: Policy; note: InviteNote; minute: number }; report: InvitationReport } | null = null;
  private pageLineCache: { list: MemberListRead; line: { tone: PageTone; text: string } } | null = null;
  private place: Place;
  /** The signed-in admin the page shows, who is recorded as the one inviting. */
  private admin: string | null;
  private save: SaveStatus | null = null;
  /** The message being saved, kept until the background confirms it: nothing is lost. */
  private unsaved: { message: Message; what: string; attempt: number } | null = null;
  private retryTimer = 0;
  /** Clears the "Saved" notice; a timer of its own, so a retry's timer is never taken for it. */
  private noticeTimer = 0;
  private captured: { rows: InviteDialogRow[]; note: InviteNote; at: number } | null = null;
  private notes = new Map<string, RecordSummary>();
  /** Built when the list or the notes change, not on every keystroke. */
  private peopleCache: ExistingPerson[] | null = null;
  private lastObserved = '';
  private destroyed = false;
  /** The layout last asked of the content script, to ask again only when it changes. */
  private layout = '';
  private readonly view: Window;

  constructor(
    private readonly container: HTMLElement,
    private readonly send: Send,
    /** The import of the rules (lib/checks/module.ts). */
    checks: Promise<unknown>,
    /** Tells the content script where the sidebar wants to be. */
    private readonly tellPage: (message: FrameMessage) => void,
    arrival: PageArrival,
    /** The background's answer to "which policy?" when it came before the page did. */
    policy?: unknown,
  ) {
    this.policyInput = policy;
    this.view = container.ownerDocument.defaultView ?? window;
    checks.then(
      (loaded) => {
        if (isChecksModule(loaded)) this.checks = loaded;
        else this.checksProblem = "Couldn't check these addresses: Invite Guard's rules did not load as expected. Reload the page.";
        if (!this.destroyed) this.draw();
      },
      (error: unknown) => {
        this.checksProblem = `Couldn't check these addresses: Invite Guard's rules did not load (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
        if (!this.destroyed) this.draw();
      },
    );
    this.list = arrival.list;
    this.snapshot = { members: this.list.members, pending: this.list.pending };
    this.place = arrival.place;
    this.admin = arrival.admin;
    // Once the access log has said what it keeps here, it is told what the page shows (observeList).
    void this.loadNotes();
    this.view.addEventListener('keydown', this.jump, true);
    this.drawList();
  }

  /** What the content script read off the page. */
  receive(message: PageMessage): void {
    if (this.destroyed) return;
    switch (message.type) {
      case 'page':
        this.listChanged(message);
        break;
      case 'dialog':
        // A dialog opening (again) may have room beside the sidebar where the last one had none.
        if (this.rows === null && message.rows !== null) this.noRoom = false;
        this.rows = message.rows;
        this.draw();
        break;
      case 'invite-pressed':
        this.captureInvitation(message.rows);
        break;
      case 'no-room':
        // Too narrow for both: fold to the tab rather than cover the dialog's buttons.
        if (this.rows === null || this.userChoice || this.noRoom) return;
        this.noRoom = true;
        this.draw();
        break;
      case 'focus':
        this.focusSidebar();
        break;
    }
  }

  /** The member list or pending invitations changed on the page. */
  private listChanged(arrival: PageArrival): void {
    this.list = arrival.list;
    this.place = arrival.place;
    this.admin = arrival.admin;
    // A new snapshot object means a new index; the same one is reused between keystrokes.
    this.snapshot = { members: this.list.members, pending: this.list.pending };
    this.peopleCache = null;
    this.observeList();
    this.drawList();
  }

  /** Draws what was read off the page, and marks when (for `npm run bench`'s mount figure). */
  private drawList(): void {
    this.draw();
    this.view.performance.mark(LIST_DRAWN);
  }

  /** The organization's policy as the background sent it (the options page or IT changed it). */
  setPolicy(policy: unknown): void {
    this.policyInput = policy;
    this.policy = null;
    this.draw();
  }

  /** The admin pressed Invite: keep the rows and the note until the page shows it worked. */
  private captureInvitation(rows: InviteDialogRow[]): void {
    if (this.rows === null) return;
    this.captured = { rows, note: this.note, at: Date.now() };
  }

  /** Draws what the session knows now, and tells the content script where the sidebar wants to be. */
  private draw(): void {
    // Unfolds by itself with the dialog, and when a note could not be saved (the Retry is inside).
    const dialogOpen = this.rows !== null;
    const needed = (dialogOpen && !this.noRoom) || this.save?.tone === 'error';
    this.collapsed = this.userChoice ? this.userChoice === 'collapsed' : !needed;
    this.settleCapture();
    const report = this.check();
    render(
      <Sidebar
        collapsed={this.collapsed}
        onToggle={this.toggle}
        page={this.pageLine()}
        source={this.bulk ? 'bulk' : dialogOpen && !this.dialogProblem ? 'dialog' : 'manual'}
        report={report}
        checkProblem={this.checksProblem}
        note={this.note}
        onNoteChange={this.setNote}
        manual={this.manual}
        onManualChange={this.setManual}
        bulk={this.bulk?.state ?? null}
        onBulkFile={this.loadBulk}
        onBulkClear={this.clearBulk}
        today={calendarDate(new Date())}
        save={this.save}
        onRetrySave={this.retryNow}
        people={this.collapsed ? NO_PEOPLE : this.people()}
        onSaveExistingNote={this.saveExistingNote}
      />,
      this.container,
    );
    this.tellLayout(dialogOpen);
  }

  /**
   * Asks the content script for the sidebar's place on the page when it changed: folded to its tab
   * (as large as the tab, measured here), beside the dialog, or docked beside the page (unfolded
   * without a dialog, or by the admin).
   */
  private tellLayout(dialogOpen: boolean): void {
    const root = this.container.firstElementChild;
    const rect = this.collapsed && root ? root.getBoundingClientRect() : null;
    const layout: SidebarLayout = {
      type: 'layout',
      collapsed: this.collapsed,
      dock: !this.collapsed && (!dialogOpen || this.userChoice === 'expanded'),
      tab: rect ? { width: Math.ceil(rect.width) + TAB_SHADOW, height: Math.ceil(rect.height) + 2 * TAB_SHADOW } : { width: 0, height: 0 },
    };
    const key = JSON.stringify(layout);
    if (key === this.layout) return;
    this.layout = key;
    this.tellPage(layout);
  }

  destroy(): void {
    this.destroyed = true;
    this.view.removeEventListener('keydown', this.jump, true);
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.noticeTimer);
    render(null, this.container);
  }

  /** Null until the rules have loaded. */
  private check(): InvitationReport | null {
    const checks = this.checks;
    let drafts: InviteDraft[];
    this.dialogProblem = false;
    if (this.bulk) {
      drafts = this.bulk.drafts;
    } else if (this.rows !== null) {
      this.dialogProblem = this.rows.length === 0;
      drafts = this.dialogProblem ? [manualToDraft(this.manual)] : dialogToDrafts(this.rows);
    } else {
      drafts = [manualToDraft(this.manual)];
    }
    if (!checks) return null;
    // The defaults until the background says which policy applies (it always sends a valid one).
    const policy = (this.policy ??= checks.isPolicyShape(this.policyInput) ? this.policyInput : checks.defaultPolicyValues());
    const now = new Date();
    // Many draws leave the invitation as it was (the page changing something else in the dialog, a
    // fold, a notice that expires): they get the same findings without checking again.
    const inputs = { drafts: JSON.stringify(drafts), snapshot: this.snapshot, policy, note: this.note, minute: Math.floor(now.getTime() / 60_000) };
    const last = this.lastCheck;
    if (last && (Object.keys(inputs) as (keyof typeof inputs)[]).every((key) => last.inputs[key] === inputs[key])) return last.report;
    const report = checks.checkInvitation(drafts, checks.indexFor(this.snapshot), policy, now, this.note);
    this.lastCheck = { inputs, report };
    return report;
  }

  private pageLine(): { tone: PageTone; text: string } {
    if (this.rows !== null && this.dialogProblem) return CANT_READ_DIALOG;
    // The same object while the list is the same, so the sidebar sees nothing new to draw.
    if (this.pageLineCache?.list !== this.list) this.pageLineCache = { list: this.list, line: describeList(this.list) };
    return this.pageLineCache.line;
  }

  /** Once the dialog has closed after Invite, the invitation was sent: record it with its note. */
  private settleCapture(): void {
    if (!this.captured) return;
    if (this.rows !== null) {
      if (Date.now() - this.captured.at > CAPTURE_TIMEOUT) this.captured = null; // Mixpanel refused it
      return;
    }
    const message = invitationMessage(this.captured.rows, this.captured.note, this.place, this.admin);
    this.captured = null;
    if (!message) return;
    this.note = {};
    const count = message.rows.length;
    this.deliver(message, `the note for ${count} invitation${count === 1 ? '' : 's'}`);
  }

  /** Sends a message to the access log, reporting progress, retrying until it is saved. */
  private deliver(message: Message, what: string): void {
    window.clearTimeout(this.retryTimer);
    this.unsaved = { message, what, attempt: 0 };
    this.save = { tone: 'saving', text: `Saving ${what}…` };
    void this.attempt();
  }

  private async attempt(): Promise<void> {
    const pending = this.unsaved;
    if (!pending || this.destroyed) return;
    const reply = await this.send(pending.message);
    if (this.destroyed || this.unsaved !== pending) return;
    if (reply.ok) {
      this.unsaved = null;
      const saved: SaveStatus = { tone: 'saved', text: `Saved ${pending.what} in Invite Guard's access log.` };
      this.save = saved;
      window.clearTimeout(this.noticeTimer);
      this.noticeTimer = window.setTimeout(() => {
        if (this.save !== saved) return;
        this.save = null;
        this.draw();
      }, SAVED_NOTICE);
      void this.loadNotes();
    } else {
      const delay = reply.retry ? RETRY_DELAYS[pending.attempt] : undefined;
      pending.attempt++;
      this.save = {
        tone: 'error',
        text: `Couldn't save ${pending.what}: ${reply.error}${delay ? ' Trying again shortly.' : ''}`,
        canRetry: true,
      };
      if (delay) this.retryTimer = window.setTimeout(() => void this.attempt(), delay);
    }
    this.draw();
  }

  private readonly retryNow = (): void => {
    window.clearTimeout(this.retryTimer);
    if (this.unsaved) void this.attempt();
  };

  /** Tells the access log what the list shows, when it shows something new. */
  private observeList(): void {
    // Until the access log says it keeps records here (the notes), what the list shows would change
    // nothing there: the list (5,000 addresses) is not sent at all.
    if (this.notes.size === 0) return;
    const message = pageObservation(this.list, this.place);
    if (!message) return;
    const signature = JSON.stringify([message.members, message.pending, message.complete]);
    if (signature === this.lastObserved) return;
    this.lastObserved = signature;
    void this.send(message).then((reply) => {
      if (reply.ok && typeof reply.changed === 'number' && reply.changed > 0) void this.loadNotes();
    });
  }

  private async loadNotes(): Promise<void> {
    const reply = await this.send({ type: 'records-for-page', ...this.place });
    if (!reply.ok || this.destroyed) return;
    const summaries = readRecordSummaries(reply.records);
    if (!summaries) return;
    this.notes = new Map(summaries.map((r) => [canonicalAddress(r.email), r]));
    this.peopleCache = null;
    this.draw();
    // A record just made here (an invitation, a note) is told what the list shows, too.
    this.observeList();
  }

  private people(): ExistingPerson[] {
    this.peopleCache ??= this.listPeople();
    return this.peopleCache;
  }

  private listPeople(): ExistingPerson[] {
    const notes = this.notes;
    const note = (email: string): InviteNote | undefined => {
      // Most pages have no notes yet: no address is worth canonicalizing then (5,000 of them).
      const r = notes.size ? notes.get(canonicalAddress(email)) : undefined;
      if (!r) return undefined;
      const out: InviteNote = {};
      if (r.reason) out.reason = r.reason;
      if (r.ticket) out.ticket = r.ticket;
      if (r.approver) out.approver = r.approver;
      if (r.endsOn) out.endsOn = r.endsOn;
      return out;
    };
    const person = (email: string, state: ExistingPerson['state'], name: string | undefined): ExistingPerson => {
      const out: ExistingPerson = { email: email.trim().toLowerCase(), state };
      if (name) out.name = name;
      const n = note(email);
      if (n) out.note = n;
      return out;
    };
    const people: ExistingPerson[] = [];
    for (const m of this.list.members) people.push(person(m.email, 'member', m.name));
    for (const p of this.list.pending) people.push(person(p.email, 'pending', undefined));
    return people;
  }

  private readonly saveExistingNote = (person: ExistingPerson, note: InviteNote): void => {
    const member = this.list.members.find((m) => canonicalAddress(m.email) === canonicalAddress(person.email));
    const by = this.admin;
    this.deliver(
      {
        type: 'note-save',
        ...this.place,
        email: person.email,
        ...(person.name ? { displayName: person.name.slice(0, 200) } : {}),
        ...(member?.orgRole ? { orgRole: member.orgRole } : {}),
        pageState: person.state,
        note,
        ...(by ? { by } : {}),
      },
      `the note for ${person.email}`,
    );
    this.draw();
  };

  /** The shortcut pressed in the sidebar: focus goes back to where it was on the page. */
  private readonly jump = (event: KeyboardEvent): void => {
    if (!isJumpShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    this.tellPage({ type: 'focus-page' });
  };

  /** The shortcut pressed on the page (which has focused this frame): the sidebar's first field. */
  private focusSidebar(): void {
    if (this.collapsed) this.toggle();
    this.container.querySelector<HTMLElement>('textarea, input, select')?.focus();
  }

  private readonly toggle = (): void => {
    this.userChoice = this.collapsed ? 'expanded' : 'collapsed';
    this.draw();
  };

  private readonly setNote = (note: InviteNote): void => {
    this.note = note;
    this.draw();
  };

  private readonly setManual = (manual: ManualDraft): void => {
    this.manual = manual;
    this.draw();
  };

  /** The background reads the file (the CSV reader stays out of this script); the sidebar shows its rows. */
  private readonly loadBulk = (file: File): void => {
    const failed = (message: string) => ({ state: { fileName: file.name, rows: 0, errors: [{ line: 0, message }] }, drafts: [] });
    file
      .text()
      .then(async (text) => {
        const reply = await this.send({ type: 'bulk-csv-read', text: text.slice(0, BULK_CSV_MAX_CHARS + 1) });
        if (this.destroyed) return;
        const parsed = reply.ok ? readBulkCsvReply(reply) : null;
        this.bulk = parsed
          ? { state: { fileName: file.name, rows: parsed.rows.length, errors: parsed.errors }, drafts: dialogToDrafts(parsed.rows) }
          : failed(reply.ok ? 'Invite Guard’s background sent an unreadable answer.' : reply.error);
        this.draw();
      })
      .catch(() => {
        this.bulk = failed('The file could not be read.');
        this.draw();
      });
  };

  private readonly clearBulk = (): void => {
    this.bulk = null;
    this.draw();
  };
}
