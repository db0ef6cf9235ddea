// The page's side of one sidebar: reads Mixpanel's Users & Teams view through the adapter, tells
// the sidebar's frame what it shows (lib/sidebar-link.ts), and puts the frame, the page and the
// invite dialog where the sidebar asks. The rules and the drawing run in the frame, off this thread.
import {
  findInviteDialog,
  inviteSubmitButton,
  isInviteDialog,
  readInviteDialog,
  readMemberList,
  readOrganizationName,
  readSignedInAdmin,
  regionOf,
  type MemberListRead,
  type PageView,
} from '../../lib/mixpanel';
import { makeRoomForSidebar, releasePageSpace, releaseRoom, reservePageSpace } from '../../lib/mixpanel/layout';
import type { Place } from '../../lib/capture';
import { toMemberColumns, type FrameMessage, type SentPageMessage, type SidebarLayout } from '../../lib/sidebar-link';
import { isJumpShortcut } from '../../components/focus';

export const SIDEBAR_WIDTH = 340;

/** The page's member list, read for the sidebar: its Projects column is left unread (nothing checks it). */
export function readListForSidebar(doc: Document): MemberListRead {
  return readMemberList(doc, { projects: false });
}

export class PageAgent {
  private dialog: HTMLElement | null = null;
  /** The page may have opened a dialog since it was last searched for one. */
  private dialogUnknown = true;
  /** The dialog's rows last told to the sidebar, as JSON: a keystroke that changes none tells nothing. */
  private toldRows = '';
  private layout: SidebarLayout | null = null;
  private placementFrame = 0;
  /** Where the jump shortcut came from, to go back there: Mixpanel's invite dialog keeps Tab inside itself. */
  private jumpedFrom: HTMLElement | null = null;
  private readonly place: Place;
  private readonly view: Window;
  /** The signed-in admin, read once found: looking for them walks the page's labelled buttons. */
  private admin: string | null = null;

  constructor(
    private readonly doc: Document,
    /** The sidebar's frame on the page. */
    private readonly frame: HTMLElement,
    private readonly tell: (message: SentPageMessage) => void,
    /** The page's member list, when the caller has just read it. */
    list: MemberListRead = readListForSidebar(doc),
  ) {
    this.view = doc.defaultView ?? window;
    this.place = {
      region: regionOf(this.view.location.hostname) ?? 'us',
      organization: readOrganizationName(doc) ?? 'Mixpanel organization',
    };
    this.tellList(list);
    this.update();
    this.view.addEventListener('keydown', this.jump, true);
  }

  private tellList(list: MemberListRead): void {
    // The admin stays signed in for the page's life; on arrival the page is still small to search.
    this.admin ??= readSignedInAdmin(this.doc);
    this.tell({ type: 'page', list: { ...list, members: toMemberColumns(list.members) }, place: this.place, admin: this.admin });
  }

  /**
   * The member list or pending invitations changed on the page. Returns the view the page shows
   * now: the read tells it from the same look at the page's tables.
   */
  listChanged(): PageView {
    const list = readListForSidebar(this.doc);
    if (list.view !== 'users') return list.view; // leaving: the sidebar goes
    this.tellList(list);
    this.update();
    return list.view;
  }

  /**
   * Something in or around the page's dialogs changed (typing, a role picked, opened, closed).
   * `dialog` is the invite dialog when the caller already found it; without it the page is searched.
   */
  update(dialog?: HTMLElement | null): void {
    if (dialog === undefined) this.dialogUnknown = true;
    const current = dialog === undefined ? this.currentDialog() : dialog;
    if (current !== this.dialog) {
      if (this.dialog) releaseRoom(this.dialog);
      this.dialog = current;
      this.schedulePlacement();
    }
    const rows = current ? readInviteDialog(current) : null;
    const told = JSON.stringify(rows);
    if (told === this.toldRows) return;
    this.toldRows = told;
    this.tell({ type: 'dialog', rows });
  }

  /**
   * The dialog found last time while it stays open, so a keystroke does not search the whole page.
   * With none open, the page (5,000 rows deep) is searched again only once it may have changed.
   */
  private currentDialog(): HTMLElement | null {
    if (this.dialog?.isConnected && isInviteDialog(this.dialog)) return this.dialog;
    if (!this.dialog && !this.dialogUnknown) return null;
    this.dialogUnknown = false;
    return findInviteDialog(this.doc);
  }

  /** A click on the page: when it pressed the dialog's Invite, the sidebar keeps the rows as they are now. */
  clicked(target: Node, dialog: HTMLElement): void {
    const button = inviteSubmitButton(dialog);
    if (button?.contains(target)) this.tell({ type: 'invite-pressed', rows: readInviteDialog(dialog) });
  }

  /** What the sidebar's frame asks for. */
  receive(message: FrameMessage): void {
    if (message.type === 'focus-page') {
      const back = this.jumpedFrom;
      this.jumpedFrom = null;
      if (back?.isConnected) back.focus();
      else this.frame.blur();
      return;
    }
    this.layout = message;
    this.sizeFrame(message);
    this.schedulePlacement();
  }

  /** Folded, the frame is as large as the tab, mid-height on the right edge; unfolded, the sidebar's full height. */
  private sizeFrame(layout: SidebarLayout): void {
    const style = this.frame.style;
    if (layout.collapsed) {
      style.setProperty('top', '50%');
      style.setProperty('transform', 'translateY(-50%)');
      style.setProperty('width', `${layout.tab.width}px`);
      style.setProperty('height', `${layout.tab.height}px`);
    } else {
      style.setProperty('top', '0');
      style.setProperty('transform', 'none');
      style.setProperty('width', `${SIDEBAR_WIDTH}px`);
      style.setProperty('height', '100%');
    }
  }

  /**
   * Placing reads the dialog's geometry, which makes the browser lay the page out. Done in the next
   * frame, that layout is the one the frame needs anyway; done at once, it came on top of it.
   */
  private schedulePlacement(): void {
    if (this.placementFrame) return;
    this.placementFrame = this.view.requestAnimationFrame(() => {
      this.placementFrame = 0;
      this.arrange();
    });
  }

  /**
   * Unfolded without a dialog (or by the admin), the sidebar docks beside the page. Unfolded with the
   * dialog, it only moves the dialog out from under it: the page behind a modal needs no room.
   */
  private arrange(): void {
    const layout = this.layout;
    if (!layout || layout.collapsed) {
      releasePageSpace(this.doc);
      if (this.dialog) releaseRoom(this.dialog);
      return;
    }
    if (layout.dock) reservePageSpace(this.doc, SIDEBAR_WIDTH);
    else releasePageSpace(this.doc);
    if (this.dialog && !makeRoomForSidebar(this.dialog, SIDEBAR_WIDTH, this.view.innerWidth)) this.tell({ type: 'no-room' });
  }

  /** The shortcut pressed on the page: focus moves into the sidebar's frame, whose first field takes it. */
  private readonly jump = (event: KeyboardEvent): void => {
    if (!isJumpShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const active = this.doc.activeElement;
    this.jumpedFrom = active instanceof HTMLElement && !active.contains(this.frame) ? active : this.jumpedFrom;
    this.frame.focus();
    this.tell({ type: 'focus' });
  };

  destroy(): void {
    this.view.removeEventListener('keydown', this.jump, true);
    if (this.placementFrame) this.view.cancelAnimationFrame(this.placementFrame);
    if (this.dialog) releaseRoom(this.dialog);
    releasePageSpace(this.doc);
  }
}
