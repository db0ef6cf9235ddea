// A sidebar session on the fixture page, unfolded, for tests that look at what it shows.
import { SidebarSession } from '../../entrypoints/members.content/session';
import type { Send } from '../../components/messaging';
import { AccessLog } from '../../lib/access-log';
import { InvitationChecker } from '../../lib/invitation-checker';
import { defaultPolicy } from '../../lib/policy';
import type { Policy } from '../../lib/policy-rules';
import { typeInto } from './load-fixture';

export interface TestBackground {
  send: Send;
  /** Resolves once every message sent so far is answered and its answer handled. */
  settled(): Promise<void>;
}

const answerReads: Send = async () => ({ ok: true, records: [], changed: 0 });

/**
 * The background as the sidebar's session meets it: checks go through the access log's parsing and
 * sender rules to the real checker, and come back as JSON, as runtime messaging carries them.
 * Everything else is answered by `other`.
 */
export function testBackground(other: Send = answerReads, policy: Policy = defaultPolicy()): TestBackground {
  const log = new AccessLog({
    db: () => Promise.reject(new Error('The checks read no storage')),
    policy: async () => policy,
    now: () => new Date(),
    newId: () => 'unused',
    checker: new InvitationChecker({ policy: async () => policy, now: () => new Date() }),
  });
  const inflight = new Set<Promise<unknown>>();
  const send: Send = (message) => {
    const answer =
      message.type === 'check-invitation'
        ? log.handle(JSON.parse(JSON.stringify(message)), { kind: 'mixpanel', region: 'us' }).then((reply) => JSON.parse(JSON.stringify(reply)))
        : other(message);
    inflight.add(answer);
    void answer.finally(() => inflight.delete(answer));
    return answer;
  };
  const settled = async () => {
    do {
      await Promise.allSettled([...inflight]);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the session's own handling of the answers
    } while (inflight.size > 0);
  };
  return { send, settled };
}

export interface SidebarProbe {
  container: HTMLElement;
  session: SidebarSession;
  /** Types into the sidebar's own address box (no invite dialog is open), and waits for the findings. */
  typeAddresses(text: string): Promise<void>;
  settled(): Promise<void>;
  /** Every text the sidebar shows, form fields' own values aside. */
  shownText(): string;
  destroy(): void;
}

export function openSidebar(doc: Document = document): SidebarProbe {
  const container = doc.createElement('div');
  doc.documentElement.append(container);
  const background = testBackground();
  const session = new SidebarSession(doc, container, background.send);
  session.update();
  // The sidebar may start folded to its tab: unfold it as the admin would.
  container.querySelector<HTMLButtonElement>('[data-invite-guard="sidebar"] button[aria-expanded="false"]')?.click();
  return {
    container,
    session,
    typeAddresses: async (text) => {
      typeInto(container.querySelector('[data-invite-guard="manual"]')!, text);
      await background.settled();
    },
    settled: background.settled,
    shownText: () => {
      const out: string[] = [];
      const walker = doc.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('textarea, input, select')) out.push(node.nodeValue ?? '');
      }
      return out.join('\n');
    },
    destroy: () => {
      session.destroy();
      container.remove();
    },
  };
}

/** What the sidebar says of the addresses typed: all clear, "no proof", findings, or nothing. */
export function verdictOf(container: Element): 'all-clear' | 'not-proof' | 'findings' | 'none' {
  if (container.querySelector('[data-invite-guard="all-clear"]')) return 'all-clear';
  if (container.querySelector('[data-invite-guard="not-proof"]')) return 'not-proof';
  return container.querySelector('[data-code]') ? 'findings' : 'none';
}
