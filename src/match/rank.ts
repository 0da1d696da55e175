/**
 * Which match is "the" diagnosis when several signatures match one line.
 *
 * 1. More specific first: the pattern that demands more literal text of every match
 *    (`specificity`, counted from its syntax tree) names the error more precisely —
 *    "connect ECONNREFUSED …:6379" from a Redis client beats a generic "ECONNREFUSED".
 * 2. Higher `confidence` first: the catalog's own belief in the record (missing = 0.5, neutral).
 * 3. Longer matched span first: the pattern that explains more of this line.
 * 4. Id ascending: equal candidates always come out in the same order.
 */
import type { SignatureMatch } from './types.ts';

/** Confidence assumed for a record that does not state one. */
export const DEFAULT_CONFIDENCE = 0.5;

export function compareMatches(a: SignatureMatch, b: SignatureMatch): number {
  if (a.specificity !== b.specificity) return b.specificity - a.specificity;
  const ca = a.entry.record.confidence ?? DEFAULT_CONFIDENCE;
  const cb = b.entry.record.confidence ?? DEFAULT_CONFIDENCE;
  if (ca !== cb) return cb - ca;
  const span = b.end - b.start - (a.end - a.start);
  if (span !== 0) return span;
  const ia = a.entry.record.id;
  const ib = b.entry.record.id;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** A new array, best match first. */
export function rankMatches(matches: readonly SignatureMatch[]): SignatureMatch[] {
  return [...matches].sort(compareMatches);
}
