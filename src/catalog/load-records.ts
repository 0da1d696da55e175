/**
 * The one place where raw records become a catalog: files and Redis both hand their parsed JSON
 * here, so a record is judged the same way wherever it came from. A bad record is reported and
 * left out; the rest of the catalog still loads, because one typo must not take every signature
 * offline.
 */
import { makeCatalog, type Catalog, type CatalogEntry } from './catalog.ts';
import { problemsFromZodError, type CatalogProblem } from './problems.ts';
import { SignatureRecordSchema } from './schema.ts';

export interface RawRecordInput {
  /** Parsed JSON, exactly as written. */
  readonly raw: unknown;
  /** File path or `redis:<key>[<index>]`; becomes the entry's origin and the problems' `file`. */
  readonly origin: string;
}

export interface CatalogLoadResult {
  readonly catalog: Catalog;
  readonly problems: readonly CatalogProblem[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates every record, drops the bad ones (with their problems) and builds the catalog. */
export function loadCatalogFromRecords(inputs: readonly RawRecordInput[]): CatalogLoadResult {
  const problems: CatalogProblem[] = [];
  const entries: CatalogEntry[] = [];
  const firstOrigin = new Map<string, string>();

  for (const { raw, origin } of inputs) {
    if (!isPlainObject(raw)) {
      problems.push({ file: origin, field: null, reason: 'must be a JSON object (one signature record per file)', severity: 'error' });
      continue;
    }
    const parsed = SignatureRecordSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...problemsFromZodError(origin, parsed.error));
      continue;
    }
    const id = parsed.data.id;
    const previous = firstOrigin.get(id);
    if (previous !== undefined) {
      problems.push({ file: origin, field: 'id', reason: `duplicate id "${id}": already defined in ${previous}; this record is ignored`, severity: 'error' });
      continue;
    }
    firstOrigin.set(id, origin);
    entries.push(Object.freeze({ record: parsed.data, raw, origin }));
  }

  return { catalog: makeCatalog(entries), problems };
}
