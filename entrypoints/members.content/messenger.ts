// The content script's line to the background, which owns the access log.
import { browser } from 'wxt/browser';
import type { Message } from '../../lib/messages';
import { parseReply, type Reply } from '../../lib/reply';

export type Send = (message: Message) => Promise<Reply<Record<string, unknown>>>;

export const sendToBackground: Send = async (message) => {
  try {
    return parseReply(await browser.runtime.sendMessage(message));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Invite Guard’s background is not reachable (${why}).`, retry: true };
  }
};
