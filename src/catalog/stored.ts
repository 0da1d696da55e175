/**
 * The stored form of a catalog version — `{version, created_at, records: [raw…]}` — as written to
 * Redis by `catalog push` and to a worker's on-disk cache of its last good catalog. One format,
 * one reader: a stored catalog is validated record by record exactly like files are.
 */
import type { Catalog } from './catalog.ts';
import { loadCatalogFromRecords, type CatalogLoadResult } from './load-records.ts';
import type { CatalogProblem } from './problems.ts';

export interface StoredCatalog {
  readonly version: string;
  readonly created_at: string;
  readonly records: readonly unknown[];
}

/** The stored document is not a catalog: retrying will not help until someone fixes it. */
export class CatalogStoreError extends Error {
  override readonly name = 'CatalogStoreError';
  constructor(
    message: string,
    /** The Redis key or file that holds the bad document. */
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function toStored(catalog: Catalog, createdAt: Date = new Date()): StoredCatalog {
  return { version: catalog.version, created_at: createdAt.toISOString(), records: catalog.entries.map((e) => e.raw) };
}

/**
 * Loads a stored document, validating every record again. When the records no longer hash to the
 * version they are stored under (edited by hand, or some were rejected) that is reported, and the
 * valid records are still returned: a worker runs what it can rather than nothing.
 */
export function loadStored(text: string, where: string, expectedVersion?: string): CatalogLoadResult {
  const doc = parseStored(text, where);
  const version = expectedVersion ?? doc.version;
  const loaded = loadCatalogFromRecords(doc.records.map((raw, i) => ({ raw, origin: `${where}[${i}]` })));
  const problems: CatalogProblem[] = [...loaded.problems];
  if (loaded.catalog.version !== version) {
    problems.push({
      file: where,
      field: null,
      reason: `stored as version ${version} but the loaded records hash to ${loaded.catalog.version}; they were changed after the push or some were rejected`,
      severity: 'warning',
    });
  }
  return { catalog: loaded.catalog, problems };
}

function parseStored(text: string, where: string): StoredCatalog {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new CatalogStoreError(`${where} does not hold JSON: ${(err as Error).message}`, where, { cause: err });
  }
  if (doc === null || typeof doc !== 'object' || !Array.isArray((doc as { records?: unknown }).records)) {
    throw new CatalogStoreError(`${where} does not hold a stored catalog ({version, created_at, records: [...]})`, where);
  }
  return doc as StoredCatalog;
}
