/**
 * Lint: each record against its own `examples`, run through the real engine with the whole
 * catalog loaded — so the check sees what the worker would do with the line, including which
 * signature wins when several match.
 *
 * - a `match` line the record does not match: error (the pattern misses the error it names);
 * - a `no_match` line the record matches: error (the near miss is not a miss);
 * - a `match` line on which another signature ranks first: warning, naming both ids — the two
 *   signatures fight over the same lines, and the event would carry the other one;
 * - too few examples (under 3 `match` or 1 `no_match`): warning, since nothing holds the pattern
 *   to account otherwise.
 */
import type { MatchEngine } from '../match/types.ts';
import type { CatalogEntry } from './catalog.ts';
import type { CatalogProblem } from './problems.ts';

export const MIN_MATCH_EXAMPLES = 3;
export const MIN_NO_MATCH_EXAMPLES = 1;

/** One example line of `id` on which `other` ranks first. */
export interface ExampleOverlap {
  /** The record whose example the line is. */
  readonly id: string;
  /** The signature the engine ranks first on that line. */
  readonly other: string;
  readonly file: string;
  /** `examples.match[i]`. */
  readonly field: string;
  readonly line: string;
}

export interface ExampleCheck {
  readonly problems: CatalogProblem[];
  readonly overlaps: ExampleOverlap[];
}

/** Runs one record's examples; the engine must hold the record (a rejected pattern is not checked here). */
export function checkExamples(entry: CatalogEntry, engine: MatchEngine): ExampleCheck {
  const problems: CatalogProblem[] = [];
  const overlaps: ExampleOverlap[] = [];
  const { id, examples } = entry.record;
  const file = entry.origin;

  examples.match.forEach((line, i) => {
    const field = `examples.match[${i}]`;
    const matches = engine.match(line).matches;
    if (!matches.some((m) => m.entry.record.id === id)) {
      problems.push({ file, field, reason: `does not match its own pattern: ${quote(line)}`, severity: 'error' });
      return;
    }
    const top = matches[0]!.entry.record.id;
    if (top !== id) {
      overlaps.push({ id, other: top, file, field, line });
      problems.push({
        file,
        field,
        reason: `overlap: "${top}" ranks first on this line, not "${id}" itself; if the line is that error, move the example there, otherwise narrow "${top}": ${quote(line)}`,
        severity: 'warning',
      });
    }
  });

  examples.no_match.forEach((line, i) => {
    if (engine.match(line).matches.some((m) => m.entry.record.id === id)) {
      problems.push({ file, field: `examples.no_match[${i}]`, reason: `matches its own pattern, but is listed as a near miss: ${quote(line)}`, severity: 'error' });
    }
  });
  return { problems, overlaps };
}

/** Needs no engine: how many examples the record carries. */
export function checkExampleCounts(entry: CatalogEntry): CatalogProblem[] {
  const { match, no_match } = entry.record.examples;
  const file = entry.origin;
  if (match.length === 0 && no_match.length === 0) {
    return [{ file, field: 'examples', reason: `missing: give at least ${MIN_MATCH_EXAMPLES} "match" lines and ${MIN_NO_MATCH_EXAMPLES} "no_match" near miss`, severity: 'warning' }];
  }
  const out: CatalogProblem[] = [];
  if (match.length < MIN_MATCH_EXAMPLES) {
    out.push({ file, field: 'examples.match', reason: `has ${match.length} line${match.length === 1 ? '' : 's'}; give at least ${MIN_MATCH_EXAMPLES}`, severity: 'warning' });
  }
  if (no_match.length < MIN_NO_MATCH_EXAMPLES) {
    out.push({ file, field: 'examples.no_match', reason: `is empty; give at least ${MIN_NO_MATCH_EXAMPLES} near miss`, severity: 'warning' });
  }
  return out;
}

/** JSON quoting keeps control characters and line breaks of an example visible on one line. */
function quote(line: string): string {
  return JSON.stringify(line);
}
