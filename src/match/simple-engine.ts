/**
 * The reference engine: every pattern compiled once, each line tested against each pattern's V8
 * RegExp in turn. Its cost grows with the catalog, and it runs the V8 forms, so it is not what
 * logsig matches with (that is multi-engine.ts); it is the plain matcher the property tests hold
 * the fast engine to. It accepts and rejects exactly the same patterns (compile.ts).
 */
import type { Catalog, CatalogEntry } from '../catalog/catalog.ts';
import { compileEntry } from './compile.ts';
import { rankMatches } from './rank.ts';
import { truncateUtf8 } from './truncate.ts';
import type { CompileProblem, EngineOptions, LineMatch, MatchEngine, SignatureMatch } from './types.ts';

export { checkPatterns } from './compile.ts';

export function createSimpleEngine(catalog: Catalog, options: EngineOptions): MatchEngine {
  const { maxLineBytes } = options;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes <= 0) {
    throw new RangeError(`maxLineBytes must be a positive integer (got ${maxLineBytes})`);
  }
  const compiled: { entry: CatalogEntry; regex: RegExp; specificity: number }[] = [];
  const problems: CompileProblem[] = [];
  for (const entry of catalog.entries) {
    const result = compileEntry(entry);
    if (result.ok) compiled.push({ entry: result.entry, regex: result.regex, specificity: result.specificity });
    else problems.push(result.problem);
  }
  Object.freeze(problems);

  function match(line: string): LineMatch {
    const { text, truncated } = truncateUtf8(line, maxLineBytes);
    const found: SignatureMatch[] = [];
    for (const { entry, regex, specificity } of compiled) {
      const m = regex.exec(text);
      if (m === null) continue;
      const captures: Record<string, string> = {};
      // Groups that did not take part in the match are left out rather than reported as undefined.
      for (const [name, value] of Object.entries(m.groups ?? {})) if (value !== undefined) captures[name] = value;
      found.push({ entry, captures, start: m.index, end: m.index + m[0].length, specificity });
    }
    return { line: text, truncated, matches: found.length > 1 ? rankMatches(found) : found };
  }

  return Object.freeze({ catalog, size: compiled.length, problems, match });
}
