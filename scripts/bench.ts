// `npm run bench`: speed and size, measured against the budgets of issue 6. Prints one line per
// figure, writes bench-results.json, and exits non-zero when a budget is missed. Not a test.
// The core figures run here in Node; the browser figures in scripts/bench-browser.ts.
// First: schemas run as they do in the extension, whose CSP rules out zod's compiled fast path.
import '../lib/zod-config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { buildOrgIndex, checkDraft, runChecks, type InviteDraft, type OrgSnapshot } from '../lib/checks';
import { parseAddressList } from '../lib/email';
import { parseExport, toCsv, toJson } from '../lib/export';
import { defaultPolicy } from '../lib/policy';
import { newRecord, observe, type AccessRecord } from '../lib/records';
import { EXTENSION_DIR, ROOT } from '../test/e2e/harness';
import { measureInBrowser } from './bench-browser';
import { median, report, type Figure } from './bench-report';

const figures: Figure[] = [];
const NOW = new Date('2026-11-23T10:00:00Z');
const policy = defaultPolicy();

/** Median of `runs` timed runs after `warmup` untimed ones, with the fastest and slowest run. */
function time(name: string, budgetMs: number, fn: () => unknown, runs = 7, warmup = 2): void {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  const value = median(times);
  figures.push({ name, value, unit: 'ms', budget: budgetMs, spread: [Math.min(...times), Math.max(...times)], ok: value <= budgetMs });
}

function organization(members: number, pending: number): OrgSnapshot {
  return {
    members: Array.from({ length: members }, (_, i) => ({
      email: i % 7 === 0 ? `person.${i}@brightlane-agency.io` : `person.${i}@acme.com`,
      name: `Person ${i}`,
      orgRole: i < 4 ? ('admin' as const) : ('member' as const),
    })),
    pending: Array.from({ length: pending }, (_, i) => ({ email: `invitee.${i}@acme.com`, invitedAt: '2026-11-20T10:00:00Z' })),
  };
}

function draftOf(count: number): InviteDraft {
  const addresses = Array.from({ length: count }, (_, i) =>
    i % 10 === 0 ? `person.${i}@acme.com` : i % 10 === 1 ? `new.${i}@gmail.com` : i % 10 === 2 ? `new.${i}@acme.co` : `new.${i}@acme.com`,
  );
  return { addresses, orgRole: 'member', projects: [{ name: 'Production', role: 'analyst' }] };
}

// Core, cold: the organization indexed inside every run.
const big = organization(50_000, 500);
const thousand = draftOf(1000);
// A fresh snapshot per run (built before timing), so nothing is cached between runs.
const snapshots = Array.from({ length: 6 }, () => organization(50_000, 500));
time('core, cold (1,000 addresses × 50,000 members)', 50, () => runChecks(thousand, snapshots.pop()!, policy, NOW), 5, 1);

// Core, per keystroke: the index kept, as the sidebar keeps it.
const index = buildOrgIndex(big);
const ten = draftOf(10);
time('core, per keystroke (10 addresses, index kept)', 1, () => checkDraft(ten, index, policy, NOW), 51, 10);

// Parse: a 1 MB paste.
const paste = Array.from({ length: 26_000 }, (_, i) => `"Person ${i}" <person.${i}@acme.com>`).join(', ').slice(0, 1_000_000);
time('parse (1 MB paste)', 200, () => parseAddressList(paste));

// Export and import of 100,000 access records.
const records: AccessRecord[] = Array.from({ length: 100_000 }, (_, i) => {
  const r = newRecord(
    {
      id: `r${i}`,
      email: `person.${i}@brightlane-agency.io`,
      orgRole: 'member',
      projects: [{ name: 'Production', role: 'analyst' }],
      note: { reason: `Tracking plan, phase ${i % 5}`, ticket: `SOW-${i}`, endsOn: '2027-01-31' },
      region: 'us',
      organization: 'Acme Analytics',
    },
    NOW,
  );
  return i % 2 ? observe(r, { state: 'member' }, NOW) : r;
});
time('export (CSV of 100,000 records)', 1000, () => toCsv(records, { now: NOW, policy }), 3, 1);
const json = toJson(records, NOW);
time('import (JSON of 100,000 records, validated)', 3000, () => parseExport(json), 3, 1);

// Size: the built content script, gzipped: what every Mixpanel page loads. The sidebar, its rules
// and its drawing load in the extension's own frame on Users & Teams, not into the page.
const gzipKbOf = (file: string) => gzipSync(readFileSync(join(EXTENSION_DIR, file))).length / 1024;
const gzipKb = gzipKbOf('content-scripts/members.js');
figures.push({ name: 'content script size (gzip)', value: gzipKb, unit: 'KB', budget: 30, ok: gzipKb <= 30 });

figures.push(...(await measureInBrowser(records, NOW)));
process.exit(report(figures, ROOT));
