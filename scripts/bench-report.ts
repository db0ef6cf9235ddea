// What `npm run bench` prints and writes: one line per figure against its budget.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: number;
  /** The fastest and slowest run, where the figure is a median of several. */
  spread?: [number, number];
  ok: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function formatFigure(f: Figure): string {
  const spread = f.spread ? `, spread ${f.spread[0].toFixed(2)}–${f.spread[1].toFixed(2)}` : '';
  return `${f.name}: ${f.value.toFixed(2)} ${f.unit}  (budget ${f.budget} ${f.unit}${spread})${f.ok ? '' : '  OVER BUDGET'}`;
}

/** Prints the figures, writes them to bench-results.json, and returns the exit code. */
export function report(figures: readonly Figure[], root: string): number {
  for (const f of figures) console.log(formatFigure(f));
  writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), figures }, null, 2)}\n`);
  const missed = figures.filter((f) => !f.ok);
  if (!missed.length) return 0;
  console.error(`${missed.length} budget${missed.length === 1 ? '' : 's'} missed: ${missed.map((f) => f.name).join('; ')}`);
  return 1;
}
