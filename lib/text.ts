// Page text shown back to the admin: characters that hide or reorder text are made visible.
// Zero-width and joiner characters, bidirectional controls, fillers that render as nothing, variation
// selectors, interlinear annotations, shorthand and musical format controls, and the tag characters
// (U+E0000 block) that can spell out hidden text.
const HIDDEN =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/gu;

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

// A cut between the two halves of a surrogate pair would leave half a character.
function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The text's first `max` code units at most, never ending in half a character. */
export function prefixOf(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, isLowSurrogate(text, max) ? max - 1 : max);
}

/** Shortens text for display, keeping both ends (where a look-alike address differs). */
export function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 3) return prefixOf(text, Math.max(max, 0));
  const keep = max - 1;
  let head = Math.ceil(keep / 2);
  let tail = text.length - (keep - head);
  if (isLowSurrogate(text, head)) head -= 1;
  if (isLowSurrogate(text, tail)) tail += 1;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}

/** Page text made safe to read: invisible characters shown, length bounded. */
export function displayText(text: string, max = 300): string {
  return revealInvisible(middleTruncate(text, max));
}
