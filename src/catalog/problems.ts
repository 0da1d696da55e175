/**
 * What is wrong with a catalog, said so a person can fix it: which file, which field, why.
 * Loading, pushing and linting all report in this one shape, so `logsig lint`, the worker's log
 * and the Redis loader read the same.
 */
import type { z } from 'zod';

export interface CatalogProblem {
  /** A file path, or `redis:<key>[<index>]` for a record read from Redis. */
  readonly file: string;
  /** Where in the record, written `a.b[0].c`; null when the problem is the whole file. */
  readonly field: string | null;
  readonly reason: string;
  /** An error means the record was left out (or would be); a warning means it loads but looks wrong. */
  readonly severity: 'error' | 'warning';
}

/** `["workarounds", 0, "success_rate"]` → `workarounds[0].success_rate`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `data/signatures/api/x.json: field "workarounds[0].success_rate": must be between 0 and 1` */
export function formatProblem(p: CatalogProblem): string {
  return p.field === null ? `${p.file}: ${p.reason}` : `${p.file}: field "${p.field}": ${p.reason}`;
}

/** One problem per zod issue; an issue at the root (path `[]`) is about the whole record. */
export function problemsFromZodError(file: string, error: z.ZodError): CatalogProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length === 0 ? null : formatFieldPath(issue.path),
    reason: issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a JSON object (one signature record per file)' : issue.message,
    severity: 'error' as const,
  }));
}

export function hasErrors(problems: readonly CatalogProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
