// The "Invite New Users" dialog: finding it, reading its rows, and its send button.
import type { InviteDraft } from '../checks/types';
import { readOrgRole, readProjectRole, type OrgRole, type ProjectRole } from '../roles';
import {
  CHECKED_OPTION, DIALOG, HEADING, INVITE_DIALOG_TITLE, INVITE_FIELDS, INVITE_SUBMIT, PROJECTS_HIDDEN_COUNT,
  PROJECTS_PLACEHOLDER, ROW_ACTION_NAME, TABLE, type InviteField,
} from './selectors';
import { outsideTablesByWalk } from './tables';
import { accessibleName, collapseSpaces, isDisabled, labelIs, normalizeLabel, readText, referenced, trimSpaces } from './dom';
import { readPageAddress } from '../checks/org-index';
import { layoutCache } from './dialog-layout';

export interface InviteDialogRow {
  email: string;
  orgRole: OrgRole | null;
  projects: string[];
  projectRole: ProjectRole | null;
}

const TEXT_INPUT = 'input, textarea, [role="textbox"], [contenteditable="true"], [contenteditable=""]';
const NOT_TEXT = new Set(['hidden', 'checkbox', 'radio', 'file', 'button', 'submit', 'reset', 'image', 'range', 'color']);
/** Controls that may hold one of a row's fields. */
const FIELD_CONTROL = 'select, input, textarea, button, [role="combobox"], [role="listbox"], [role="button"], [role="textbox"]';
const PROJECT_LIMIT = 100;

/**
 * A dialog's title: its aria-labelledby or aria-label, else its first heading, else its title
 * attribute. Never its whole text, which an accessible name falls back to (reading that on every
 * keystroke was most of the cost of finding the dialog).
 */
function dialogTitle(dialog: Element): string {
  const labelled = collapseSpaces(referenced(dialog, 'aria-labelledby').map((el) => readText(el, 500)).join(' '));
  if (labelled) return labelled;
  const label = collapseSpaces(dialog.getAttribute('aria-label') ?? '');
  if (label) return label;
  const heading = dialog.querySelector(HEADING);
  return heading ? readText(heading, 200) : collapseSpaces(dialog.getAttribute('title') ?? '');
}

function isVisibleDialog(dialog: Element): boolean {
  return !dialog.closest('[hidden]') && dialog.getAttribute('aria-hidden') !== 'true' && (dialog.localName !== 'dialog' || dialog.hasAttribute('open'));
}

/**
 * The open "Invite New Users" dialog (the topmost, when several dialogs are open). It is never in a
 * table: the search leaves the 5,000-row users table out, which a query of the page would visit.
 */
export function findInviteDialog(doc: Document): HTMLElement | null {
  try {
    const all = outsideTablesByWalk(doc.documentElement, DIALOG) ?? Array.from(doc.querySelectorAll(DIALOG)).filter((el) => !el.closest(TABLE));
    const dialogs = all.filter(isVisibleDialog);
    for (let i = dialogs.length - 1; i >= 0; i--) {
      const dialog = dialogs[i]!;
      if (INVITE_DIALOG_TITLE.test(normalizeLabel(dialogTitle(dialog)))) return dialog as HTMLElement;
    }
    return null;
  } catch {
    return null;
  }
}

/** Whether `el` is an open "Invite New Users" dialog. */
export function isInviteDialog(el: Element): boolean {
  return el.matches(DIALOG) && isVisibleDialog(el) && INVITE_DIALOG_TITLE.test(normalizeLabel(dialogTitle(el)));
}

/** The open invite dialog holding `node`, found by walking up from it: cheap enough for every keystroke. */
export function inviteDialogAround(node: Node): HTMLElement | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    const dialog = el.closest(DIALOG);
    if (!dialog) return null;
    if (isInviteDialog(dialog)) return dialog as HTMLElement;
    el = dialog.parentElement;
  }
  return null;
}

function holdsDialog(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).matches(DIALOG) || (node as Element).querySelector(DIALOG) !== null);
}

/**
 * Whether a change only opened, closed or edited a dialog. The member list cannot have changed then,
 * so the sidebar need not read it again (on 5,000 members that read is the costly part).
 */
export function isDialogChange(record: MutationRecord): boolean {
  const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
  if (target?.closest(DIALOG)) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(holdsDialog);
}

function fieldOf(name: string): InviteField | null {
  const text = normalizeLabel(name);
  if (!text) return null;
  // Project role before projects and org role: "project role" starts with "project" and ends with "role".
  const order: InviteField[] = ['projectRole', 'email', 'orgRole', 'projects'];
  for (const field of order) {
    const names = INVITE_FIELDS[field];
    if (labelIs(text, names) || names.some((n) => text.startsWith(`${n} `))) return field;
  }
  return null;
}

function isTextInput(el: Element): boolean {
  if (el.localName === 'input') return !NOT_TEXT.has((el.getAttribute('type') ?? 'text').toLowerCase());
  return el.localName === 'textarea' || el.getAttribute('role') === 'textbox' || el.hasAttribute('contenteditable');
}

