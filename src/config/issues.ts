/**
 * Turns zod issues into `ConfigIssue`s: the key path, the offending value, what is allowed, and
 * where the value came from.
 *
 * Messages written in the schema are predicates that follow the value ("is not a valid Kafka
 * topic name; …"). Zod's own messages are replaced by code; to tell the two apart, parsing runs
 * with an error map that stamps zod's defaults with `DEFAULT_MESSAGE` (a schema's own message
 * always wins over the per-parse map).
 */
import type { z } from 'zod';
import type { ConfigIssue, ConfigSource } from './errors.ts';
import { showValue } from './errors.ts';
import { configObjectKeys } from './leaves.ts';
import { closeNames } from './suggest.ts';

export const DEFAULT_MESSAGE = '\u0000zod-default';

/** Pass to `safeParse` so issues carry their input and zod's defaults are recognisable. */
export const PARSE_PARAMS = { reportInput: true, error: () => DEFAULT_MESSAGE } as const;

/** Where each dot path (objects and leaves) was last set. */
export type Origins = ReadonlyMap<string, ConfigSource>;

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], origins: Origins): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.push({ path: formatPath(keyPath), message: unknownKeyMessage(path, key), source: originOf(keyPath, origins) });
      }
      continue;
    }
    const dotted = formatPath(path);
    out.push({ path: dotted, message: describe(issue, dotted), source: originOf(path, origins) });
  }
  return out;
}

/** `['kafka', 'brokers', 1]` → `kafka.brokers[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/** The source of the nearest enclosing path that some layer set; `null` = a schema default. */
function originOf(path: readonly (string | number)[], origins: Origins): ConfigSource | null {
  const keys = path.filter((p): p is string => typeof p === 'string');
  for (let n = keys.length; n > 0; n--) {
    const source = origins.get(keys.slice(0, n).join('.'));
    if (source !== undefined) return source;
  }
  return null;
}

function unknownKeyMessage(parent: readonly (string | number)[], key: string): string {
  const parentPath = parent.filter((p): p is string => typeof p === 'string').join('.');
  const known = configObjectKeys().get(parentPath) ?? [];
  const prefix = parentPath === '' ? '' : `${parentPath}.`;
  const close = closeNames(key, known);
  if (close.length > 0) return `unknown key; did you mean ${close.map((k) => prefix + k).join(' or ')}?`;
  return `unknown key; valid keys${parentPath === '' ? '' : ` in ${parentPath}`}: ${known.join(', ')}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
};

function describe(issue: z.core.$ZodIssue, path: string): string {
  const input = 'input' in issue ? issue.input : undefined;
  const value = showValue(path, input);
  if (issue.message !== DEFAULT_MESSAGE) {
    // A message from the schema: a predicate about the value, or, for an absent key, a sentence
    // starting "missing" (zod fills `input` of a refinement's issue with the whole object).
    return input === undefined || issue.message.startsWith('missing') ? issue.message : `${value} ${issue.message}`;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return input === undefined ? `missing; expected ${expected}` : `${value} is not ${expected}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v)).join(', ');
      return input === undefined ? `missing; use one of: ${allowed}` : `${value} is not allowed; use one of: ${allowed}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return `${value} is too short; use at least ${min} character${min === '1' ? '' : 's'}`;
      if (issue.origin === 'array') return `${value} has too few items; give at least ${min}`;
      return `${value} is too small; use a number ${issue.inclusive ? '>=' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `${value} is too long; use at most ${max} characters`;
      if (issue.origin === 'array') return `${value} has too many items; give at most ${max}`;
      return `${value} is too large; use a number ${issue.inclusive ? '<=' : '<'} ${max}`;
    }
    default:
      return `${value} is not allowed here`;
  }
}
