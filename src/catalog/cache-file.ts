/**
 * A worker's last good catalog on disk (`catalog.cache_file`): written after every successful load
 * from Redis, read when Redis has none or cannot be reached, so a restart during a Redis outage
 * comes back with the catalog the fleet was running rather than the one bundled with the release.
 */
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Catalog } from './catalog.ts';
import type { CatalogLoadResult } from './load-records.ts';
import { loadStored, toStored } from './stored.ts';

/** Writes atomically (temp file + rename): a crash mid-write never leaves half a catalog. */
export async function writeCatalogCache(file: string, catalog: Catalog): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(toStored(catalog)));
  await rename(temp, file);
}

/** The cached catalog, or null when there is no cache file yet. */
export async function readCatalogCache(file: string): Promise<CatalogLoadResult | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return loadStored(text, file);
}
