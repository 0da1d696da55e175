/**
 * The signature record: one JSON file per known error.
 *
 * Records in the wild are loose — `"resolvable": "true"` is a string, `action` is sometimes "",
 * `subcategory` is null — so every optional field is accepted in its loose forms and normalised
 * here, once, at load. Fields this schema does not know are kept (`looseObject`): a catalog written
 * for a newer logsig still loads, and `catalog push` stores records as they were written.
 *
 * Only `id` and `regex` are required: without them a record can neither be addressed nor matched.
 */
import { z } from 'zod';

/** `""`, whitespace and `null` all mean "not given". */
function blankToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return value;
}

const text = z.preprocess(blankToNull, z.string().nullable()).default(null);

/** Numbers arrive as numbers or as numeric strings ("0.85"). */
const looseNumber = z
  .preprocess((value) => {
    const v = blankToNull(value);
    if (typeof v === 'string' && Number.isFinite(Number(v))) return Number(v);
    return v;
  }, z.number().finite().nullable())
  .default(null);

/** A rate or confidence: a number in [0, 1], loose like every number. */
const looseRate = z
  .preprocess((value) => {
    const v = blankToNull(value);
    if (typeof v === 'string' && Number.isFinite(Number(v))) return Number(v);
    return v;
  }, z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable())
  .default(null);

/** Booleans arrive as booleans, "true"/"false", "yes"/"no" or 1/0. */
const looseBoolean = z
  .preprocess((value) => {
    const v = blankToNull(value);
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (['true', 'yes', '1'].includes(s)) return true;
      if (['false', 'no', '0'].includes(s)) return false;
    }
    if (v === 1) return true;
    if (v === 0) return false;
    return v;
  }, z.boolean().nullable())
  .default(null);

/** A list that may be missing or null: both mean empty. */
function looseList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === null || value === undefined ? [] : value), z.array(item));
}

const sources = looseList(z.unknown());

export const WorkaroundSchema = z.looseObject({
  action: text,
  success_rate: looseRate,
  how: text,
  condition: text,
  sources,
});

export const DeadEndSchema = z.looseObject({
  action: text,
  why_fails: text,
  fail_rate: looseRate,
  condition: text,
  sources,
});

export const VersionSchema = z.looseObject({
  version: text,
  introduced: text,
  deprecated: text,
  removed: text,
  behavior_change: text,
  status: text,
});

export const TransitionGraphSchema = z.looseObject({
  leads_to: looseList(z.string()),
  preceded_by: looseList(z.string()),
  frequently_confused_with: looseList(z.string()),
});

export const ExamplesSchema = z.looseObject({
  match: looseList(z.string()),
  no_match: looseList(z.string()),
});

/** `<domain>/<slug>`: lower-case words joined by `-`, `_` or `.`, nested by `/`. */
export const SIGNATURE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)+$/;

export const SignatureRecordSchema = z.looseObject({
  id: z
    .string({ error: 'is required: a string like "<domain>/<slug>"' })
    .regex(SIGNATURE_ID_PATTERN, 'must look like "<domain>/<slug>" (lower case, digits, ".", "_", "-")'),
  signature: text,
  signature_zh: text,
  regex: z.string({ error: 'is required: the pattern that recognises the error' }).min(1, 'must not be empty'),
  /** Regex flags of the record (`i`, `s`, `m`, `x`), applied on top of any inline flags. */
  flags: text,
  domain: text,
  category: text,
  subcategory: text,
  root_cause: text,
  root_cause_type: text,
  root_cause_zh: text,
  versions: looseList(VersionSchema),
  os_specific: z.preprocess((v) => v ?? {}, z.record(z.string(), z.unknown())),
  dead_ends: looseList(DeadEndSchema),
  workarounds: looseList(WorkaroundSchema),
  /** Chinese workarounds: plain strings in the seed, full workaround objects in some catalogs. */
  workarounds_zh: looseList(z.union([z.string(), WorkaroundSchema])),
  transition_graph: z.preprocess((v) => v ?? {}, TransitionGraphSchema),
  official_doc_url: text,
  official_doc_section: text,
  error_code: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text),
  verification_tier: text,
  confidence: looseRate,
  fix_success_rate: looseRate,
  resolvable: looseBoolean,
  first_seen: text,
  last_confirmed: text,
  last_updated: text,
  evidence_count: looseNumber,
  tags: looseList(z.string()),
  locale: text,
  aliases: looseList(z.string()),
  examples: z.preprocess((v) => v ?? {}, ExamplesSchema),
});

export type SignatureRecord = z.output<typeof SignatureRecordSchema>;
export type Workaround = z.output<typeof WorkaroundSchema>;
export type DeadEnd = z.output<typeof DeadEndSchema>;
