// Which organization the page belongs to, so records and reminders name the right one.
import { collapseSpaces, readText } from './dom';
import { BUTTON, HEADER_AREA, MAIN_AREA, ORGANIZATION_CONTROL } from './selectors';

/** The organization's name from the header's organization switcher; null when the page doesn't show it. */
export function readOrganizationName(doc: Document): string | null {
  try {
    for (const area of doc.querySelectorAll(HEADER_AREA)) {
      if (area.closest(MAIN_AREA)) continue;
      for (const control of area.querySelectorAll(`${BUTTON}, [aria-haspopup]`)) {
        const label = collapseSpaces(control.getAttribute('aria-label') ?? '');
        const match = ORGANIZATION_CONTROL.exec(label);
        if (!match) continue;
        const name = collapseSpaces(match[1] || readText(control, 200));
        if (name) return name.slice(0, 200);
      }
    }
    return null;
  } catch {
    return null;
  }
}
