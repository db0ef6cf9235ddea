// Page text shown back to the admin: characters that hide or reorder text are made visible.
const HIDDEN = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

export function describeCodePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first zero-width, bidirectional-control or other invisible character in the text, if any. */
export function findHiddenCharacter(text: string): string | null {
  HIDDEN.lastIndex = 0;
  const match = HIDDEN.exec(text);
  HIDDEN.lastIndex = 0;
  return match ? match[0] : null;
}

/** Replaces those characters with a visible `⟨U+202E⟩`: they can disguise one address as another. */
export function revealInvisible(text: string): string {
  return text.replace(HIDDEN, (ch) => `⟨${describeCodePoint(ch)}⟩`);
}

/** Shortens text for display, keeping both ends (where a look-alike address differs). */
export function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(max - 1, 2);
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/** Page text made safe to read: invisible characters shown, length bounded. */
export function displayText(text: string, max = 300): string {
  return revealInvisible(middleTruncate(text, max));
}
