/**
 * One catalog entry → one compiled pattern, or a `CompileProblem` naming why not. Shared by every
 * engine and by lint, so "lint passes" and "the worker runs it" can never disagree.
 *
 * Linear time is guaranteed, not hoped for:
 *   1. The pattern is translated to JavaScript syntax (dialect.ts).
 *   2. RE2 compiles it: RE2 runs in time linear in the input by construction. Almost every log
 *      pattern takes this path.
 *   3. RE2 cannot express lookaround or backreferences. Such a pattern is accepted only when the
 *      static ReDoS checker `recheck` proves it free of super-linear backtracking; it then runs on
 *      V8. "Vulnerable" and "could not decide" are both rejections, with the reason.
 */
import RE2 from 're2';
import recheck from 'recheck';
import type { Catalog, CatalogEntry } from '../catalog/catalog.ts';
import { describeRejection, translatePattern } from './dialect.ts';
import { extractLiterals } from './literals.ts';
import { splitAroundLiteral, type LiteralSplit } from './split.ts';
import { parsePattern } from './syntax.ts';
import type { CompileProblem } from './types.ts';

/** How long the ReDoS checker may think about one pattern before it counts as unproven. */
const RECHECK_TIMEOUT_MS = 1000;

export interface CompiledPattern {
  readonly ok: true;
  readonly entry: CatalogEntry;
  /** The pattern in V8: the executor when `re2` is null, and the reference the tests compare with. */
  readonly regex: RegExp;
  /** The linear-time executor, or null for a lookaround/backreference pattern proven safe for V8. */
  readonly re2: RE2 | null;
  /** Literals every match contains one of (folded), or null. */
  readonly literals: readonly string[] | null;
  /**
   * The pattern split around each of its literals (split.ts; JavaScript syntax, as `regex`), for the
   * addon to confirm a match from where it found the literal: null where it does not split.
   */
  readonly splits: ReadonlyMap<string, LiteralSplit | null>;
  /** Literal characters every match contains: how specific the pattern is. */
  readonly specificity: number;
  /** Whether the pattern has named groups (and so captures worth extracting). */
  readonly hasNamedGroups: boolean;
}

export type CompiledEntry = CompiledPattern | { readonly ok: false; readonly problem: CompileProblem };

/**
 * The dialect module spells `\A`, `\z` and scoped-multiline anchors as lookarounds (JavaScript has
 * no other spelling); RE2 has them natively. These rewrites are exact equivalences.
 */
const RE2_SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['(?<![\\s\\S])', '\\A'],
  ['(?![\\s\\S])', '\\z'],
  ['(?<![^\\n\\r\\u2028\\u2029])', '(?m:^)'],
  ['(?![^\\n\\r\\u2028\\u2029])', '(?m:$)'],
];

export function toRe2Source(source: string): string {
  // Every spelling above is a negative lookaround, and most patterns have none.
  if (!source.includes('(?<!') && !source.includes('(?!')) return source;
  let out = source;
  for (const [js, re2] of RE2_SPELLINGS) out = out.split(js).join(re2);
  return out;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

export function compileEntry(entry: CatalogEntry): CompiledEntry {
  const { id, regex: pattern, flags: recordFlags } = entry.record;
  const problem = (reason: string): CompiledEntry => ({ ok: false, problem: { id, origin: entry.origin, reason } });

  const translated = translatePattern(pattern, recordFlags);
  if (!translated.ok) return problem(describeRejection(translated));
  const { source, flags } = translated;
  // No `g`/`y`: a RegExp without them keeps no lastIndex, so one instance is safe to reuse forever.
  const regex = new RegExp(source, flags);
  // One syntax tree for both the literals and the splits around them.
  const ast = parsePattern(source, flags);
  const { required, specificity } = extractLiterals(source, flags, ast);
  const splits = new Map((required ?? []).map((literal) => [literal, splitAroundLiteral(source, flags, literal, ast)] as const));

  let re2: RE2 | null = null;
  let re2Error = '';
  try {
    re2 = new RE2(toRe2Source(source), flags);
  } catch (error) {
    re2Error = firstLine(error);
  }
  if (re2 === null) {
    const verdict = recheck.checkSync(source, flags, { timeout: RECHECK_TIMEOUT_MS });
    if (verdict.status === 'vulnerable') {
      const attack = verdict.attack ? `; an attack string of the form ${verdict.attack.pattern} takes ${verdict.complexity.type === 'exponential' ? 'exponential' : 'polynomial'} time` : '';
      return problem(`not linear-time: RE2 cannot run it (${re2Error}) and it can backtrack catastrophically in V8${attack}`);
    }
    if (verdict.status !== 'safe') {
      return problem(`not provably linear-time: RE2 cannot run it (${re2Error}) and the ReDoS check could not decide within ${RECHECK_TIMEOUT_MS} ms`);
    }
  }
  // A named group opens with "(?<" not followed by = or ! (lookbehind). A false hit (the same
  // characters inside a class) only costs one needless capture lookup.
  const hasNamedGroups = /\(\?<(?![=!])/.test(source);
  return { ok: true, entry, regex, re2, literals: required, splits, specificity, hasNamedGroups };
}

/** Every pattern of the catalog that would be left out of matching, and why (catalog order). */
export function checkPatterns(catalog: Catalog): CompileProblem[] {
  const problems: CompileProblem[] = [];
  for (const entry of catalog.entries) {
    const compiled = compileEntry(entry);
    if (!compiled.ok) problems.push(compiled.problem);
  }
  return problems;
}
