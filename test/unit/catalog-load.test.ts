import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogDirError, loadCatalogDir, parseRecordText } from '../../src/catalog/load-files.ts';
import { formatProblem } from '../../src/catalog/problems.ts';

const MIXED = fileURLToPath(new URL('../fixtures/catalogs/mixed', import.meta.url));
const SEED = fileURLToPath(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url));
/** Origins are relative to the working directory when the file is below it. */
const origin = (rel: string) => path.relative(process.cwd(), path.join(MIXED, rel)).split(path.sep).join('/');

const tempDirs: string[] = [];
async function tempCatalog(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'logsig-catalog-'));
  tempDirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadCatalogDir on a directory with good and bad files', () => {
  it('loads the good records and skips the bad ones', async () => {
    const { catalog } = await loadCatalogDir(MIXED);
    expect(catalog.entries.map((e) => e.record.id)).toEqual(['api/good-one', 'db/good-two']);
    const first = catalog.byId.get('api/good-one');
    // The first file with an id wins; the duplicate later in sort order does not replace it.
    expect(first?.origin).toBe(origin('api/good-one.json'));
    expect(first?.record.resolvable).toBe(true);
    expect(first?.raw['x_team']).toBe('payments');
    expect(catalog.byId.get('db/good-two')?.record.tags).toEqual([]);
  });

  it('reports each bad file with its file, field and reason, in file order', async () => {
    const { problems } = await loadCatalogDir(MIXED);
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      [origin('bad/bad-json.json'), null],
      [origin('bad/bad-rate.json'), 'workarounds[1].success_rate'],
      [origin('bad/missing-regex.json'), 'regex'],
      [origin('dup/duplicate.json'), 'id'],
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    const [badJson, badRate, missingRegex, duplicate] = problems.map(formatProblem);
    expect(badJson).toMatch(/bad-json\.json: invalid JSON at line 5, column 1: /);
    expect(badRate).toBe(`${origin('bad/bad-rate.json')}: field "workarounds[1].success_rate": must be between 0 and 1`);
    expect(missingRegex).toBe(`${origin('bad/missing-regex.json')}: field "regex": is required: the pattern that recognises the error`);
    expect(duplicate).toContain(`duplicate id "api/good-one": already defined in ${origin('api/good-one.json')}`);
  });

  it('names a directory that cannot be read', async () => {
    await expect(loadCatalogDir(path.join(MIXED, 'no-such-dir'))).rejects.toBeInstanceOf(CatalogDirError);
    await expect(loadCatalogDir(path.join(MIXED, 'api', 'good-one.json'))).rejects.toThrow(/not a directory/);
  });

  it('gives absolute origins for files outside the working directory', async () => {
    const dir = await tempCatalog({ 'a/b.json': '{"id":"a/b","regex":"x"}' });
    const { catalog } = await loadCatalogDir(dir);
    expect(catalog.entries[0]?.origin).toBe(path.join(dir, 'a', 'b.json'));
  });

  it('reads files at any depth, ignores other extensions and tolerates a byte-order mark', async () => {
    const dir = await tempCatalog({
      'k8s/pods/crashloop.json': '\ufeff{"id":"k8s/pods/crashloop","regex":"CrashLoopBackOff"}',
      'k8s/README.md': '# not a record',
      'k8s/notes.json.bak': '{',
    });
    const { catalog, problems } = await loadCatalogDir(dir);
    expect(problems).toEqual([]);
    expect([...catalog.byId.keys()]).toEqual(['k8s/pods/crashloop']);
  });
});

describe('catalog version', () => {
  it('does not depend on key order, whitespace or file names', async () => {
    const seedText = await readFile(SEED, 'utf8');
    const seed = JSON.parse(seedText) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(seed).reverse());
    const other = '{"regex":"deadlock detected","id":"db/deadlock"}';
    const a = await tempCatalog({ 'api/seed.json': seedText, 'db/deadlock.json': other });
    const b = await tempCatalog({ 'zzz/renamed.json': JSON.stringify(reversed), 'aaa/first.json': JSON.stringify(JSON.parse(other), null, 4) });
    const [va, vb] = await Promise.all([loadCatalogDir(a), loadCatalogDir(b)]);
    expect(va.catalog.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(vb.catalog.version).toBe(va.catalog.version);
  });

  it('changes when any value changes', async () => {
    const a = await tempCatalog({ 'db/x.json': '{"id":"db/x","regex":"x","confidence":0.8}' });
    const b = await tempCatalog({ 'db/x.json': '{"id":"db/x","regex":"x","confidence":0.81}' });
    const [va, vb] = await Promise.all([loadCatalogDir(a), loadCatalogDir(b)]);
    expect(vb.catalog.version).not.toBe(va.catalog.version);
  });
});

describe('parseRecordText', () => {
  it('says where the JSON breaks even when the engine does not', () => {
    // V8 reports this one without a position ("Unexpected token ... is not valid JSON").
    const result = parseRecordText('{\n  "id": "a/b",\n  "regex": tru\n}', 'x.json');
    expect(result).toHaveProperty('problem');
    if (!('problem' in result)) return;
    expect(result.problem.reason).toMatch(/^invalid JSON at line 3, column 15: /);
  });

  it('reports empty files', () => {
    const result = parseRecordText('', 'empty.json');
    expect('problem' in result && result.problem.reason).toMatch(/^invalid JSON at line 1, column 1: /);
  });
});
