/** Shared by the benchmarks: the corpus, a throughput measure and a least-squares line. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const corpusDir = fileURLToPath(new URL('../test/fixtures/corpus/loghub/', import.meta.url));

/**
 * Every non-empty line of the Loghub samples, in file order, each decoded from its own bytes as
 * the worker decodes a Kafka message value (a flat string, not a slice of one big file string,
 * which V8 reads more slowly).
 */
export function loghubLines(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => Buffer.from(line, 'utf8').toString('utf8'));
}

/** Lines per second of `work` over `lines`: the best of several passes, after a warm-up pass. */
export function linesPerSecond<T>(lines: readonly T[], work: (line: T) => unknown, options: { passes?: number } = {}): number {
  let sink = 0;
  for (const line of lines) if (work(line)) sink++;
  let best = 0;
  for (let pass = 0; pass < (options.passes ?? 7); pass++) {
    const started = process.hrtime.bigint();
    for (const line of lines) if (work(line)) sink++;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, lines.length / seconds);
  }
  // Keeps the optimiser from proving the work unused.
  if (sink < 0) process.stdout.write('');
  return best;
}

/** A rate to measure: `work` on each of `lines` (a line of text, or whatever unit a benchmark counts). */
export interface RateTask<T = string> {
  readonly lines: readonly T[];
  readonly work: (line: T) => unknown;
}

/**
 * Lines per second of every task: the best of several rounds, each round measuring every task in
 * turn, so that a noisy spell of the machine is shared out instead of spoiling one figure.
 */
export function interleavedRates<T = string>(tasks: Readonly<Record<string, RateTask<T>>>, options: { rounds: number }): Record<string, number> {
  const best: Record<string, number> = {};
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, { lines, work }] of Object.entries(tasks)) {
      best[name] = Math.max(best[name] ?? 0, linesPerSecond(lines, work, { passes: 2 }));
    }
  }
  return best;
}

/** Least-squares fit y = a + b·x, with its coefficient of determination. */
export function linearFit(xs: readonly number[], ys: readonly number[]): { intercept: number; slope: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));
