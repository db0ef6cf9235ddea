// The Invite Guard sidebar shown beside Mixpanel's Users & Teams page. Pure view: everything it
// shows arrives in props, everything the admin does leaves through the callbacks.
import type { JSX } from 'preact';
import type { InvitationReport } from '../lib/checks/invitation';
import type { InviteNote } from '../lib/checks/types';
import { FindingList } from './FindingList';
import { NoteFields } from './NoteFields';
import { ManualBox, type ManualDraft } from './ManualBox';
import { BulkDrop, type BulkState } from './BulkDrop';
import { ExistingAccess, type ExistingPerson } from './ExistingAccess';
import { FocusAfterRender, JUMP_SHORTCUT, type Finder } from './focus';
import { differs } from './differs';

export type PageTone = 'ok' | 'warn' | 'problem';

export interface SidebarProps {
  collapsed: boolean;
  onToggle: () => void;
  /** One calm line on what was read from the page. */
  page: { tone: PageTone; text: string };
  /** Where the addresses being checked come from. */
  source: 'dialog' | 'manual' | 'bulk';
  /** The findings for what is being invited; null until the rules have loaded, or when they can't. */
  report: InvitationReport | null;
  /** Why there are no findings to show. */
  checkProblem: string | null;
  note: InviteNote;
  onNoteChange: (note: InviteNote) => void;
  manual: ManualDraft;
  onManualChange: (manual: ManualDraft) => void;
  bulk: BulkState | null;
  onBulkFile: (file: File) => void;
  onBulkClear: () => void;
  /** The admin's calendar date, for the end date picker's minimum. */
  today: string;
  /** What happened to the last note sent to the access log. */
  save: SaveStatus | null;
  onRetrySave: () => void;
  /** Members and pending invitations on the page, with the notes kept for them. */
  people: ExistingPerson[];
  onSaveExistingNote: (person: ExistingPerson, note: InviteNote) => void;
}

export interface SaveStatus {
  tone: 'saving' | 'saved' | 'error';
  text: string;
  /** Offered when the save failed and can be tried again. */
  canRetry?: boolean;
}

const SOURCE_LABEL: Record<SidebarProps['source'], string> = {
  dialog: 'Invite New Users dialog',
  manual: 'Addresses above',
  // Not the drop zone's own heading: two regions must not share a name.
  bulk: 'Rows of the Bulk invite file',
};

type Needs = InvitationReport['needs'];
/** One object per combination: each check makes a new one, and the note would be drawn again for it. */
const NEEDS: Record<`${boolean}-${boolean}`, Needs> = {
  'false-false': { justification: false, endDate: false },
  'false-true': { justification: false, endDate: true },
  'true-false': { justification: true, endDate: false },
  'true-true': { justification: true, endDate: true },
};
const sameNeeds = (needs: Needs | undefined): Needs => NEEDS[`${needs?.justification === true}-${needs?.endDate === true}`];

function worstTone(report: InvitationReport | null): 'block' | 'warn' | 'info' | 'clear' {
  if (!report) return 'clear';
  if (report.summary.block) return 'block';
  if (report.summary.warn) return 'warn';
  if (report.summary.info) return 'info';
  return 'clear';
}

export class Sidebar extends FocusAfterRender<SidebarProps> {
  override shouldComponentUpdate(next: SidebarProps): boolean {
    return differs(this.props, next);
  }

  override render(props: SidebarProps): JSX.Element {
    return sidebarView(props, this.focusAfterRender);
  }
}

