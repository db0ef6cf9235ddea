// The options page's access-log tools: import another admin's JSON export, and reconcile with
// Mixpanel's own audit log. Pure view: reading files and talking to the background happen outside.
import type { JSX } from 'preact';
import { displayText } from '../lib/text';

export interface ImportReport {
  tone: 'ok' | 'error';
  title: string;
  lines: string[];
  /** Grants Mixpanel shows with no note in Invite Guard: what an auditor would ask about. */
  undocumented?: { email: string; events: string[]; firstSeen: string }[];
}

interface AccessLogImportProps {
  onImportExport: (file: File) => void;
  onImportAuditLog: (file: File) => void;
  report: ImportReport | null;
}

function FilePicker({ label, accept, name, onFile }: { label: string; accept: string; name: string; onFile: (file: File) => void }): JSX.Element {
  return (
    <label class="pe-import">
      {label}
      <input
        type="file"
        accept={accept}
        data-invite-guard={name}
        onChange={(e: JSX.TargetedEvent<HTMLInputElement>) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}

export function AccessLogImport({ onImportExport, onImportAuditLog, report }: AccessLogImportProps): JSX.Element {
  return (
    <fieldset class="pe-log">
      <legend>Access log</legend>
      <p class="pe-hint">
        Import a JSON export from another browser or admin: records are merged by id, never duplicated. Import Mixpanel's audit
        log (Organization Settings → Audit log → Export CSV) to mark what was accepted, changed or removed, and to list grants
        Invite Guard has no note for.
      </p>
      <div class="pe-actions">
        <FilePicker label="Import a JSON export…" accept=".json,application/json" name="records-import" onFile={onImportExport} />
        <FilePicker label="Reconcile with Mixpanel's audit log…" accept=".csv,text/csv" name="audit-import" onFile={onImportAuditLog} />
      </div>
      {report ? (
        <div class={`pe-report pe-status-${report.tone}`} role="status" data-invite-guard="import-report">
          <p class="pe-report-title">{report.title}</p>
          {report.lines.map((line) => (
            <p key={line}>{displayText(line, 300)}</p>
          ))}
          {report.undocumented?.length ? (
            <>
              <p class="pe-report-title">Grants with no note in Invite Guard ({report.undocumented.length})</p>
              <ul class="pe-gaps" data-invite-guard="undocumented">
                {report.undocumented.slice(0, 100).map((gap) => (
                  <li key={gap.email}>
                    {displayText(gap.email, 120)} — {gap.events.join(', ')} since {gap.firstSeen.slice(0, 10)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
