// The content script's page agent and the sidebar frame's session on one test page, linked as the
// runtime port links them: every message goes through JSON and is checked as the other side checks it.
import { PageAgent } from '../../entrypoints/members.content/page-agent';
import { SidebarSession, type PageArrival } from '../../entrypoints/sidebar-frame/session';
import type { Send } from '../../components/messaging';
import { readFrameMessage, type PageMessage, type SentPageMessage } from '../../lib/sidebar-link';
import { parsePageMessage } from '../../lib/sidebar-messages';

export interface LinkedSession {
  agent: PageAgent;
  session: SidebarSession;
  /** The sidebar's frame element on the page (the agent sizes it). */
  frame: HTMLElement;
  /** Every message the page side sent, in order, as the sidebar read it. */
  told: PageMessage[];
  /** The same messages as they crossed the link, before the sidebar's check. */
  wire: unknown[];
  destroy(): void;
}

const overJson = <T>(message: T): unknown => JSON.parse(JSON.stringify(message));

export function linkSession(doc: Document, container: HTMLElement, send: Send, checks: Promise<unknown>): LinkedSession {
  // A stand-in for the frame: the agent only sizes and focuses it (happy-dom loads no frames).
  const frame = doc.createElement('div');
  frame.tabIndex = -1;
  doc.documentElement.append(frame);
  const told: PageMessage[] = [];
  const wire: unknown[] = [];
  const early: PageMessage[] = [];
  let session: SidebarSession | null = null;
  const toFrame = (message: SentPageMessage) => {
    const crossed = overJson(message);
    wire.push(crossed);
    const parsed = parsePageMessage(crossed);
    if (!parsed) throw new Error(`The sidebar would refuse the page's "${message.type}" message`);
    told.push(parsed);
    if (session) session.receive(parsed);
    else early.push(parsed);
  };
  // Assigned before the session's first draw asks it for a layout.
  const link: { agent: PageAgent | null } = { agent: null };
  const agent = new PageAgent(doc, frame, toFrame);
  link.agent = agent;
  const [arrival, ...rest] = early;
  if (arrival?.type !== 'page') throw new Error('The page agent did not start by telling the page');
  session = new SidebarSession(container, send, checks, (message) => {
    const read = readFrameMessage(overJson(message));
    if (!read) throw new Error(`The page would refuse the sidebar's "${message.type}" message`);
    link.agent?.receive(read);
  }, arrival as PageArrival);
  for (const message of rest) session.receive(message);
  const linked = session;
  return {
    agent,
    session: linked,
    frame,
    told,
    wire,
    destroy: () => {
      linked.destroy();
      agent.destroy();
      frame.remove();
    },
  };
}