function sidebarView(props: SidebarProps, focusAfterRender: (find: Finder) => void): JSX.Element {
  const { report, collapsed } = props;
  const tone = worstTone(report);
  const count = report?.byAddress.length ?? 0;
  // Only a member list read in full can clear an address of being a duplicate.
  const listRead = props.page.tone === 'ok';
  // The toggle is a different button folded and unfolded: keep the keyboard on it.
  const toggle = (event: JSX.TargetedMouseEvent<HTMLButtonElement>) => {
    const root = event.currentTarget.getRootNode() as ParentNode;
    focusAfterRender(() => root.querySelector<HTMLElement>('[data-invite-guard="toggle"]'));
    props.onToggle();
  };
  if (collapsed) {
    return (
      <aside class="ig ig-collapsed" data-invite-guard="sidebar" data-state="collapsed" aria-label="Invite Guard" aria-keyshortcuts={JUMP_SHORTCUT}>
        <button type="button" class="ig-tab" data-tone={tone} data-invite-guard="toggle" aria-expanded="false" onClick={toggle} title={`Show Invite Guard. ${props.page.text}`}>
          <span class="ig-logo" aria-hidden="true">IG</span>
          <span class="ig-tab-count">{report && count > 0 ? (tone === 'clear' && !listRead ? 'Nothing found so far' : report.summary.text) : 'Invite Guard'}</span>
        </button>
        {props.save ? (
          <p class={`ig-save ig-save-${props.save.tone} ig-tab-note`} data-invite-guard="save-status" role="status">
            {props.save.text}
          </p>
        ) : null}
      </aside>
    );
  }
  return (
    <aside class="ig" data-invite-guard="sidebar" data-state="expanded" aria-label="Invite Guard" aria-keyshortcuts={JUMP_SHORTCUT}>
      <header class="ig-header">
        <span class="ig-logo" aria-hidden="true">IG</span>
        <h2 class="ig-title">Invite Guard</h2>
        <button type="button" class="ig-icon-button" data-invite-guard="toggle" aria-expanded="true" aria-label="Collapse Invite Guard" onClick={toggle}>
          »
        </button>
      </header>
      <p class={`ig-page ig-page-${props.page.tone}`} data-invite-guard="page-status" role="status">
        {props.page.text}
      </p>
      {props.save ? (
        <div class={`ig-save ig-save-${props.save.tone}`} data-invite-guard="save-status" role={props.save.tone === 'error' ? 'alert' : 'status'}>
          <span>{props.save.text}</span>
          {props.save.canRetry ? (
            <button type="button" class="ig-button" data-invite-guard="save-retry" onClick={props.onRetrySave}>
              Retry now
            </button>
          ) : null}
        </div>
      ) : null}
      {props.source === 'manual' ? <ManualBox value={props.manual} onChange={props.onManualChange} /> : null}
      <section class="ig-section" aria-labelledby="ig-findings-title">
        <div class="ig-summary" data-tone={!report ? (props.checkProblem ? 'warn' : 'idle') : count === 0 ? 'idle' : tone} data-invite-guard="summary">
          <h3 id="ig-findings-title">{SOURCE_LABEL[props.source]}</h3>
          <p aria-live="polite">
            {!report
              ? (props.checkProblem ?? 'Checking…')
              : count === 0
              ? props.source === 'dialog'
                ? 'Type an address in the dialog to check it.'
                : 'Type or paste addresses above to check them.'
              : tone === 'clear'
                ? listRead
                  ? `Ready to send: nothing to fix for ${count} address${count === 1 ? '' : 'es'}.`
                  : `Nothing found for ${count} address${count === 1 ? '' : 'es'} among the members read.`
                : report.summary.text}
          </p>
        </div>
        {report && count > 0 && tone === 'clear' ? (
          listRead ? (
            <p class="ig-allclear" data-invite-guard="all-clear">
              ✓ No duplicates, no policy issues.
            </p>
          ) : (
            // A list read only in part can't show that nobody here has the address.
            <p class="ig-hint" data-invite-guard="not-proof">
              The member list was not fully read (see above), so this is no proof of no duplicate.
            </p>
          )
        ) : null}
        {report ? <FindingList report={report} /> : null}
      </section>
      <NoteFields note={props.note} needs={sameNeeds(report?.needs)} onChange={props.onNoteChange} today={props.today} />
      <BulkDrop state={props.bulk} onFile={props.onBulkFile} onClear={props.onBulkClear} />
      <ExistingAccess people={props.people} onSave={props.onSaveExistingNote} today={props.today} />
    </aside>
  );
}
