// The options page: the organization's policy, read from and saved through the background.
import '../../lib/zod-config';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { downloadText, sendToBackground as send } from '../../components/messaging';
import '../../components/options.css';
import { PolicyEditor, type PolicyErrors } from '../../components/PolicyEditor';
import { AccessLogImport, type ImportReport } from '../../components/AccessLogImport';
import { parseExport } from '../../lib/export';
import { parseAuditLogCsv } from '../../lib/audit-log';
import { checkForm, errorsByField, policyToForm, type PolicyForm } from '../../lib/policy-form';
import { defaultPolicy, parsePolicy, type Policy } from '../../lib/policy';
import { undocumentedSchema } from '../../lib/messages';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function Options() {
  const [form, setForm] = useState<PolicyForm>(policyToForm(defaultPolicy()));
  const [errors, setErrors] = useState<PolicyErrors>({});
  const [locked, setLocked] = useState<ReadonlySet<keyof PolicyForm>>(new Set());
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  useEffect(() => {
    void send({ type: 'get-policy' }).then((reply) => {
      if (!reply.ok) return setStatus({ tone: 'error', text: reply.error });
      const parsed = parsePolicy(reply.policy);
      if (!parsed.ok) return setStatus({ tone: 'error', text: 'The background sent an unreadable policy; showing the defaults.' });
      setForm(policyToForm(parsed.policy));
      setLocked(new Set(Array.isArray(reply.locked) ? (reply.locked as (keyof PolicyForm)[]) : []));
      setProblems(Array.isArray(reply.problems) ? reply.problems.map(String) : []);
    });
  }, []);

  const save = async (policy: Policy) => {
    const reply = await send({ type: 'save-policy', policy });
    setStatus(reply.ok ? { tone: 'ok', text: 'Saved. Open Mixpanel pages use the new policy at once.' } : { tone: 'error', text: reply.error });
  };

  const importExport = async (file: File) => {
    const result = parseExport(await file.text());
    if (!result.ok) return setReport({ tone: 'error', title: `${file.name} was not imported.`, lines: [result.error ?? 'Unreadable file.'] });
    const reply = await send({ type: 'records-import', records: result.records });
    if (!reply.ok) return setReport({ tone: 'error', title: `${file.name} was not imported.`, lines: [reply.error] });
    const rejected = [...result.rejected.map((r) => `Record ${r.index + 1}${r.id ? ` (${r.id})` : ''}: ${r.reason}`)];
    setReport({
      tone: 'ok',
      title: `Imported ${file.name}: ${String(reply.added)} added, ${String(reply.updated)} updated, ${String(reply.unchanged)} already known, ${rejected.length} rejected.`,
      lines: rejected.slice(0, 20),
    });
  };
  const importAuditLog = async (file: File) => {
    const { events, errors } = parseAuditLogCsv(await file.text());
    if (events.length === 0) {
      return setReport({ tone: 'error', title: `${file.name} has no audit events Invite Guard can read.`, lines: errors.slice(0, 10).map((e) => `Line ${e.line}: ${e.message}`) });
    }
    const reply = await send({ type: 'audit-reconcile', events });
    if (!reply.ok) return setReport({ tone: 'error', title: `${file.name} was not reconciled.`, lines: [reply.error] });
    const gaps = undocumentedSchema.safeParse(reply.undocumented);
    const undocumented = gaps.success ? gaps.data : [];
    setReport({
      tone: 'ok',
      title: `Reconciled ${count(events.length, 'audit event')}: ${count(Number(reply.updated), 'record')} updated, ${count(Number(reply.unmatched), 'row')} about no one Invite Guard knows.`,
      lines: errors.slice(0, 10).map((e) => `Line ${e.line} skipped: ${e.message}`),
      undocumented,
    });
  };

  return (
    <>
      <header class="pe-header">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <div>
          <h1>Invite Guard policy</h1>
          <p>The rules every invitation on Mixpanel's Users &amp; Teams page is checked against.</p>
        </div>
      </header>
      <PolicyEditor
        form={form}
        errors={errors}
        locked={locked}
        problems={problems}
        status={status}
        onChange={(next) => {
          setForm(next);
          setStatus(null);
        }}
        onSave={() => {
          const checked = checkForm(form);
          if (!checked.ok) {
            setErrors(checked.errors);
            setStatus({ tone: 'error', text: 'Not saved: correct the marked fields (the first one has focus).' });
            return;
          }
          setErrors({});
          void save(checked.policy);
        }}
        onReset={() => {
          setForm(policyToForm(defaultPolicy()));
          setErrors({});
          setStatus({ tone: 'ok', text: 'Defaults restored in the form; save to apply them.' });
        }}
        onExport={() => {
          const checked = checkForm(form);
          if (!checked.ok) return setErrors(checked.errors);
          downloadText('invite-guard-policy.json', 'application/json', `${JSON.stringify(checked.policy, null, 2)}\n`);
        }}
        onImport={(file) => {
          void file.text().then((text) => {
            let input: unknown;
            try {
              input = JSON.parse(text);
            } catch {
              return setStatus({ tone: 'error', text: `${file.name} is not JSON.` });
            }
            const parsed = parsePolicy(input);
            if (!parsed.ok) {
              setErrors(errorsByField(parsed.errors));
              return setStatus({ tone: 'error', text: `${file.name} was not imported: correct the marked fields.` });
            }
            setErrors({});
            setForm(policyToForm(parsed.policy));
            setStatus({ tone: 'ok', text: `Imported ${file.name}: review it and save.` });
          });
        }}
      />
      <AccessLogImport onImportExport={(f) => void importExport(f)} onImportAuditLog={(f) => void importAuditLog(f)} report={report} />
    </>
  );
}

render(<Options />, document.getElementById('app')!);
