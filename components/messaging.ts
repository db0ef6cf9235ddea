// The one line from the content script, the popup and the options page to the background, which
// owns the access log and the policy. Components get these functions passed in; they never call
// browser APIs themselves.
import { browser } from 'wxt/browser';
import type { Message } from '../lib/messages';
import { parseReply, type Reply } from '../lib/reply';

export type Send = (message: Message) => Promise<Reply<Record<string, unknown>>>;

export const sendToBackground: Send = async (message) => {
  try {
    // As JSON text: one string crosses to the background far faster than a list of 5,000 objects.
    return parseReply(await browser.runtime.sendMessage({ json: JSON.stringify(message) }));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Invite Guard’s background is not reachable (${why}).`, retry: true };
  }
};

/** Saves text as a file through the page's own download, with no extra permission. */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
