/**
 * Loads the config once, at start, in layers — each overriding the one before:
 *
 *   config/default.yaml (shipped) → user YAML file (--config / LOGSIG_CONFIG)
 *     → LOGSIG_* environment variables → programmatic overrides (e.g. CLI flags)
 *
 * then validates the merged result with the strict schema. Every problem is collected and thrown
 * together as one `ConfigError`, each naming its key, its value and where that value came from.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { ConfigIssue, ConfigSource } from './errors.ts';
import { ConfigError } from './errors.ts';
import { readEnv } from './env.ts';
import { PARSE_PARAMS, fromZodIssues } from './issues.ts';
import type { Tree } from './merge.ts';
import { isPlainObject, mergeLayer } from './merge.ts';
import type { Config, ConfigInput } from './schema.ts';
import { ConfigSchema } from './schema.ts';

// Callers that load the config catch its error from the same module.
export { ConfigError } from './errors.ts';
export type { ConfigIssue, ConfigSource } from './errors.ts';

/** Resolved from this module, not the cwd, so `logsig` works from any directory. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/default.yaml', import.meta.url));
/** How the default file is named in messages (a path inside the project, not on this machine). */
const DEFAULT_CONFIG_NAME = 'config/default.yaml';

export type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;

export interface LoadConfigOptions {
  /** User config file. `undefined`: take `LOGSIG_CONFIG` from `env`; `null`: no user file. */
  readonly file?: string | null;
  /** Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Applied last, e.g. from command-line flags. */
  readonly overrides?: DeepPartial<ConfigInput>;
  /** How overrides are named in error messages. */
  readonly overridesSource?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const issues: ConfigIssue[] = [];
  const origins = new Map<string, ConfigSource>();

  const defaultsSource: ConfigSource = { kind: 'default-file', name: DEFAULT_CONFIG_NAME };
  let merged = mergeLayer({}, readYamlFile(DEFAULT_CONFIG_FILE, defaultsSource, issues), defaultsSource, origins);

  const file = options.file === undefined ? nonEmpty(env['LOGSIG_CONFIG']) : options.file;
  if (file !== null) {
    const source: ConfigSource = { kind: 'file', name: file };
    merged = mergeLayer(merged, readYamlFile(file, source, issues), source, origins);
  }

  const fromEnv = readEnv(env);
  issues.push(...fromEnv.issues);
  for (const setting of fromEnv.settings) {
    merged = mergeLayer(merged, setting.tree, { kind: 'env', name: setting.name }, origins);
  }

  if (options.overrides !== undefined) {
    const source: ConfigSource = { kind: 'overrides', name: options.overridesSource ?? 'overrides' };
    merged = mergeLayer(merged, options.overrides as Tree, source, origins);
  }

  const result = ConfigSchema.safeParse(merged, PARSE_PARAMS);
  if (!result.success) issues.push(...fromZodIssues(result.error.issues, origins));
  if (issues.length > 0 || !result.success) throw new ConfigError(issues);
  return result.data;
}

/** The mapping in a YAML file; problems are added to `issues` and an empty layer returned. */
function readYamlFile(path: string, source: ConfigSource, issues: ConfigIssue[]): Tree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    issues.push({ path: '', message: `cannot read config file: ${why}`, source });
    return {};
  }
  return parseYaml(text, source, issues);
}

/** Exposed for tests and for callers holding YAML text (e.g. from a ConfigMap). */
export function parseYaml(text: string, source: ConfigSource, issues: ConfigIssue[]): Tree {
  // Duplicate keys are errors (the yaml default): with two `brokers:` lines, which one is meant?
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) issues.push({ path: '', message: `not valid YAML: ${error.message}`, source });
    return {};
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) {
    issues.push({ path: '', message: 'the file must hold a mapping of keys (kafka:, redis:, …) at the top', source });
    return {};
  }
  return value;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
