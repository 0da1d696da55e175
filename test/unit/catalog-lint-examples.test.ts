/**
 * `logsig lint` with the real engine: each record against its own examples, overlaps between
 * records, example counts and the title check, on a small fixture catalog built to trip each.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLintReport, lintCatalog, type LintResult } from '../../src/catalog/lint.ts';
import type { CatalogProblem } from '../../src/catalog/problems.ts';
import { checkPatterns, createEngine } from '../../src/match/engine.ts';
import { runLogsig } from '../support/cli.ts';

const DIR = fileURLToPath(new URL('../fixtures/catalogs/lint-examples', import.meta.url));
const file = (rel: string) => path.relative(process.cwd(), path.join(DIR, rel)).split(path.sep).join('/');
const real = { checkPatterns, createEngine: (c: Parameters<typeof createEngine>[0]) => createEngine(c) };

let result: LintResult;
beforeAll(async () => {
  result = await lintCatalog(DIR, real);
});

const of = (rel: string): CatalogProblem[] => result.problems.filter((p) => p.file === file(rel));
const brief = (p: CatalogProblem) => `${p.severity} ${p.field}`;

describe('examples through the engine', () => {
  it('a match line its own record misses is an error naming the field and the line', () => {
    const misses = of('app/misses.json');
    expect(misses.map(brief)).toEqual(['error examples.match[1]', 'error examples.no_match[0]']);
    expect(misses[0]!.reason).toBe('does not match its own pattern: "flux capacitor overload"');
    expect(misses[1]!.reason).toBe('matches its own pattern, but is listed as a near miss: "flux capacitor overload at 0 GW (self test)"');
  });

  it('a clean record has no problem, and a near miss another record matches is not its problem', () => {
    expect(of('app/good.json')).toEqual([]);
    expect(of('app/specific.json')).toEqual([]);
  });

  it('an example another signature ranks first is an overlap warning naming both ids', () => {
    // app/specific demands more literal text and has the higher confidence: it ranks first on
    // app/generic's examples under any sensible ranking.
    const generic = of('app/generic.json');
    expect(generic.map(brief)).toEqual(['warning examples.match[0]', 'warning examples.match[1]', 'warning examples.match[2]']);
    for (const p of generic) expect(p.reason).toMatch(/^overlap: "app\/specific" ranks first on this line, not "app\/generic" itself; .*: "[^"]*outbound queue full/);
    expect(result.overlaps).toEqual([
      { id: 'app/generic', other: 'app/specific', file: file('app/generic.json'), field: 'examples.match[0]', line: 'outbound queue full' },
      { id: 'app/generic', other: 'app/specific', file: file('app/generic.json'), field: 'examples.match[1]', line: 'outbound queue full (size=100)' },
      { id: 'app/generic', other: 'app/specific', file: file('app/generic.json'), field: 'examples.match[2]', line: 'WARN outbound queue full' },
    ]);
  });

  it('a rejected pattern is an error, and its examples are not run', () => {
    expect(of('app/rejected.json').map(brief)).toEqual(['error regex']);
  });
});

describe('example counts', () => {
  it('warns on fewer than 3 match lines and no near miss', () => {
    expect(of('app/few.json').map(brief)).toEqual(['warning examples.match', 'warning examples.no_match']);
  });

  it('warns once when there are no examples at all', () => {
    expect(of('app/none.json').map((p) => [p.severity, p.field, p.reason])).toEqual([
      ['warning', 'examples', 'missing: give at least 3 "match" lines and 1 "no_match" near miss'],
    ]);
  });
});

describe('title', () => {
  it('warns when the title quotes the regex text spelled differently, and the regex misses it', () => {
    // "disk quota exceeded for user" against the pattern's "Disk quota exceeded for user".
    expect(of('app/title.json').map(brief)).toEqual(['warning signature']);
    expect(of('app/title.json')[0]!.reason).toContain('"disk quota exceeded for user"');
  });

  it('leaves alone a descriptive title, a verbatim quote without its variable part, and a matched title', () => {
    expect(of('app/described.json')).toEqual([]);
    expect(of('app/truncated.json')).toEqual([]); // "Buffer overrun in ring." — the pattern wants a number after it
    expect(of('app/good.json')).toEqual([]); // "Widget: spline reticulation failed"
  });
});

describe('the whole report', () => {
  it('fails on errors; files with errors come first', () => {
    expect(result.ok).toBe(false);
    const files = [...new Set(result.problems.map((p) => p.file))];
    expect(files).toEqual(['app/misses.json', 'app/rejected.json', 'app/few.json', 'app/generic.json', 'app/none.json', 'app/title.json'].map(file));
  });

  it('text lists the overlapping pairs and a summary', () => {
    const text = formatLintReport(result, { format: 'text' }).split('\n');
    expect(text).toContain('  app/generic  <  app/specific  (3 lines)');
    expect(text.at(-1)).toBe(`FAILED: 10 signatures loaded, 3 errors, 7 warnings (catalog ${result.catalog.version})`);
  });

  it('json carries the same problems and the pairs', () => {
    const json = JSON.parse(formatLintReport(result, { format: 'json' })) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: false, signatures: 10, errors: 3, warnings: 7 });
    expect(json['problems']).toEqual(result.problems);
    expect(json['overlaps']).toEqual([{ id: 'app/generic', other: 'app/specific', lines: 3 }]);
  });

  it('without an engine, only the checks that need none run', async () => {
    const bare = await lintCatalog(DIR, { checkPatterns });
    expect(bare.overlaps).toEqual([]);
    expect(bare.problems.map((p) => `${p.file} ${brief(p)}`)).toEqual([
      `${file('app/rejected.json')} error regex`,
      `${file('app/few.json')} warning examples.match`,
      `${file('app/few.json')} warning examples.no_match`,
      `${file('app/none.json')} warning examples`,
    ]);
  });
});

describe('logsig lint (the binary)', () => {
  const WARNINGS = fileURLToPath(new URL('../fixtures/catalogs/lint-warnings', import.meta.url));

  it('exits 1 on errors and names the example', () => {
    const { status, stdout } = runLogsig(['lint', DIR]);
    expect(status).toBe(1);
    expect(stdout).toContain('misses.json: field "examples.match[1]": does not match its own pattern: "flux capacitor overload"');
  });

  it('exits 0 with warnings only, and 1 with --strict', () => {
    const plain = runLogsig(['lint', WARNINGS]);
    expect(plain.stdout).toContain('few-examples.json: field "examples.match": has 2 lines; give at least 3');
    expect(plain.status).toBe(0);
    expect(runLogsig(['lint', '--strict', WARNINGS]).status).toBe(1);
  });

  it('--format json lists the overlapping pairs', () => {
    const report = JSON.parse(runLogsig(['lint', '--format', 'json', DIR]).stdout) as { overlaps: unknown };
    expect(report.overlaps).toEqual([{ id: 'app/generic', other: 'app/specific', lines: 3 }]);
  });
});
