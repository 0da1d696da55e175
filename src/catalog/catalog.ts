/**
 * A catalog is an immutable, versioned set of signature records. Workers swap whole catalogs
 * (never edit one in place), so a reader always sees one complete version.
 */
import { createHash } from 'node:crypto';
import type { SignatureRecord } from './schema.ts';

export interface CatalogEntry {
  /** The record as validated and normalised. */
  readonly record: SignatureRecord;
  /** The record exactly as written (unknown fields and loose values intact): what `catalog push` stores. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Where it came from: a file path, or `redis:<key>`. */
  readonly origin: string;
}

export interface Catalog {
  /** `sha256:<hex>` of the records' canonical JSON, so equal content means equal version everywhere. */
  readonly version: string;
  readonly entries: readonly CatalogEntry[];
  readonly byId: ReadonlyMap<string, CatalogEntry>;
}

/** JSON with object keys sorted, so the version does not depend on key order in the files. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys.filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Builds a frozen catalog; entries are ordered by id so the version is independent of file order. */
export function makeCatalog(entries: readonly CatalogEntry[]): Catalog {
  const sorted = [...entries].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const hash = createHash('sha256');
  for (const entry of sorted) hash.update(canonicalJson(entry.raw)).update('\n');
  const byId = new Map(sorted.map((e) => [e.record.id, e] as const));
  return Object.freeze({ version: `sha256:${hash.digest('hex')}`, entries: Object.freeze(sorted), byId });
}
