// The checks, run for the sidebar in the background. The content script sends what the admin is
// inviting; the rules, the policy and the member index live here, off Mixpanel's page: the page
// loads less script and does less work on each keystroke. No browser API: the background passes in
// how to read the policy and the clock.
import { checkInvitation, reportView, type ReportView } from './checks/invitation';
import { buildOrgIndex, type OrgIndex } from './checks/org-index';
import type { CheckInvitation } from './messages';
import type { Policy } from './policy-rules';

/** Member lists kept: one per open Members page, and a few to spare. */
export const KEPT_LISTS = 4;

export interface InvitationCheckerDeps {
  policy: () => Promise<Policy>;
  now: () => Date;
}

export type CheckAnswer = { report: ReportView } | { needList: true };

export class InvitationChecker {
  /** Indexes of the member lists last sent, least recently used first. */
  private readonly lists = new Map<string, OrgIndex>();
  private policy: Promise<Policy> | null = null;

  constructor(private readonly deps: InvitationCheckerDeps) {}

  /** The stored policy changed: the next check reads it again. */
  forgetPolicy(): void {
    this.policy = null;
  }

  async check(message: CheckInvitation): Promise<CheckAnswer> {
    if (message.org) this.lists.set(message.list, buildOrgIndex(message.org));
    const org = this.lists.get(message.list);
    // A worker that was stopped and started again holds no list: the page sends it again.
    if (!org) return { needList: true };
    this.lists.delete(message.list);
    this.lists.set(message.list, org);
    for (const key of this.lists.keys()) {
      if (this.lists.size <= KEPT_LISTS) break;
      this.lists.delete(key);
    }
    if (message.policyChanged) this.policy = null;
    const policy = (this.policy ??= this.deps.policy());
    try {
      return { report: reportView(checkInvitation(message.drafts, org, await policy, this.deps.now(), message.note)) };
    } catch (error) {
      // A policy that could not be read is read again next time, not remembered as failed.
      if (this.policy === policy) this.policy = null;
      throw error;
    }
  }
}
