import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromRecords } from '../../src/catalog/load-records.ts';
import { formatProblem, problemsFromZodError } from '../../src/catalog/problems.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';

const SEED_PATH = new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url);
const seedText = readFileSync(SEED_PATH, 'utf8');
const seedRaw = (): Record<string, unknown> => JSON.parse(seedText) as Record<string, unknown>;

/** Validates one record and returns its problems, formatted, as `loadCatalogFromRecords` reports them. */
function problemsOf(raw: unknown): string[] {
  return loadCatalogFromRecords([{ raw, origin: 'data/signatures/api/x.json' }]).problems.map(formatProblem);
}

describe('the seed record', () => {
  it('loads unchanged, without problems, and keeps the raw text as written', () => {
    const { catalog, problems } = loadCatalogFromRecords([{ raw: seedRaw(), origin: 'seed.json' }]);
    expect(problems).toEqual([]);
    expect(catalog.entries).toHaveLength(1);
    const entry = catalog.byId.get('api/oauth2-invalid-grant-refresh-token-expired');
    expect(entry).toBeDefined();
    // raw is what `catalog push` stores: it must be the file, loose values and all.
    expect(entry?.raw).toEqual(seedRaw());
    expect(entry?.raw['resolvable']).toBe('true');
  });

  it('normalises its loose values', () => {
    const record = SignatureRecordSchema.parse(seedRaw());
    expect(record.resolvable).toBe(true);
    expect(record.subcategory).toBeNull();
    expect(record.dead_ends[0]?.action).toBeNull();
    expect(record.dead_ends[0]?.condition).toBeNull();
    expect(record.dead_ends[0]?.fail_rate).toBe(0.9);
    expect(record.workarounds.map((w) => w.success_rate)).toEqual([0.85, 0.9, 0.8]);
    expect(record.workarounds_zh).toHaveLength(3);
    expect(record.examples).toEqual({ match: [], no_match: [] });
    expect(record.error_code).toBe('invalid_grant');
  });
});

describe('loose and unknown fields', () => {
  it('keeps fields the schema does not know, in raw and in record', () => {
    const raw = { ...seedRaw(), x_owner: { team: 'identity' }, 'x-runbook': 'https://example.org/rb' };
    const record = SignatureRecordSchema.parse(raw) as Record<string, unknown>;
    expect(record['x_owner']).toEqual({ team: 'identity' });
    expect(record['x-runbook']).toBe('https://example.org/rb');
    const { catalog } = loadCatalogFromRecords([{ raw, origin: 'a.json' }]);
    expect(catalog.entries[0]?.raw['x_owner']).toEqual({ team: 'identity' });
  });

  it('normalises strings, blanks and nulls', () => {
    const record = SignatureRecordSchema.parse({
      id: 'db/loose',
      regex: 'x',
      resolvable: 'no',
      confidence: '0.75',
      evidence_count: '12',
      error_code: 1205,
      subcategory: '   ',
      root_cause: '',
      tags: null,
      aliases: undefined,
      versions: null,
      transition_graph: { leads_to: null },
      workarounds: [{ action: '', success_rate: '', how: 'do it', sources: null }],
    });
    expect(record.resolvable).toBe(false);
    expect(record.confidence).toBe(0.75);
    expect(record.evidence_count).toBe(12);
    expect(record.error_code).toBe('1205');
    expect(record.subcategory).toBeNull();
    expect(record.root_cause).toBeNull();
    expect(record.tags).toEqual([]);
    expect(record.aliases).toEqual([]);
    expect(record.versions).toEqual([]);
    expect(record.transition_graph).toEqual({ leads_to: [], preceded_by: [], frequently_confused_with: [] });
    expect(record.workarounds[0]).toMatchObject({ action: null, success_rate: null, how: 'do it', sources: [] });
  });
});

describe('bad values name their field', () => {
  it('a rate above 1', () => {
    const raw = seedRaw();
    (raw['workarounds'] as Record<string, unknown>[])[1]!['success_rate'] = 1.5;
    expect(problemsOf(raw)).toEqual(['data/signatures/api/x.json: field "workarounds[1].success_rate": must be between 0 and 1']);
  });

  it('a missing regex and a malformed id, both reported', () => {
    const raw = seedRaw();
    delete raw['regex'];
    raw['id'] = 'No Slash';
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(2);
    expect(problems).toContain('data/signatures/api/x.json: field "id": must look like "<domain>/<slug>" (lower case, digits, ".", "_", "-")');
    expect(problems).toContain('data/signatures/api/x.json: field "regex": is required: the pattern that recognises the error');
  });

  it('a nested wrong type', () => {
    const raw = seedRaw();
    (raw['transition_graph'] as Record<string, unknown>)['leads_to'] = ['api/x', 42];
    const [problem] = problemsOf(raw);
    expect(problem).toMatch(/^data\/signatures\/api\/x\.json: field "transition_graph\.leads_to\[1\]": /);
  });

  it('a record that is not an object is a problem of the whole file', () => {
    expect(problemsOf(['not', 'a', 'record'])).toEqual(['data/signatures/api/x.json: must be a JSON object (one signature record per file)']);
  });

  it('problemsFromZodError writes paths as a.b[0].c', () => {
    const result = SignatureRecordSchema.safeParse({ id: 'a/b', regex: 'x', dead_ends: [{ fail_rate: 'often' }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    const [problem] = problemsFromZodError('f.json', result.error);
    expect(problem).toMatchObject({ file: 'f.json', field: 'dead_ends[0].fail_rate', severity: 'error' });
  });
});
