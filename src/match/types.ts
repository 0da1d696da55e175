/**
 * The contract between the matcher and everything that uses it (worker, scan, lint, tests,
 * benchmarks). Pure: no I/O. The simple engine implements it today; the multi-pattern engine
 * implements the same interface later, so callers never change.
 */
import type { Catalog, CatalogEntry } from '../catalog/catalog.ts';

export interface SignatureMatch {
  readonly entry: CatalogEntry;
  /** Named capture groups of the match (empty when the pattern has none). */
  readonly captures: Readonly<Record<string, string>>;
  /** Where the match starts and ends in the (possibly truncated) line, in UTF-16 code units. */
  readonly start: number;
  readonly end: number;
  /** Literal characters the pattern demands of every match (see literals.ts); ranking uses it. */
  readonly specificity: number;
}

export interface LineMatch {
  /** The text that was matched: the input, cut to the byte cap when it was longer. */
  readonly line: string;
  readonly truncated: boolean;
  /** Best first (see ranking rule in src/match); empty when nothing matched. */
  readonly matches: readonly SignatureMatch[];
}

/** A pattern that could not be compiled: it is left out, the rest of the catalog still runs. */
export interface CompileProblem {
  readonly id: string;
  readonly origin: string;
  readonly reason: string;
}

export interface MatchEngine {
  readonly catalog: Catalog;
  /** Signatures that were compiled and take part in matching. */
  readonly size: number;
  readonly problems: readonly CompileProblem[];
  match(line: string): LineMatch;
  /**
   * Optional, a shortcut for callers that hold a line as bytes (the worker's Kafka values): for the
   * line that is `bytes[0 .. length)`, all ASCII, false only when `match` of the same line as a
   * string would find nothing and not cut it; true means "ask `match`". An engine without it, or
   * one that cannot tell, leaves every line to `match`.
   */
  mayMatchAscii?(bytes: Uint8Array, length: number): boolean;
}

export interface EngineOptions {
  /** Lines longer than this many UTF-8 bytes are cut before matching (`line_truncated`). */
  readonly maxLineBytes: number;
  /**
   * Run the prefilter's probe loop in the native addon when it is loaded (default true). The
   * results are the same either way; false exists for tests and benchmarks that compare the two.
   */
  readonly nativePrefilter?: boolean;
  /**
   * With the addon, find literals too short for the probe stride with its SIMD scan where the CPU
   * has one (default true); false keeps its pair loop. The same results either way; false exists
   * for tests and benchmarks that compare the two.
   */
  readonly simdShortScan?: boolean;
}
