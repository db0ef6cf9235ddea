// A whole invitation: the dialog's rows (each with its own roles) or a bulk CSV, checked together,
// and its findings arranged the way the sidebar shows them.
import { FAMILIES, createContext, runFamilies, summarize, type CheckOptions, type FindingSummary } from './index';
import { draftRepeats } from './duplicates';
import { rateLimit } from './domain-rules';
import { elevationOf, mergeElevations, noteFindings, noteRules } from './note';
import { SEVERITY_ORDER, bySeverity, type Finding, type InviteDraft, type InviteNote, type RuleFamily, type Severity } from './types';
import type { OrgIndex } from './org-index';
import type { Policy } from '../policy-rules';

export interface AddressFindings {
  /** The address (lower-cased), or the text that is not one. */
  address: string;
  findings: Finding[];
  worst: Severity | null;
}

export interface InvitationReport {
  findings: Finding[];
  /** Every address of the invitation in order, each with its findings (possibly none). */
  byAddress: AddressFindings[];
  /** Findings about the invitation as a whole (roles, note, rate limit). */
  general: Finding[];
  summary: FindingSummary;
  /** What the note lacks that the policy asks for. */
  needs: { justification: boolean; endDate: boolean };
}

// Rows are checked one by one for what depends on their roles; what compares rows with each other
// (repeats, emails per domain) and the shared note are checked once for the whole invitation.
const BATCH_FAMILIES: readonly RuleFamily[] = [draftRepeats, rateLimit];
const ROW_FAMILIES = FAMILIES.filter((family) => !BATCH_FAMILIES.includes(family) && family !== noteRules);

function worstOf(findings: Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst]) worst = f.severity;
  return worst;
}

/** Checks every row of an invitation against the organization, with one shared note. */
export function checkInvitation(
  rows: InviteDraft[],
  org: OrgIndex,
  policy: Policy,
  now: Date,
  note: InviteNote = {},
  options: CheckOptions = {},
): InvitationReport {
  const drafts = rows.filter((row) => row.addresses.some((a) => a.trim().length > 0)).map((row) => ({ ...row, note }));
  const findings: Finding[] = [];
  const seenGeneral = new Set<string>();
  const contexts = drafts.map((draft) => createContext(draft, org, policy, now, options));
  for (const ctx of contexts) {
    for (const finding of runFamilies(ctx, ROW_FAMILIES)) {
      if (finding.address === undefined) {
        // The same role finding for two rows is one thing to fix.
        const key = `${finding.code}\u0000${finding.message}`;
        if (seenGeneral.has(key)) continue;
        seenGeneral.add(key);
      }
      findings.push(finding);
    }
  }
  if (drafts.length > 0) {
    const all: InviteDraft = { addresses: drafts.flatMap((d) => d.addresses), orgRole: 'member', projects: [], note };
    // The rows' addresses, already parsed entry by entry in this order: the same as parsing `all`.
    const read = { parsed: contexts.flatMap((ctx) => ctx.parsed), invalid: contexts.flatMap((ctx) => ctx.invalid) };
    const whole = createContext(all, org, policy, now, options, read);
    findings.push(...runFamilies(whole, BATCH_FAMILIES));
    findings.push(...noteFindings(whole, mergeElevations(contexts.map(elevationOf))));
  }
  findings.sort(bySeverity);

  // Every address in order, as the row contexts already read them.
  const byAddress = new Map<string, AddressFindings>();
  const listAddress = (address: string) => {
    if (!byAddress.has(address)) byAddress.set(address, { address, findings: [], worst: null });
  };
  for (const ctx of contexts) {
    for (const parsed of ctx.parsed) listAddress(parsed.address);
    for (const piece of ctx.invalid) listAddress(piece.raw);
  }
  const general: Finding[] = [];
  for (const finding of findings) {
    const group = finding.address !== undefined ? byAddress.get(finding.address) : undefined;
    if (group) group.findings.push(finding);
    else general.push(finding);
  }
  for (const group of byAddress.values()) group.worst = worstOf(group.findings);
  return {
    findings,
    byAddress: [...byAddress.values()],
    general,
    summary: summarize(findings),
    needs: {
      justification: findings.some((f) => f.code === 'missing-justification'),
      endDate: findings.some((f) => f.code === 'missing-end-date' || f.code === 'end-date-invalid'),
    },
  };
}
