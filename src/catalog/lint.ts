/**
 * `logsig lint`: everything that can be said about a catalog directory before it is pushed.
 * Errors (the record would be left out) fail the lint; warnings (it loads but looks wrong) do not.
 *
 * Pattern compilation is passed in rather than imported: the catalog does not depend on the
 * matcher, and the CLI wires the real compiler.
 */
import path from 'node:path';
import type { CompileProblem } from '../match/types.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import { loadCatalogDir } from './load-files.ts';
import { formatProblem, hasErrors, type CatalogProblem } from './problems.ts';

export interface LintOptions {
  readonly checkPatterns: (catalog: Catalog) => readonly CompileProblem[];
}

export interface LintResult {
  readonly catalog: Catalog;
  readonly problems: readonly CatalogProblem[];
  /** No errors (warnings allowed). */
  readonly ok: boolean;
}

export async function lintCatalog(dir: string, { checkPatterns }: LintOptions): Promise<LintResult> {
  const { catalog, problems: loadProblems } = await loadCatalogDir(dir);
  const problems: CatalogProblem[] = [...loadProblems];
  for (const p of checkPatterns(catalog)) problems.push({ file: p.origin, field: 'regex', reason: p.reason, severity: 'error' });
  for (const entry of catalog.entries) {
    problems.push(...checkIdMatchesPath(entry, dir), ...checkTransitionTargets(entry, catalog), ...checkUrls(entry));
  }
  // Grouped by file for reading; the sort is stable, so each file's problems keep their order.
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { catalog, problems, ok: !hasErrors(problems) };
}

/** `<dir>/<domain>/<slug>.json` must hold `<domain>/<slug>`, so a record can be found from its id. */
function checkIdMatchesPath(entry: CatalogEntry, dir: string): CatalogProblem[] {
  const rel = path.relative(path.resolve(dir), path.resolve(entry.origin)).split(path.sep).join('/');
  const expected = rel.replace(/\.json$/, '');
  if (expected === entry.record.id) return [];
  return [{ file: entry.origin, field: 'id', reason: `is "${entry.record.id}" but the file's path says "${expected}"; rename the file or fix the id`, severity: 'warning' }];
}

function checkTransitionTargets(entry: CatalogEntry, catalog: Catalog): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  const graph = entry.record.transition_graph;
  for (const key of ['leads_to', 'preceded_by', 'frequently_confused_with'] as const) {
    graph[key].forEach((target, i) => {
      if (!catalog.byId.has(target)) {
        out.push({ file: entry.origin, field: `transition_graph.${key}[${i}]`, reason: `names "${target}", which is not in this catalog`, severity: 'warning' });
      }
    });
  }
  return out;
}

function checkUrls(entry: CatalogEntry): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  const check = (field: string, value: unknown): void => {
    if (typeof value !== 'string') return;
    const reason = urlProblem(value);
    if (reason !== null) out.push({ file: entry.origin, field, reason, severity: 'warning' });
  };
  const r = entry.record;
  check('official_doc_url', r.official_doc_url);
  // Sources are free-form in the wild ("vendor docs", URLs, objects); only URL-looking strings are checked.
  const sourceLists = [
    ['workarounds', r.workarounds],
    ['dead_ends', r.dead_ends],
  ] as const;
  for (const [name, list] of sourceLists) {
    list.forEach((item, i) =>
      item.sources.forEach((s, j) => {
        if (typeof s === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(s)) check(`${name}[${i}].sources[${j}]`, s);
      }),
    );
  }
  return out;
}

function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a valid URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" is not an http(s) URL`;
  if (/\s/.test(value)) return `"${value}" contains whitespace`;
  return null;
}

export function formatLintReport(result: LintResult, { format }: { format: 'text' | 'json' }): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (format === 'json') {
    return JSON.stringify(
      {
        ok: result.ok,
        version: result.catalog.version,
        signatures: result.catalog.entries.length,
        errors,
        warnings,
        problems: result.problems,
      },
      null,
      2,
    );
  }
  const lines = result.problems.map((p) => `${p.severity === 'error' ? 'error  ' : 'warning'} ${formatProblem(p)}`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${result.ok ? 'ok' : 'FAILED'}: ${plural(result.catalog.entries.length, 'signature')} loaded, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (catalog ${result.catalog.version})`,
  );
  return lines.join('\n');
}
