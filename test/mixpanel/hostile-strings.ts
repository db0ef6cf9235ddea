// Hostile page content: what a member can make Mixpanel show as their name, or an admin as a
// project name. Every payload that could run sets `window.__igPwned`, so a test can tell it never ran.
// Shared by the unit tests (happy-dom) and the e2e test (Chromium): plain data, no imports.

const PWN = 'window.__igPwned=1';

/** Text that must stay text: markup, script URLs, template syntax. */
export const MARKUP_STRINGS = [
  `<img src=x onerror="${PWN}">`,
  `<script>${PWN}</script>`,
  `"><svg onload="${PWN}">`,
  `<iframe src="javascript:${PWN}"></iframe>`,
  `<a href="javascript:${PWN}">click</a>`,
  `javascript:${PWN}//`,
  `data:text/html,<script>${PWN}</script>`,
  `</style><style>*{display:none!important}</style>`,
  `' onmouseover='${PWN}`,
  `\${${PWN}}`,
  `{{constructor.constructor('${PWN}')()}}`,
  `&lt;img src=x onerror=${PWN}&gt;`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`,
  `[click](javascript:${PWN})`,
] as const;

/** Characters that hide or reorder text. */
export const INVISIBLE_STRINGS = [
  'Mallory \u202Egnp.exe', // right-to-left override
  'Eve \u2067nimda\u2069 Adams', // right-to-left isolate
  '\u202Dforced\u202C left-to-right',
  'Ja\u200Bne\u200D Doe', // zero-width space and joiner
  '\uFEFFJane Doe', // byte-order mark
  'Jane\u2060Doe\u2063', // word joiner, invisible separator
  'Jane Doe\u{E0049}\u{E0047}', // tag characters spelling "IG"
  'Jane\u00AD Doe', // soft hyphen
  'Jane \u3164 Doe', // Hangul filler
  'Jane\u180E Doe', // Mongolian vowel separator
] as const;

/** Text that looks like other text. */
export const LOOKALIKE_STRINGS = [
  'Jаne Doe', // Cyrillic а
  'Dana WhitfieId', // capital I for l
  'Ｊａｎｅ Ｄｏｅ', // full-width letters
] as const;

/** Text that is simply too much. */
export const HUGE_STRINGS = [
  'A'.repeat(10_000),
  'Wolfeschlegelsteinhausenbergerdorff '.repeat(280).trim(),
  `Z${'\u0336\u0337\u0338'.repeat(1_000)}`, // stacked combining marks
  '👩\u200D💻'.repeat(1_000), // astral characters joined by U+200D
  `line one\nline two\r\n\tline three${' '.repeat(500)}end`,
  'nul\u0000bel\u0007esc\u001B[31mred',
  'half a pair \uD800 here',
] as const;

export const HOSTILE_STRINGS: readonly string[] = [...MARKUP_STRINGS, ...INVISIBLE_STRINGS, ...LOOKALIKE_STRINGS, ...HUGE_STRINGS];

/** Member addresses the page may show that are not addresses (their rows can't be read). */
export const HOSTILE_EMAILS = [
  `<img src=x onerror="${PWN}">@acme.com`,
  `javascript:${PWN}@acme.com`,
  'jane.doe\u200B@acme.com',
  '\u202Emoc.emca@eod.enaj',
  'jane.doe@acme\uFEFF.com',
] as const;

/** A person for the fixture's `people=` parameter. */
export interface FixturePerson {
  name: string;
  email: string;
  role: string;
  projects: string[];
  lastActive?: number;
}

/**
 * Members whose names, project names and role labels are the hostile strings, at plain addresses
 * (hostile1@acme.com, …), so each can be found again by address.
 */
export function hostilePeople(): FixturePerson[] {
  return HOSTILE_STRINGS.map((text, i) => ({
    name: text,
    email: `hostile${i + 1}@acme.com`,
    role: 'Member',
    projects: [text, 'Production'],
    lastActive: 1,
  }));
}

/** Members whose role label is hostile text (their role can't be read). */
export function hostileRoles(): FixturePerson[] {
  return MARKUP_STRINGS.slice(0, 3).map((text, i) => ({ name: `Role ${i + 1}`, email: `role${i + 1}@acme.com`, role: text, projects: [] }));
}

/** Members whose address is not one. */
export function hostileAddresses(): FixturePerson[] {
  return HOSTILE_EMAILS.map((email, i) => ({ name: `Bad address ${i + 1}`, email, role: 'Member', projects: [] }));
}
