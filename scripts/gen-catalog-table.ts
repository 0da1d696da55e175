/**
 * Regenerates the table of catalog domains in README.md (between the `catalog-table` markers)
 * from the records in data/signatures.
 *
 *   npx tsx scripts/gen-catalog-table.ts          # rewrite the table
 *   npx tsx scripts/gen-catalog-table.ts --check  # exit 1 if the table is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Catalog } from '../src/catalog/catalog.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));
export const START_MARKER = '<!-- catalog-table:start -->';
export const END_MARKER = '<!-- catalog-table:end -->';

/** Domain (the first part of the id, which is also the directory) → number of records, by name. */
export function domainCounts(catalog: Catalog): [string, number][] {
  const counts = new Map<string, number>();
  for (const { record } of catalog.entries) {
    const domain = record.id.split('/')[0]!;
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function renderCatalogTable(catalog: Catalog): string {
  const counts = domainCounts(catalog);
  return [
    '<!-- generated from data/signatures by scripts/gen-catalog-table.ts; do not edit by hand -->',
    '',
    'How to add a signature, step by step: [docs/catalog.md](docs/catalog.md).',
    '',
    '| domain | signatures |',
    '| --- | ---: |',
    ...counts.map(([domain, n]) => `| \`${domain}\` | ${n} |`),
    `| **total** (${counts.length} domains) | **${catalog.entries.length}** |`,
  ].join('\n');
}

/** `readme` with the text between the markers replaced by the table. */
export function withFreshCatalogTable(readme: string, catalog: Catalog): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md needs the markers ${START_MARKER} and ${END_MARKER}, in that order`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${renderCatalogTable(catalog)}\n${readme.slice(end)}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
  const current = readFileSync(README_PATH, 'utf8');
  const fresh = withFreshCatalogTable(current, catalog);
  if (argv.includes('--check')) {
    if (fresh !== current) {
      console.error('README.md catalog table is stale; run: npx tsx scripts/gen-catalog-table.ts');
      process.exitCode = 1;
    }
  } else if (fresh !== current) {
    writeFileSync(README_PATH, fresh);
    console.log('README.md catalog table updated');
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
