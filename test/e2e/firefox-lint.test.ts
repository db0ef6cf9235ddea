// Mozilla's add-on linter on the built Firefox extension: what addons.mozilla.org would reject.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR, ROOT } from './harness';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

interface LintReport {
  count: number;
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const describeMessage = (m: LintMessage) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;

describe('web-ext lint on the Firefox build', () => {
  it('finds no errors', () => {
    const source = join(OUTPUT_DIR, 'firefox-mv2');
    if (!existsSync(join(source, 'manifest.json'))) throw new Error(`No Firefox build in ${source}: run "npm run build" first.`);
    const run = spawnSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', source, '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    let report: LintReport;
    try {
      report = JSON.parse(run.stdout) as LintReport;
    } catch {
      throw new Error(`web-ext lint did not print JSON (exit ${String(run.status)}):\n${run.stdout}\n${run.stderr}`);
    }
    // Warnings are reported for a human to read; only errors fail.
    if (report.warnings.length) console.info(`web-ext lint warnings:\n${report.warnings.map(describeMessage).join('\n')}`);
    expect(report.errors.map(describeMessage)).toEqual([]);
  }, 120_000);
});
