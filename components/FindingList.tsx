// Findings grouped by address, most serious first; page text is shown as inert, visible text.
import type { JSX } from 'preact';
import type { AddressFindings, InvitationReport } from '../lib/checks/invitation';
import type { Finding, Severity } from '../lib/checks/types';
import { displayText } from '../lib/text';

const SEVERITY_LABEL: Record<Severity, string> = { block: 'Blocks', warn: 'Review', info: 'Note' };

function FindingItem({ finding }: { finding: Finding }): JSX.Element {
  return (
    <li class="ig-finding" data-code={finding.code} data-severity={finding.severity}>
      <span class="ig-badge" data-severity={finding.severity}>
        {SEVERITY_LABEL[finding.severity]}
      </span>
      <span class="ig-message">{displayText(finding.message, 400)}</span>
      {finding.fix ? <span class="ig-fix">{displayText(finding.fix, 400)}</span> : null}
    </li>
  );
}

function AddressCard({ group }: { group: AddressFindings }): JSX.Element {
  return (
    <li class="ig-address" data-worst={group.worst ?? 'clear'}>
      <p class="ig-address-line">
        <span class="ig-dot" data-tone={group.worst ?? 'clear'} aria-hidden="true" />
        <span class="ig-address-text">{displayText(group.address, 120)}</span>
        {group.worst === null ? <span class="ig-ok">OK</span> : null}
      </p>
      {group.findings.length > 0 ? (
        <ul class="ig-findings">
          {group.findings.map((f, i) => (
            <FindingItem key={i} finding={f} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

// Long pastes stay responsive: the first addresses are shown, the rest summarized.
const MAX_CARDS = 200;

export function FindingList({ report }: { report: InvitationReport }): JSX.Element | null {
  if (report.byAddress.length === 0 && report.general.length === 0) return null;
  const shown = report.byAddress.slice(0, MAX_CARDS);
  const hidden = report.byAddress.length - shown.length;
  return (
    <div class="ig-results">
      <ul class="ig-addresses" aria-label="Addresses">
        {/* Keyed by place, not by address: as an address is typed it changes on every keystroke, and
            each card is then redrawn where it stands rather than removed and built again. Cards
            hold no state or focus of their own. */}
        {shown.map((group, i) => (
          <AddressCard key={i} group={group} />
        ))}
      </ul>
      {hidden > 0 ? <p class="ig-more">…and {hidden} more addresses (all checked; the summary counts them).</p> : null}
      {report.general.length > 0 ? (
        <div class="ig-general">
          <h4>This invitation</h4>
          <ul class="ig-findings">
            {report.general.map((f, i) => (
              <FindingItem key={i} finding={f} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
