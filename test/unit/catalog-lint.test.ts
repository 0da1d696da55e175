import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { formatLintReport, lintCatalog } from '../../src/catalog/lint.ts';
import type { CompileProblem } from '../../src/match/types.ts';

const LINT = fileURLToPath(new URL('../fixtures/catalogs/lint', import.meta.url));
const MIXED = fileURLToPath(new URL('../fixtures/catalogs/mixed', import.meta.url));
const origin = (rel: string) => path.relative(process.cwd(), path.join(LINT, rel)).split(path.sep).join('/');

/** Stands in for the real compiler: rejects Python's named groups, as the JavaScript engine would. */
function rejectPythonGroups(catalog: Catalog): CompileProblem[] {
  return catalog.entries
    .filter((e) => e.record.regex.includes('(?P<'))
    .map((e) => ({ id: e.record.id, origin: e.origin, reason: 'unsupported construct "(?P<name>" at offset 0' }));
}
const compilesEverything = (): CompileProblem[] => [];

describe('lintCatalog', () => {
  it('reports pattern, path, graph and URL problems with their severity', async () => {
    const result = await lintCatalog(LINT, { checkPatterns: rejectPythonGroups });
    const seen = result.problems.map((p) => `${p.severity} ${p.file} ${p.field}`);
    expect(seen.sort()).toEqual(
      [
        `error ${origin('app/broken-pattern.json')} regex`,
        `warning ${origin('app/dangling.json')} official_doc_url`,
        `warning ${origin('app/dangling.json')} transition_graph.leads_to[1]`,
        `warning ${origin('app/dangling.json')} workarounds[0].sources[2]`,
        `warning ${origin('app/dangling.json')} dead_ends[0].sources[0]`,
        `warning ${origin('net/wrong-name.json')} id`,
        // None of these records carries examples.
        ...['app/broken-pattern', 'app/clean', 'app/dangling', 'net/wrong-name', 'net/misplaced'].map((f) => `warning ${origin(`${f}.json`)} examples`),
      ].sort(),
    );
    expect(result.ok).toBe(false);
    // Lint reports; it does not drop records the matcher rejects (the engine leaves them out itself).
    expect(result.catalog.entries).toHaveLength(5);
    const byField = new Map(result.problems.map((p) => [p.field, p.reason]));
    expect(byField.get('transition_graph.leads_to[1]')).toBe('names "app/does-not-exist", which is not in this catalog');
    expect(byField.get('id')).toBe('is "net/right-name" but the file\'s path says "net/wrong-name"; rename the file or fix the id');
    expect(byField.get('official_doc_url')).toBe('"docs.example.org/page" is not a valid URL');
    expect(byField.get('dead_ends[0].sources[0]')).toBe('"ftp://example.org/file" is not an http(s) URL');
  });

  it('is ok with warnings only', async () => {
    const result = await lintCatalog(LINT, { checkPatterns: compilesEverything });
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(result.ok).toBe(true);
  });

  it('fails on schema errors and duplicates from loading', async () => {
    const result = await lintCatalog(MIXED, { checkPatterns: compilesEverything });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.severity === 'error')).toHaveLength(4);
  });
});

describe('formatLintReport', () => {
  it('text: one line per problem, grouped by file with errors first, and a summary', async () => {
    const result = await lintCatalog(LINT, { checkPatterns: rejectPythonGroups });
    const lines = formatLintReport(result, { format: 'text' }).split('\n');
    const problemLines = lines.filter((l) => l !== '').slice(0, -1);
    expect(problemLines).toHaveLength(result.problems.length);
    // The file with an error comes first, its error before its warning.
    expect(problemLines.slice(0, 2)).toEqual([
      `error   ${origin('app/broken-pattern.json')}: field "regex": unsupported construct "(?P<name>" at offset 0`,
      `warning ${origin('app/broken-pattern.json')}: field "examples": missing: give at least 3 "match" lines and 1 "no_match" near miss`,
    ]);
    // One blank line between files: 5 files.
    expect(lines.filter((l) => l === '')).toHaveLength(5);
    expect(lines.at(-1)).toBe(`FAILED: 5 signatures loaded, 1 error, 10 warnings (catalog ${result.catalog.version})`);
  });

  it('json: machine-readable, same counts', async () => {
    const result = await lintCatalog(LINT, { checkPatterns: compilesEverything });
    const report = JSON.parse(formatLintReport(result, { format: 'json' })) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, version: result.catalog.version, signatures: 5, errors: 0, warnings: 10, overlaps: [] });
    expect(report['problems']).toEqual(result.problems);
  });
});
