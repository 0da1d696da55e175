/**
 * The config's leaf keys, read off the zod schema: path, type, default, meaning, env var name.
 *
 * Environment overrides, "did you mean" suggestions and `docs/config.md` all come from this one
 * list, so a key added to the schema is at once settable from the environment and documented.
 */
import { z } from 'zod';
import { ConfigSchema } from './schema.ts';

export type LeafKind = 'string' | 'number' | 'boolean' | 'list' | 'enum';

export interface ConfigLeaf {
  /** Dot path, e.g. `kafka.unmatched_topic`. */
  readonly path: string;
  readonly kind: LeafKind;
  readonly nullable: boolean;
  /** For `enum` leaves: the allowed values. */
  readonly values: readonly string[] | null;
  /** The schema default; `undefined` when the key has none (e.g. inside `kafka.sasl`). */
  readonly default: unknown;
  readonly description: string;
  /** `LOGSIG_` + the path upper-cased with `.` → `_`, e.g. `LOGSIG_KAFKA_UNMATCHED_TOPIC`. */
  readonly env: string;
}

export const ENV_PREFIX = 'LOGSIG_';

export function envName(path: string): string {
  return ENV_PREFIX + path.replaceAll('.', '_').toUpperCase();
}

let cached: readonly ConfigLeaf[] | null = null;

/** Every leaf of the config schema, in schema order. */
export function configLeaves(): readonly ConfigLeaf[] {
  if (cached === null) {
    const leaves: ConfigLeaf[] = [];
    walk(ConfigSchema, [], leaves);
    cached = Object.freeze(leaves);
  }
  return cached;
}

/** Every object path of the schema (`''`, `kafka`, `kafka.sasl`, …) with its keys, for suggestions. */
export function configObjectKeys(): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  collectObjects(ConfigSchema, [], map);
  return map;
}

interface Unwrapped {
  readonly core: z.ZodType;
  readonly nullable: boolean;
  readonly default: unknown;
  readonly description: string | undefined;
}

/** Peels default/prefault/optional/nullable wrappers, keeping what they say about the leaf. */
function unwrap(schema: z.ZodType): Unwrapped {
  let current: z.ZodType = schema;
  let nullable = false;
  let dflt: unknown;
  let description = current.description;
  for (;;) {
    if (current instanceof z.ZodDefault) {
      if (dflt === undefined) dflt = current.def.defaultValue;
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPrefault) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      nullable = true;
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodOptional) {
      current = current.def.innerType as z.ZodType;
    } else {
      break;
    }
    description ??= current.description;
  }
  return { core: current, nullable, default: dflt, description };
}

function walk(schema: z.ZodType, path: readonly string[], out: ConfigLeaf[]): void {
  const u = unwrap(schema);
  if (u.core instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(u.core.shape as Record<string, z.ZodType>)) {
      walk(child, [...path, key], out);
    }
    return;
  }
  const dotted = path.join('.');
  out.push({
    path: dotted,
    kind: kindOf(u.core, dotted),
    nullable: u.nullable,
    values: u.core instanceof z.ZodEnum ? (u.core.options as string[]) : null,
    default: u.default,
    description: u.description ?? '',
    env: envName(dotted),
  });
}

function kindOf(core: z.ZodType, path: string): LeafKind {
  if (core instanceof z.ZodString) return 'string';
  if (core instanceof z.ZodNumber) return 'number';
  if (core instanceof z.ZodBoolean) return 'boolean';
  if (core instanceof z.ZodArray) return 'list';
  if (core instanceof z.ZodEnum) return 'enum';
  // A new kind of leaf needs a way to be read from the environment: say so loudly, at first use.
  throw new TypeError(`config schema: ${path}: leaf type ${core.def.type} has no environment form`);
}

function collectObjects(schema: z.ZodType, path: readonly string[], out: Map<string, string[]>): void {
  const u = unwrap(schema);
  if (!(u.core instanceof z.ZodObject)) return;
  const shape = u.core.shape as Record<string, z.ZodType>;
  out.set(path.join('.'), Object.keys(shape));
  for (const [key, child] of Object.entries(shape)) collectObjects(child, [...path, key], out);
}
