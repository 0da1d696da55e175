/**
 * `LOGSIG_*` environment variables → a config layer.
 *
 * Names are matched against the schema's known leaves (`LOGSIG_KAFKA_UNMATCHED_TOPIC` is
 * `kafka.unmatched_topic`), never split on `_`, so underscores inside key names are not
 * ambiguous. Values are coerced to the leaf's type; a value that does not coerce is passed on
 * unchanged so the schema rejects it with the usual message naming the variable.
 */
import type { ConfigIssue } from './errors.ts';
import type { ConfigLeaf } from './leaves.ts';
import { ENV_PREFIX, configLeaves } from './leaves.ts';
import type { Tree } from './merge.ts';
import { closeNames } from './suggest.ts';

/** `LOGSIG_*` variables that are not config keys. */
export const NON_CONFIG_ENV: ReadonlySet<string> = new Set(['LOGSIG_CONFIG', 'LOGSIG_NATIVE_ADDON']);

export interface EnvSetting {
  /** The variable, e.g. `LOGSIG_KAFKA_BROKERS`. */
  readonly name: string;
  /** One-leaf tree, e.g. `{ kafka: { brokers: ['a:9092'] } }`, ready to merge. */
  readonly tree: Tree;
}

export interface EnvLayer {
  /** One per variable, so each merged value can name the variable it came from. */
  readonly settings: readonly EnvSetting[];
  readonly issues: readonly ConfigIssue[];
}

export function readEnv(env: NodeJS.ProcessEnv): EnvLayer {
  const byName = new Map(configLeaves().map((leaf) => [leaf.env, leaf] as const));
  const settings: EnvSetting[] = [];
  const issues: ConfigIssue[] = [];
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (!name.startsWith(ENV_PREFIX) || NON_CONFIG_ENV.has(name) || raw === undefined) continue;
    const leaf = byName.get(name);
    if (leaf === undefined) {
      issues.push({ path: '', message: unknownVariableMessage(name, [...byName.keys(), ...NON_CONFIG_ENV]), source: null });
      continue;
    }
    settings.push({ name, tree: treeOf(leaf.path, coerce(leaf, raw)) });
  }
  return { settings, issues };
}

function unknownVariableMessage(name: string, valid: readonly string[]): string {
  // A section left out (LOGSIG_BROKERS for LOGSIG_KAFKA_BROKERS) is a likely slip: suggest by suffix.
  const tail = `_${name.slice(ENV_PREFIX.length)}`;
  const bySuffix = valid.filter((v) => v.endsWith(tail));
  const close = bySuffix.length > 0 ? bySuffix.slice(0, 3) : closeNames(name, valid);
  const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : 'docs/config.md lists the valid names';
  return `${name} is not a logsig setting; ${hint}`;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The env string as the leaf's type; an empty string is null where null is allowed. */
export function coerce(leaf: Pick<ConfigLeaf, 'kind' | 'nullable'>, raw: string): unknown {
  const trimmed = raw.trim();
  if (trimmed === '' && leaf.nullable) return null;
  switch (leaf.kind) {
    case 'number':
      return NUMBER.test(trimmed) ? Number(trimmed) : raw;
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return raw;
    }
    case 'list':
      return trimmed === '' ? [] : trimmed.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'enum':
      return trimmed;
    case 'string':
      // Kept as written: spaces may belong to a password; the schema rejects them where they can't.
      return raw;
  }
}

/** `('a.b', 1)` → `{ a: { b: 1 } }`. */
function treeOf(path: string, value: unknown): Tree {
  return path
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Tree;
}
