// Everything Invite Guard knows about Mixpanel's markup, in one place: roles, accessible names and
// the visible words of the organization settings page. Never class names — they are generated and
// change with every Mixpanel release.
//
// Texts are compared after `normalizeLabel` (lower case, "&" → "and", punctuation and sort arrows
// dropped, spaces collapsed), so each entry is written in that form. Mixpanel writes English, but a
// browser's page translation (or a localized release) shows German or French: their words are here
// too. A page in any other language is reported as unreadable, never guessed at.

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
export const USERS_PAGE_HEADINGS = [
  'users and teams', 'members', 'users', 'organization members',
  'benutzer and teams', 'benutzer und teams', 'benutzer', 'mitglieder',
  'utilisateurs et équipes', 'utilisateurs and équipes', 'utilisateurs', 'membres',
];
/** What the users table itself may be called (its label, caption or heading). */
export const USERS_TABLE_NAMES = ['users', 'members', 'people', 'organization members', 'benutzer', 'mitglieder', 'utilisateurs', 'membres'];
/** Tabs of Users & Teams that do not. */
export const OTHER_TABS = ['teams', 'équipes'];

/** A table (or its section) with one of these words in its name lists pending invitations. */
export const PENDING_TABLE_WORDS = ['pending', 'invitation', 'invitations', 'invites', 'ausstehende', 'ausstehend', 'einladungen', 'attente'];

/** Column headers, per field. */
export const COLUMNS = {
  name: ['name', 'full name', 'user', 'user name', 'nom', 'nom complet'],
  email: ['email', 'email address', 'e mail', 'e mail address', 'emails', 'e mail adresse', 'adresse e mail', 'courriel'],
  orgRole: [
    'organization role', 'org role', 'organisation role', 'role', 'organization roles',
    'organisationsrolle', 'rolle', 'rôle dans l organisation', 'rôle', 'rôle d organisation',
  ],
  projects: ['projects', 'project access', 'project', 'projekte', 'projets'],
  lastActive: ['last active', 'last seen', 'last login', 'last activity', 'last logged in', 'zuletzt aktiv', 'letzte aktivität', 'dernière activité', 'dernière connexion'],
  invited: [
    'invited', 'date invited', 'invited on', 'invited at', 'sent', 'date sent', 'invitation sent',
    'eingeladen', 'eingeladen am', 'gesendet', 'invité le', 'invité', 'envoyée le', 'date d invitation',
  ],
  status: ['status', 'state', 'statut'],
  dateJoined: ['date joined', 'joined', 'beigetreten', 'beigetreten am', 'inscrit le', 'date d inscription'],
} as const;
export type ColumnField = keyof typeof COLUMNS;

/** Cell texts meaning "this user has not accepted yet" in the users table itself. */
export const PENDING_STATUS = /^(?:pending|invited|invitation (?:sent|pending)|invite (?:sent|pending)|awaiting|ausstehend|eingeladen|en attente|invitée?\b)/i;

/** Cell texts for "never". */
export const NEVER = /^(?:never|nie|jamais|n\/a|—|-|–)$/i;

/** Org roles as the users table may word them (normalized), beyond Mixpanel's English names. */
export const ORG_ROLE_WORDS = {
  owner: ['inhaber', 'eigentümer', 'propriétaire'],
  admin: ['administrator', 'administrateur'],
  'billing-admin': ['abrechnungsadministrator', 'administrateur de facturation', 'billing administrator'],
  member: ['mitglied', 'membre'],
} as const;

/** A Projects cell meaning every project, or none. */
export const ALL_PROJECTS = /^(?:all projects|all|alle projekte|tous les projets)$/i;
export const NO_PROJECTS = /^(?:no projects?|none|keine projekte|keine|aucun projet|aucun)$/i;

/** Empty-state rows inside a table. */
export const EMPTY_STATE =
  /^(?:no (?:users|members|results|pending invitations|invitations)|nothing (?:here|to show)|keine (?:benutzer|mitglieder|ergebnisse)|aucun (?:utilisateur|membre|résultat))/i;

// Pagination and count texts. The word between the numbers of a range ("1–25 of 36", "1–25 von 36",
// "1–25 sur 36") is any short word: in a language not listed here, a range still reads as one.
const NUMBER = '(\\d[\\d,.\\u00a0\\u202f]*)';
export const RANGE_TEXT = new RegExp(`${NUMBER}\\s*(?:[–—-]|to|bis|à)\\s*${NUMBER}\\s*(?:/|\\p{L}{1,5}\\.?)\\s*${NUMBER}`, 'iu');
export const FILTERED_COUNT_TEXT = new RegExp(
  `${NUMBER}\\s+(?:of|von|sur)\\s+${NUMBER}\\s+(?:users|members|benutzern|benutzer|mitgliedern|utilisateurs|membres)(?![\\p{L}])`,
  'iu',
);
export const COUNT_TEXT = new RegExp(`^${NUMBER}\\s+(?:users?|members?|benutzer|mitglieder|utilisateurs?|membres?)$`, 'iu');
export const PAGE_TEXT = /\b(?:page|seite)\s+(\d+)\s+(?:of|von|sur|\/)\s+(\d+)\b/i;
export const NEXT_PAGE = ['next', 'next page', 'go to next page', '›', '»', '>', 'weiter', 'nächste', 'nächste seite', 'suivant', 'page suivante'];
export const PREVIOUS_PAGE = ['previous', 'previous page', 'prev', 'go to previous page', '‹', '«', '<', 'zurück', 'vorherige', 'vorherige seite', 'précédent', 'page précédente'];
export const LOAD_MORE = /^(?:(?:load|show|view) more|mehr (?:laden|anzeigen)|weitere laden|(?:charger|afficher|voir) plus)\b/i;
/** A landmark holding page controls ("Pagination"): any enabled button in it means other pages. */
export const PAGINATION = '[role="navigation"], nav';

/** The open invite dialog's title ("Invite New Users"; tolerant of "Invite users", "Invite members"). */
export const INVITE_DIALOG_TITLE =
  /^(?:invite\b(?:.*\b)?(?:users?|members?|people|teammates?)\b|(?:neue )?benutzer einladen$|inviter (?:de nouveaux|des) utilisateurs$)/iu;

/** Controls of one invite row, by accessible name. */
export const INVITE_FIELDS = {
  email: ['email', 'email address', 'e mail', 'emails', 'email addresses', 'adresse e mail'],
  orgRole: ['organization role', 'org role', 'organisation role', 'role', 'organisationsrolle', 'rôle dans l organisation'],
  projects: ['projects', 'project', 'select projects', 'choose projects', 'projekte', 'projets'],
  projectRole: ['project role', 'project roles', 'role in projects', 'project permission', 'projektrolle', 'rôle dans les projets'],
} as const;
export type InviteField = keyof typeof INVITE_FIELDS;

/** The dialog's send button. */
export const INVITE_SUBMIT = ['invite', 'send invite', 'send invites', 'send invitation', 'send invitations', 'invite users', 'send', 'einladen', 'inviter'];

/** Buttons in an invite row that are not one of its fields. */
export const ROW_ACTION_NAME = /^(?:remove|delete|clear)\b/i;

/** The Projects control's texts that mean "nothing chosen" or that hide names. */
export const PROJECTS_PLACEHOLDER =
  /^(?:select|choose|pick|add|no)\b.*projects?$|^none$|^projects?$|^projekte (?:auswählen|wählen)$|^(?:sélectionner|choisir) des projets$/iu;
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
