/**
 * `logsig lint`: everything that can be said about a catalog directory before it is pushed.
 * Errors (the record would be left out, or it fails its own examples) fail the lint; warnings
 * (it loads but looks wrong) do not.
 *
 * Pattern compilation and the matcher are passed in rather than imported: the catalog does not
 * depend on src/match, and the CLI wires the real ones. Without `createEngine` the checks that
 * need a matcher (examples, overlaps, title) are skipped.
 */
import path from 'node:path';
import type { CompileProblem, MatchEngine } from '../match/types.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import { checkExampleCounts, checkExamples, type ExampleOverlap } from './lint-examples.ts';
import { checkTitle } from './lint-title.ts';
import { loadCatalogDir } from './load-files.ts';
import { hasErrors, type CatalogProblem } from './problems.ts';

export { formatLintReport } from './lint-report.ts';
export type { ExampleOverlap } from './lint-examples.ts';

export interface LintOptions {
  readonly checkPatterns: (catalog: Catalog) => readonly CompileProblem[];
  /** The matcher the worker uses; runs each record's examples and title against the whole catalog. */
  readonly createEngine?: (catalog: Catalog) => MatchEngine;
}

export interface LintResult {
  readonly catalog: Catalog;
  /** Grouped by file: files with errors first, then files with warnings only; errors first within a file. */
  readonly problems: readonly CatalogProblem[];
  /** Example lines on which another signature ranks first (each is also a warning in `problems`). */
  readonly overlaps: readonly ExampleOverlap[];
  /** No errors (warnings allowed). */
  readonly ok: boolean;
}

export async function lintCatalog(dir: string, { checkPatterns, createEngine }: LintOptions): Promise<LintResult> {
  const { catalog, problems: loadProblems } = await loadCatalogDir(dir);
  const problems: CatalogProblem[] = [...loadProblems];
  const rejected = new Set<string>();
  for (const p of checkPatterns(catalog)) {
    rejected.add(p.id);
    problems.push({ file: p.origin, field: 'regex', reason: p.reason, severity: 'error' });
  }
  for (const entry of catalog.entries) {
    problems.push(...checkIdMatchesPath(entry, dir), ...checkTransitionTargets(entry, catalog), ...checkUrls(entry), ...checkExampleCounts(entry));
  }
  const overlaps: ExampleOverlap[] = [];
  if (createEngine !== undefined) {
    const engine = createEngine(catalog);
    // The engine should reject exactly what checkPatterns reports; if it leaves out more, say so.
    for (const p of engine.problems) {
      if (rejected.has(p.id)) continue;
      rejected.add(p.id);
      problems.push({ file: p.origin, field: 'regex', reason: `rejected by the matching engine: ${p.reason}`, severity: 'error' });
    }
    for (const entry of catalog.entries) {
      if (rejected.has(entry.record.id)) continue;
      const examples = checkExamples(entry, engine);
      problems.push(...examples.problems, ...checkTitle(entry, engine));
      overlaps.push(...examples.overlaps);
    }
  }
  return { catalog, problems: groupByFile(problems), overlaps, ok: !hasErrors(problems) };
}

/** Files with errors first, then the rest, each in path order; within a file errors before warnings, otherwise as found. */
function groupByFile(problems: readonly CatalogProblem[]): CatalogProblem[] {
  const byFile = new Map<string, CatalogProblem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list === undefined) byFile.set(p.file, [p]);
    else list.push(p);
  }
  const rank = (file: string): number => (hasErrors(byFile.get(file)!) ? 0 : 1);
  const files = [...byFile.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const severity = (p: CatalogProblem): number => (p.severity === 'error' ? 0 : 1);
  // Array.prototype.sort is stable, so problems of one severity keep the order they were found in.
  return files.flatMap((file) => byFile.get(file)!.sort((a, b) => severity(a) - severity(b)));
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
