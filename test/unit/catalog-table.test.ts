/** The README's table of catalog domains is generated; it must match data/signatures. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/catalog.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { END_MARKER, README_PATH, renderCatalogTable, START_MARKER, withFreshCatalogTable } from '../../scripts/gen-catalog-table.ts';

const catalogOf = (...ids: string[]) =>
  makeCatalog(ids.map((id) => ({ record: SignatureRecordSchema.parse({ id, regex: 'x' }), raw: { id, regex: 'x' }, origin: `${id}.json` })));

describe('README catalog table', () => {
  it('is fresh (run `npx tsx scripts/gen-catalog-table.ts` after adding records)', async () => {
    const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readme).toBe(withFreshCatalogTable(readme, catalog));
  });
});

describe('renderCatalogTable', () => {
  it('counts records per domain, by name, with a total row', () => {
    const table = renderCatalogTable(catalogOf('redis/b', 'kafka/a', 'redis/a', 'kafka/consumer/nested'));
    expect(table.split('\n').slice(-5)).toEqual([
      '| domain | signatures |',
      '| --- | ---: |',
      '| `kafka` | 2 |',
      '| `redis` | 2 |',
      '| **total** (2 domains) | **4** |',
    ]);
  });

  it('replaces only what is between the markers, and needs both', () => {
    const catalog = catalogOf('a/b');
    const readme = `before\n${START_MARKER}\nold\n${END_MARKER}\nafter\n`;
    const fresh = withFreshCatalogTable(readme, catalog);
    expect(fresh).toBe(`before\n${START_MARKER}\n${renderCatalogTable(catalog)}\n${END_MARKER}\nafter\n`);
    expect(withFreshCatalogTable(fresh, catalog)).toBe(fresh);
    expect(() => withFreshCatalogTable('no markers', catalog)).toThrow(/needs the markers/);
  });
});
