/**
 * One catalog entry → one JavaScript `RegExp`, or a `CompileProblem` naming why not. Shared by the
 * simple engine and by lint, so "lint passes" and "the worker compiles it" can never disagree.
 */
import type { Catalog, CatalogEntry } from '../catalog/catalog.ts';
import { describeRejection, translatePattern } from './dialect.ts';
import type { CompileProblem } from './types.ts';

export type CompiledEntry =
  | { readonly ok: true; readonly entry: CatalogEntry; readonly regex: RegExp }
  | { readonly ok: false; readonly problem: CompileProblem };

export function compileEntry(entry: CatalogEntry): CompiledEntry {
  const { id, regex, flags } = entry.record;
  const translated = translatePattern(regex, flags);
  if (!translated.ok) return { ok: false, problem: { id, origin: entry.origin, reason: describeRejection(translated) } };
  // No `g`/`y`: a RegExp without them keeps no lastIndex, so one instance is safe to reuse forever.
  return { ok: true, entry, regex: new RegExp(translated.source, translated.flags) };
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
