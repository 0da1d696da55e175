/**
 * Loads a catalog from a directory of JSON files (`<domain>/<slug>.json`, any depth).
 * Files are read in sorted order so that, with duplicate ids, "the second one" is the same file on
 * every machine.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateJsonError } from './json-position.ts';
import { loadCatalogFromRecords, type CatalogLoadResult, type RawRecordInput } from './load-records.ts';
import type { CatalogProblem } from './problems.ts';

export { loadCatalogFromRecords, type CatalogLoadResult, type RawRecordInput } from './load-records.ts';

/** The catalog shipped with logsig, found from this module's own location so any cwd works. */
export const BUNDLED_CATALOG_DIR: string = fileURLToPath(new URL('../../data/signatures/', import.meta.url)).replace(/[\\/]$/, '');

/** The directory itself is unusable (missing, not a directory): nothing can be loaded at all. */
export class CatalogDirError extends Error {
  override readonly name = 'CatalogDirError';
  constructor(
    message: string,
    readonly dir: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export async function loadCatalogDir(dir: string): Promise<CatalogLoadResult> {
  const files = await listJsonFiles(dir);
  const inputs: RawRecordInput[] = [];
  const problems: CatalogProblem[] = [];
  for (const file of files) {
    const origin = displayPath(file);
    const result = parseRecordText(await readFile(file, 'utf8'), origin);
    if ('problem' in result) problems.push(result.problem);
    else inputs.push({ raw: result.raw, origin });
  }
  const loaded = loadCatalogFromRecords(inputs);
  // Report in file order, whichever stage found the problem.
  const rank = new Map(files.map((f, i) => [displayPath(f), i] as const));
  const all = [...problems, ...loaded.problems].sort((a, b) => (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0));
  return { catalog: loaded.catalog, problems: all };
}

/** Parses one file's text; a syntax error becomes a problem that says where. */
export function parseRecordText(text: string, origin: string): { raw: unknown } | { problem: CatalogProblem } {
  // Editors on Windows like to start files with a byte-order mark, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { raw: JSON.parse(body) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const at = locateJsonError(body);
    const where = at === null ? '' : ` at line ${at.line}, column ${at.column}`;
    return { problem: { file: origin, field: null, reason: `invalid JSON${where}: ${detail}`, severity: 'error' } };
  }
}

/** All `*.json` files under `dir`, absolute, sorted by their path relative to `dir`. */
async function listJsonFiles(dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) throw new CatalogDirError(`catalog path is not a directory: ${dir}`, dir);
  } catch (err) {
    if (err instanceof CatalogDirError) throw err;
    throw new CatalogDirError(`catalog directory cannot be read: ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, dir, { cause: err });
  }
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
    }
  };
  await walk(root);
  // Plain code-unit order, not locale order: the same on every machine.
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  return found.sort((a, b) => (rel(a) < rel(b) ? -1 : rel(a) > rel(b) ? 1 : 0));
}

/** Relative to the working directory when the file is below it (short, readable in reports), else absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join('/');
}
