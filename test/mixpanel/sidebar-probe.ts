// A sidebar session on the fixture page, unfolded, for tests that look at what it shows.
import { linkSession, type LinkedSession } from '../content/linked-session';
import type { Send } from '../../components/messaging';
import { typeInto } from './load-fixture';

export interface SidebarProbe {
  container: HTMLElement;
  session: LinkedSession;
  /** Types into the sidebar's own address box (no invite dialog is open). */
  typeAddresses(text: string): void;
  /** Every text the sidebar shows, form fields' own values aside. */
  shownText(): string;
  destroy(): void;
}

const send: Send = async () => ({ ok: true, records: [], changed: 0 });

/** Opens the sidebar on the page, once its rules have loaded (the content script loads them lazily). */
export async function openSidebar(doc: Document = document): Promise<SidebarProbe> {
  const container = doc.createElement('div');
  doc.documentElement.append(container);
  const checks = import('../../lib/checks/module');
  const session = linkSession(doc, container, send, checks);
  await checks;
  session.agent.update();
  // The sidebar may start folded to its tab: unfold it as the admin would.
  container.querySelector<HTMLButtonElement>('[data-invite-guard="sidebar"] button[aria-expanded="false"]')?.click();
  return {
    container,
    session,
    typeAddresses: (text) => typeInto(container.querySelector('[data-invite-guard="manual"]')!, text),
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