function isEmailInput(el: Element): boolean {
  if (!isTextInput(el)) return false;
  if ((el.getAttribute('type') ?? '').toLowerCase() === 'email') return true;
  const name = fieldOf(accessibleName(el));
  if (name === 'email') return true;
  return name === null && (el.getAttribute('placeholder') ?? '').includes('@');
}

function isRowAction(el: Element): boolean {
  return ROW_ACTION_NAME.test(accessibleName(el));
}

/** Inside a popover list (its options are read through the control that opened it). */
function inOptionList(el: Element, row: Element): boolean {
  if (el.matches('input[type="checkbox"], input[type="radio"], [role="option"], [role="checkbox"], [role="menuitemcheckbox"]')) return true;
  const list = el.parentElement?.closest('[role="listbox"], [role="menu"], [role="dialog"], [role="group"]');
  return Boolean(list && row.contains(list) && list !== row);
}

function fieldControls(row: Element, email: Element): Element[] {
  return Array.from(row.querySelectorAll(FIELD_CONTROL)).filter(
    (el) => el !== email && !isEmailInput(el) && !isRowAction(el) && !inOptionList(el, row) && !(el.localName === 'input' && NOT_TEXT.has((el.getAttribute('type') ?? '').toLowerCase())),
  );
}

/** The row holding an email input: the smallest ancestor that also holds another field. */
function rowOf(email: Element, dialog: Element): Element {
  let row: Element = email;
  for (let parent = email.parentElement; parent && parent !== dialog; parent = parent.parentElement) {
    const emails = Array.from(parent.querySelectorAll(TEXT_INPUT)).filter(isEmailInput);
    if (emails.length > 1) break;
    row = parent;
    if (fieldControls(parent, email).length) break;
  }
  return row;
}

/** The dialog's column labels in order ("Email", "Organization Role", …), for controls with no name. */
function columnOrder(dialog: Element): InviteField[] {
  const out: InviteField[] = [];
  for (const label of dialog.querySelectorAll('label, [role="columnheader"]')) {
    if (label.querySelector(FIELD_CONTROL) || label.getAttribute('for')) continue;
    const field = fieldOf(readText(label, 100));
    if (field && !out.includes(field)) out.push(field);
  }
  return out.length >= 2 ? out : ['email', 'orgRole', 'projects', 'projectRole'];
}

function selectedOptions(select: HTMLSelectElement): HTMLOptionElement[] {
  return Array.from(select.querySelectorAll('option')).filter((option) => (option as HTMLOptionElement).selected) as HTMLOptionElement[];
}

function readRole<R>(control: Element, parse: (text: string) => R | null): R | null {
  if (control.localName === 'select') {
    for (const option of selectedOptions(control as HTMLSelectElement)) {
      const role = parse(option.text) ?? parse(option.value);
      if (role) return role;
    }
    return parse((control as HTMLSelectElement).value ?? '');
  }
  if (control.localName === 'input') return parse((control as HTMLInputElement).value ?? '');
  const text = readText(control, 200);
  const whole = parse(text);
  if (whole) return whole;
  // "Organization Role: Billing Admin" — try the last words.
  const words = normalizeLabel(text).split(' ');
  for (const size of [2, 1]) {
    if (words.length >= size) {
      const role = parse(words.slice(-size).join(' '));
      if (role) return role;
    }
  }
  return parse(control.getAttribute('aria-valuetext') ?? '') ?? parse(control.getAttribute('data-value') ?? '');
}

function uniqueNames(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const clean = collapseSpaces(name).slice(0, PROJECT_LIMIT);
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}

function optionLabel(option: Element): string {
  return option.localName === 'input' ? accessibleName(option) : readText(option, PROJECT_LIMIT * 2);
}

function readProjects(control: Element): string[] {
  if (control.localName === 'select') return uniqueNames(selectedOptions(control as HTMLSelectElement).map((o) => o.text));
  // An open popover list is the truth while the admin is choosing.
  if (control.getAttribute('aria-expanded') === 'true') {
    for (const list of referenced(control, 'aria-controls')) {
      return uniqueNames(Array.from(list.querySelectorAll(CHECKED_OPTION)).map(optionLabel));
    }
  }
  // Chips inside the control ("Production ×").
  const chips = control.querySelectorAll('[role="listitem"], [role="option"][aria-selected="true"]');
  if (chips.length) return uniqueNames(Array.from(chips).map((chip) => readText(chip, PROJECT_LIMIT * 2)));
  const text = control.localName === 'input' ? (control as HTMLInputElement).value ?? '' : readText(control, 2000);
  if (PROJECTS_PLACEHOLDER.test(normalizeLabel(text)) || !text.trim()) return [];
  return uniqueNames(text.split(/\s*[,;]\s*/).filter((name) => !PROJECTS_HIDDEN_COUNT.test(name.trim())));
}

