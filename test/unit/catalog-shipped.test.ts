/**
 * The catalog shipped in data/signatures: it must load cleanly, every record must carry examples
 * that its own pattern matches (and near misses it does not), and the demo samples must be
 * diagnosed exactly as data/samples/expected.json says — no more, no less.
 *
 * Patterns are compiled here with plain `new RegExp`: the shipped records are written in the
 * JavaScript dialect, so no translation is needed to check them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, CatalogEntry } from '../../src/catalog/catalog.ts';
import { lintCatalog } from '../../src/catalog/lint.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { formatProblem } from '../../src/catalog/problems.ts';
import type { CompileProblem } from '../../src/match/types.ts';

const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';
const SAMPLES = fileURLToPath(new URL('../../data/samples', import.meta.url));

const compile = (entry: CatalogEntry) => new RegExp(entry.record.regex, entry.record.flags ?? '');

let catalog: Catalog;
beforeAll(async () => {
  const loaded = await loadCatalogDir(BUNDLED_CATALOG_DIR);
  expect(loaded.problems.map(formatProblem)).toEqual([]);
  catalog = loaded.catalog;
});

describe('the shipped catalog', () => {
  it('is found from any working directory', () => {
    expect(path.isAbsolute(BUNDLED_CATALOG_DIR)).toBe(true);
    expect(BUNDLED_CATALOG_DIR.split(path.sep).slice(-2)).toEqual(['data', 'signatures']);
  });

  it('lints clean: no pattern, path, graph or URL problem, not even a warning', async () => {
    const checkPatterns = (c: Catalog): CompileProblem[] =>
      c.entries.flatMap((e) => {
        try {
          compile(e);
          return [];
        } catch (err) {
          return [{ id: e.record.id, origin: e.origin, reason: (err as Error).message }];
        }
      });
    const result = await lintCatalog(BUNDLED_CATALOG_DIR, { checkPatterns });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('ships the seed record byte for byte', () => {
    const shipped = readFileSync(path.join(BUNDLED_CATALOG_DIR, `${SEED_ID}.json`));
    const seed = readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url));
    expect(shipped.equals(seed)).toBe(true);
    expect(catalog.byId.has(SEED_ID)).toBe(true);
  });

  it('holds a dozen records across several domains', () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(11);
    expect(new Set(catalog.entries.map((e) => e.record.domain)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives every record the fields an on-call engineer needs, in English and Chinese', () => {
    for (const { record } of catalog.entries.filter((e) => e.record.id !== SEED_ID)) {
      const where = record.id;
      expect(record.domain, where).toBe(record.id.split('/')[0]);
      for (const field of ['signature', 'category', 'root_cause', 'official_doc_url', 'signature_zh', 'root_cause_zh'] as const) {
        expect(record[field], `${where} ${field}`).toEqual(expect.any(String));
      }
      expect(record.confidence, where).toEqual(expect.any(Number));
      expect(record.workarounds.length, where).toBeGreaterThanOrEqual(2);
      expect(record.workarounds_zh.length, where).toBe(record.workarounds.length);
      expect(record.dead_ends.length, where).toBeGreaterThanOrEqual(1);
      for (const w of record.workarounds) {
        expect(w.success_rate, where).toEqual(expect.any(Number));
        expect(w.how, where).toEqual(expect.any(String));
      }
      expect(record.examples.match.length, where).toBeGreaterThanOrEqual(3);
      expect(record.examples.no_match.length, where).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('examples', () => {
  it('every match example matches its own pattern', () => {
    const misses = catalog.entries.flatMap((e) => e.record.examples.match.filter((line) => !compile(e).test(line)).map((line) => `${e.record.id}: ${line}`));
    expect(misses).toEqual([]);
  });

  it('no near miss matches its own pattern', () => {
    const hits = catalog.entries.flatMap((e) => e.record.examples.no_match.filter((line) => compile(e).test(line)).map((line) => `${e.record.id}: ${line}`));
    expect(hits).toEqual([]);
  });
});

describe('demo samples', () => {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8')) as Record<string, Record<string, string[]>>;

  it.each(Object.keys(expected))('%s is diagnosed exactly as expected.json says', (file) => {
    const lines = readFileSync(path.join(SAMPLES, file), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const compiled = catalog.entries.map((e) => [e.record.id, compile(e)] as const);
    const actual: Record<string, string[]> = {};
    lines.forEach((line, i) => {
      const ids = compiled.filter(([, re]) => re.test(line)).map(([id]) => id);
      if (ids.length > 0) actual[String(i + 1)] = ids;
    });
    expect(actual).toEqual(expected[file]);
  });

  it('between them, the samples exercise every shipped signature', () => {
    const diagnosed = new Set(Object.values(expected).flatMap((byLine) => Object.values(byLine).flat()));
    expect([...catalog.byId.keys()].filter((id) => !diagnosed.has(id))).toEqual([]);
  });
});
