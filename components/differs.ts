// Whether a part of the sidebar has anything new to draw.

/**
 * Whether any prop (or state field) differs. The session draws the sidebar after every change near
 * the dialog; most parts of it are the same each time, and skip drawing when nothing of theirs changed.
 */
export function differs<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(b) as (keyof T)[];
  return keys.length !== Object.keys(a).length || keys.some((key) => a[key] !== b[key]);
}
