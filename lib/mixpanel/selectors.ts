// Everything Invite Guard knows about Mixpanel's markup, in one place: roles, accessible names and
// the visible words of the organization settings page. Never class names — they are generated and
// change with every Mixpanel release.
//
// Texts are compared after `normalizeLabel` (lower case, "&" → "and", punctuation and sort arrows
// dropped, spaces collapsed), so each entry is written in that form.

/** Where the page's own content is. */
export const MAIN_AREA = 'main, [role="main"]';

/** Headings, in any of the ways a component library renders them. */
export const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Tables: a real <table> or an ARIA table/grid of <div>s. */
export const TABLE = 'table, [role="table"], [role="grid"], [role="treegrid"]';
export const ARIA_ROW = '[role="row"]';
export const ARIA_HEADER_CELL = '[role="columnheader"]';
export const ARIA_CELL = '[role="cell"], [role="gridcell"], [role="rowheader"]';

export const TAB_SELECTED = '[role="tab"][aria-selected="true"]';
export const LOADING = '[aria-busy="true"], [role="progressbar"]';
export const SEARCH_INPUT = 'input[type="search"], [role="searchbox"], input[aria-label*="search" i], input[placeholder*="search" i]';
export const DIALOG = '[role="dialog"], [role="alertdialog"], dialog[open]';
export const BUTTON = 'button, [role="button"], input[type="button"], input[type="submit"]';
export const SECTION = 'section, [role="region"], [role="group"]';
export const HEADER_AREA = 'header, [role="banner"], nav';

/** The Users & Teams page's heading (older versions: "Members", "Users"). */
export const USERS_PAGE_HEADINGS = ['users and teams', 'members', 'users', 'organization members'];
/** Tabs of Users & Teams that do not. */
export const OTHER_TABS = ['teams'];

/** A table (or its section) with one of these words in its name lists pending invitations. */
export const PENDING_TABLE_WORDS = ['pending', 'invitation', 'invitations', 'invites'];

/** Column headers, per field. */
export const COLUMNS = {
  name: ['name', 'full name', 'user', 'user name'],
  email: ['email', 'email address', 'e mail', 'e mail address', 'emails'],
  orgRole: ['organization role', 'org role', 'organisation role', 'role', 'organization roles'],
  projects: ['projects', 'project access', 'project'],
  lastActive: ['last active', 'last seen', 'last login', 'last activity', 'last logged in'],
  invited: ['invited', 'date invited', 'invited on', 'invited at', 'sent', 'date sent', 'invitation sent'],
  status: ['status', 'state'],
  dateJoined: ['date joined', 'joined'],
} as const;
export type ColumnField = keyof typeof COLUMNS;

/** Cell texts meaning "this user has not accepted yet" in the users table itself. */
export const PENDING_STATUS = /^(?:pending|invited|invitation (?:sent|pending)|invite (?:sent|pending)|awaiting)/i;

/** Cell texts for "never". */
export const NEVER = /^(?:never|n\/a|—|-|–)$/i;

/** Empty-state rows inside a table. */
export const EMPTY_STATE = /^(?:no (?:users|members|results|pending invitations|invitations)|nothing (?:here|to show))/i;

/** Pagination and count texts. */
export const RANGE_TEXT = /(\d[\d,.\u00a0\u202f]*)\s*(?:[–—-]|to)\s*(\d[\d,.\u00a0\u202f]*)\s*(?:of|\/)\s*(\d[\d,.\u00a0\u202f]*)/i;
export const FILTERED_COUNT_TEXT = /(\d[\d,.\u00a0\u202f]*)\s+of\s+(\d[\d,.\u00a0\u202f]*)\s+(?:users|members)\b/i;
export const COUNT_TEXT = /^(\d[\d,.\u00a0\u202f]*)\s+(?:users|members)$/i;
export const PAGE_TEXT = /\bpage\s+(\d+)\s+of\s+(\d+)\b/i;
export const NEXT_PAGE = ['next', 'next page', 'go to next page', '›', '»', '>'];
export const LOAD_MORE = /^(?:load|show|view) more\b/i;

/** The open invite dialog's title ("Invite New Users"; tolerant of "Invite users", "Invite members"). */
export const INVITE_DIALOG_TITLE = /^invite\b(?:.*\b)?(?:users?|members?|people|teammates?)\b/i;

/** Controls of one invite row, by accessible name. */
export const INVITE_FIELDS = {
  email: ['email', 'email address', 'e mail', 'emails', 'email addresses'],
  orgRole: ['organization role', 'org role', 'organisation role', 'role'],
  projects: ['projects', 'project', 'select projects', 'choose projects'],
  projectRole: ['project role', 'project roles', 'role in projects', 'project permission'],
} as const;
export type InviteField = keyof typeof INVITE_FIELDS;

/** The dialog's send button. */
export const INVITE_SUBMIT = ['invite', 'send invite', 'send invites', 'send invitation', 'send invitations', 'invite users', 'send'];

/** Buttons in an invite row that are not one of its fields. */
export const ROW_ACTION_NAME = /^(?:remove|delete|clear)\b/i;

/** The Projects control's texts that mean "nothing chosen" or that hide names. */
export const PROJECTS_PLACEHOLDER = /^(?:select|choose|pick|add|no)\b.*projects?$|^none$|^projects?$/i;
export const PROJECTS_HIDDEN_COUNT = /^(?:\+\s*\d+(?:\s+more)?|\d+\s+(?:projects?|selected|more))$/i;

/** Options in a popover list of projects that are chosen. */
export const CHECKED_OPTION =
  'input[type="checkbox"]:checked, [role="option"][aria-selected="true"], [role="option"][aria-checked="true"], [role="menuitemcheckbox"][aria-checked="true"], [role="checkbox"][aria-checked="true"]';

/** The signed-in account control, by accessible name. */
export const ACCOUNT_CONTROL = /^(?:account|my account|your account|profile|user menu|account menu|account settings)\b/i;

/** Mixpanel's hosts, per data-residency region. */
export const REGION_HOSTS = {
  us: ['mixpanel.com', 'www.mixpanel.com'],
  eu: ['eu.mixpanel.com'],
  in: ['in.mixpanel.com'],
} as const;

/** The organization switcher in the header, named "Organization: Acme Analytics" or similar. */
export const ORGANIZATION_CONTROL = /^(?:organization|organisation|org|switch organization|current organization)\s*:?\s*(.*)$/i;
