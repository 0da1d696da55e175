/**
 * The lint report: text for people (one line per problem, a blank line between files, the pairs
 * of overlapping signatures, a summary line last) and JSON for machines (the same facts, whole).
 * Each problem line names its file, so a line read alone (grep, CI log) still says where.
 */
import type { LintResult } from './lint.ts';
import { formatProblem } from './problems.ts';

export interface OverlapPair {
  /** The record whose example lines another signature wins. */
  readonly id: string;
  /** The signature that ranks first on them. */
  readonly other: string;
  readonly lines: number;
}

/** Overlaps folded into pairs, most lines first. */
export function overlapPairs(result: Pick<LintResult, 'overlaps'>): OverlapPair[] {
  const counts = new Map<string, OverlapPair>();
  for (const o of result.overlaps) {
    const key = `${o.id}\n${o.other}`;
    const seen = counts.get(key);
    counts.set(key, { id: o.id, other: o.other, lines: (seen?.lines ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.lines - a.lines || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function formatLintReport(result: LintResult, { format }: { format: 'text' | 'json' }): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const pairs = overlapPairs(result);
  if (format === 'json') {
    return JSON.stringify(
      {
        ok: result.ok,
        version: result.catalog.version,
        signatures: result.catalog.entries.length,
        errors,
        warnings,
        problems: result.problems,
        overlaps: pairs,
      },
      null,
      2,
    );
  }
  const lines: string[] = [];
  let file: string | null = null;
  for (const p of result.problems) {
    if (file !== null && p.file !== file) lines.push('');
    file = p.file;
    lines.push(`${p.severity === 'error' ? 'error  ' : 'warning'} ${formatProblem(p)}`);
  }
  if (pairs.length > 0) {
    lines.push('', 'overlapping signatures (example of the first, ranked first by the second):');
    for (const pair of pairs) lines.push(`  ${pair.id}  <  ${pair.other}  (${plural(pair.lines, 'line')})`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(
    `${result.ok ? 'ok' : 'FAILED'}: ${plural(result.catalog.entries.length, 'signature')} loaded, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (catalog ${result.catalog.version})`,
  );
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