function readEmail(input: Element): string {
  if (input.localName === 'input' || input.localName === 'textarea') {
    const typed = trimSpaces((input as HTMLInputElement).value ?? '');
    // Chip-style fields keep earlier addresses as elements beside the input.
    const field = input.parentElement;
    const chips: string[] = [];
    if (field) {
      for (const child of field.children) {
        if (child === input || child.querySelector(TEXT_INPUT)) continue;
        const text = readText(child, 400);
        if (text && readPageAddress(text)) chips.push(text);
      }
    }
    return [...chips, typed].filter(Boolean).join(', ');
  }
  return readText(input, 2000);
}

/** Which element holds each of a row's fields: found from the dialog's elements, not their values. */
interface RowControls {
  email: Element;
  byField: Map<InviteField, Element>;
}

function rowControls(email: Element, dialog: Element, order: InviteField[]): RowControls {
  const row = rowOf(email, dialog);
  const controls = fieldControls(row, email);
  const byField = new Map<InviteField, Element>();
  const unnamed: Element[] = [];
  for (const control of controls) {
    const field = fieldOf(accessibleName(control));
    if (field && field !== 'email' && !byField.has(field)) byField.set(field, control);
    else if (!field) unnamed.push(control);
  }
  // Controls without a recognizable name take the remaining columns in the dialog's label order.
  const remaining = order.filter((field) => field !== 'email' && !byField.has(field));
  for (const control of unnamed) {
    const field = remaining.shift();
    if (!field) break;
    byField.set(field, control);
  }
  return { email, byField };
}

function dialogLayout(dialog: Element): RowControls[] {
  const order = columnOrder(dialog);
  const emails = Array.from(dialog.querySelectorAll(TEXT_INPUT)).filter(
    (el) => isEmailInput(el) && !el.closest('[hidden]') && !isDisabled(el),
  );
  return emails.map((email) => rowControls(email, dialog, order));
}

function readRow({ email, byField }: RowControls): InviteDialogRow {
  const orgControl = byField.get('orgRole');
  const projectsControl = byField.get('projects');
  const projectRoleControl = byField.get('projectRole');
  return {
    email: readEmail(email),
    orgRole: orgControl ? readRole(orgControl, readOrgRole) : null,
    projects: projectsControl ? readProjects(projectsControl) : [],
    projectRole: projectRoleControl ? readRole(projectRoleControl, readProjectRole) : null,
  };
}

// Finding the layout was most of a keystroke's cost; it is kept until the dialog's structure changes.
const layouts = layoutCache({
  build: dialogLayout,
  controls: (rows: RowControls[]) => rows.flatMap((row) => [row.email, ...row.byField.values()]),
  nameCarriers: `${TEXT_INPUT}, ${FIELD_CONTROL}`,
});

/** One entry per person row of the dialog, in order. Never throws. */
export function readInviteDialog(dialog: HTMLElement): InviteDialogRow[] {
  try {
    return layouts.get(dialog).map(readRow);
  } catch {
    return [];
  }
}

/** `readInviteDialog` finding the layout afresh: what the kept layout must always agree with. Exported for tests. */
export function readInviteDialogFresh(dialog: HTMLElement): InviteDialogRow[] {
  try {
    return dialogLayout(dialog).map(readRow);
  } catch {
    return [];
  }
}

/** How many times readInviteDialog found a layout rather than reused one. Exported for tests. */
export function inviteLayoutBuilds(): number {
  return layouts.builds;
}

/** The dialog's "Invite" button. */
export function inviteSubmitButton(dialog: HTMLElement): HTMLButtonElement | null {
  try {
    const buttons = Array.from(dialog.querySelectorAll('button'));
    let best: Element | null = null;
    let bestRank = Infinity;
    for (const button of buttons) {
      const text = normalizeLabel(readText(button, 100));
      const label = normalizeLabel(button.getAttribute('aria-label') ?? '');
      const rank = Math.min(
        ...[text, label].map((name) => {
          const index = (INVITE_SUBMIT as readonly string[]).indexOf(name.replace(/ \d+$/, ''));
          return index < 0 ? Infinity : index;
        }),
      );
      if (rank < bestRank) {
        best = button;
        bestRank = rank;
      }
    }
    if (best) return best as HTMLButtonElement;
    const submit = buttons.find((button) => (button.getAttribute('type') ?? 'submit').toLowerCase() === 'submit' && button.closest('form'));
    return (submit as HTMLButtonElement | undefined) ?? null;
  } catch {
    return null;
  }
}

/** One draft per row with an address: the row's org role (Member when unread) and its projects at its project role. */
export function dialogToDrafts(rows: InviteDialogRow[]): InviteDraft[] {
  return rows
    .filter((row) => trimSpaces(row.email) !== '')
    .map((row) => ({
      addresses: [trimSpaces(row.email)],
      orgRole: row.orgRole ?? 'member',
      projects: row.projects.map((name) => ({ name, role: row.projectRole ?? 'consumer' })),
    }));
}
