// One sidebar on one visit to the Users & Teams view: reads the page through the adapter, runs the
// checks, renders. Decisions live in lib/; this only wires the page to them.
import { render } from 'preact';
import { Sidebar, type PageTone } from '../../components/Sidebar';
import { EMPTY_MANUAL, type ManualDraft } from '../../components/ManualBox';
import type { BulkState } from '../../components/BulkDrop';
import { checkInvitation, type InvitationReport } from '../../lib/checks/invitation';
import { indexFor } from '../../lib/checks';
import type { InviteDraft, InviteNote, OrgSnapshot } from '../../lib/checks/types';
import { calendarDate } from '../../lib/dates';
import type { Policy } from '../../lib/policy';
import { dialogToDrafts, findInviteDialog, readInviteDialog, readMemberList, type MemberListRead } from '../../lib/mixpanel';
import { parseBulkInviteCsv } from '../../lib/mixpanel/bulk-csv';
import { makeRoomForSidebar, releasePageSpace, releaseRoom, reservePageSpace } from '../../lib/mixpanel/layout';

export const SIDEBAR_WIDTH = 340;

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

export class SidebarSession {
  private collapsed = false;
  private userExpanded = false;
  private note: InviteNote = {};
  private manual: ManualDraft = EMPTY_MANUAL;
  private bulk: { state: BulkState; drafts: InviteDraft[] } | null = null;
  private list: MemberListRead;
  private snapshot: OrgSnapshot;
  private dialog: HTMLElement | null = null;
  private dialogProblem = false;

  constructor(
    private readonly doc: Document,
    private readonly container: HTMLElement,
    private readonly policy: Policy,
  ) {
    this.list = readMemberList(doc);
    this.snapshot = { members: this.list.members, pending: this.list.pending };
  }

  /** The member list or pending invitations changed on the page. */
  listChanged(): void {
    this.list = readMemberList(this.doc);
    // A new snapshot object means a new index; the same one is reused between keystrokes.
    this.snapshot = { members: this.list.members, pending: this.list.pending };
    this.update();
  }

  /** Something in or around the invite dialog changed (typing, a role picked, opened, closed). */
  update(): void {
    const dialog = findInviteDialog(this.doc);
    if (dialog !== this.dialog) {
      if (this.dialog) releaseRoom(this.dialog);
      this.dialog = dialog;
    }
    const report = this.check();
    render(
      <Sidebar
        collapsed={this.collapsed}
        onToggle={this.toggle}
        page={this.pageLine()}
        source={this.bulk ? 'bulk' : this.dialog && !this.dialogProblem ? 'dialog' : 'manual'}
        report={report}
        note={this.note}
        onNoteChange={this.setNote}
        manual={this.manual}
        onManualChange={this.setManual}
        bulk={this.bulk?.state ?? null}
        onBulkFile={this.loadBulk}
        onBulkClear={this.clearBulk}
        today={calendarDate(new Date())}
      />,
      this.container,
    );
    this.placeDialog();
  }

  destroy(): void {
    if (this.dialog) releaseRoom(this.dialog);
    releasePageSpace(this.doc);
    render(null, this.container);
  }

  private check(): InvitationReport {
    let drafts: InviteDraft[];
    this.dialogProblem = false;
    if (this.bulk) {
      drafts = this.bulk.drafts;
    } else if (this.dialog) {
      const rows = readInviteDialog(this.dialog);
      this.dialogProblem = rows.length === 0;
      drafts = this.dialogProblem ? [manualToDraft(this.manual)] : dialogToDrafts(rows);
    } else {
      drafts = [manualToDraft(this.manual)];
    }
    return checkInvitation(drafts, indexFor(this.snapshot), this.policy, new Date(), this.note);
  }

  private pageLine(): { tone: PageTone; text: string } {
    if (this.dialog && this.dialogProblem) {
      return { tone: 'problem', text: "Can't read the Invite New Users dialog here; paste the addresses below to check them." };
    }
    return describeList(this.list);
  }

  /** Docks the sidebar beside the page, and moves the invite dialog out from under it. */
  private placeDialog(): void {
    if (this.collapsed) {
      releasePageSpace(this.doc);
      if (this.dialog) releaseRoom(this.dialog);
      return;
    }
    reservePageSpace(this.doc, SIDEBAR_WIDTH);
    const view = this.doc.defaultView;
    if (!this.dialog || !view) return;
    if (!makeRoomForSidebar(this.dialog, SIDEBAR_WIDTH, view.innerWidth) && !this.userExpanded) {
      // Too narrow for both: fold to the tab rather than cover the dialog's buttons.
      this.collapsed = true;
      this.update();
    }
  }

  private readonly toggle = (): void => {
    this.collapsed = !this.collapsed;
    this.userExpanded = !this.collapsed;
    this.update();
  };

  private readonly setNote = (note: InviteNote): void => {
    this.note = note;
    this.update();
  };

  private readonly setManual = (manual: ManualDraft): void => {
    this.manual = manual;
    this.update();
  };

  private readonly loadBulk = (file: File): void => {
    file
      .text()
      .then((text) => {
        const parsed = parseBulkInviteCsv(text);
        this.bulk = {
          state: { fileName: file.name, rows: parsed.rows.length, errors: parsed.errors },
          drafts: dialogToDrafts(parsed.rows),
        };
        this.update();
      })
      .catch(() => {
        this.bulk = { state: { fileName: file.name, rows: 0, errors: [{ line: 0, message: 'The file could not be read.' }] }, drafts: [] };
        this.update();
      });
  };

  private readonly clearBulk = (): void => {
    this.bulk = null;
    this.update();
  };
}
