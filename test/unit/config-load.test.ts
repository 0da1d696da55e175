import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../src/config/errors.ts';
import { configLeaves } from '../../src/config/leaves.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/config/load.ts';
import { ConfigSchema } from '../../src/config/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'logsig-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function yamlFile(text: string): string {
  const path = join(dir, `user-${++fileCount}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** Loads with no user file and only the given env; returns the ConfigError thrown. */
function errorOf(options: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(options);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('loads with no file and no env', () => {
    const config = loadConfig({ env: {}, file: null });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.unmatched_topic).toBeNull();
    expect(config.match.max_line_bytes).toBe(65536);
    expect(config.telemetry.port).toBe(9464);
  });

  it('config/default.yaml and the schema defaults agree', () => {
    const fromFile = parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as unknown;
    // The file states every key itself; parsing it must change nothing, and must equal `{}` parsed.
    expect(ConfigSchema.parse(fromFile)).toEqual(fromFile);
    expect(ConfigSchema.parse({})).toEqual(fromFile);
  });

  it('every leaf with a default appears in config/default.yaml', () => {
    const fromFile = parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const leaf of configLeaves()) {
      if (leaf.default === undefined) continue; // inside kafka.sasl, which is null by default
      const [section, key] = leaf.path.split('.') as [string, string];
      expect(fromFile[section], leaf.path).toHaveProperty([key]);
    }
  });

  it('env variable names are unique', () => {
    const names = configLeaves().map((l) => l.env);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('environment overrides', () => {
  it('reads a list, comma-separated', () => {
    const c = loadConfig({ env: { LOGSIG_KAFKA_BROKERS: 'a:9092, b:9093' }, file: null });
    expect(c.kafka.brokers).toEqual(['a:9092', 'b:9093']);
  });

  it('reads a string, a number, a boolean and an enum', () => {
    const c = loadConfig({
      env: {
        LOGSIG_KAFKA_OUTPUT_TOPIC: 'x',
        LOGSIG_MATCH_MAX_LINE_BYTES: '1024',
        LOGSIG_KAFKA_SSL: 'true',
        LOGSIG_KAFKA_FROM_BEGINNING: '1',
        LOGSIG_MATCH_LOCALE: 'zh',
      },
      file: null,
    });
    expect(c.kafka.output_topic).toBe('x');
    expect(c.match.max_line_bytes).toBe(1024);
    expect(c.kafka.ssl).toBe(true);
    expect(c.kafka.from_beginning).toBe(true);
    expect(c.match.locale).toBe('zh');
  });

  it('reads a list of JSON field paths', () => {
    const c = loadConfig({ env: { LOGSIG_INPUT_MESSAGE_FIELDS: 'a,b.c' }, file: null });
    expect(c.input.message_fields).toEqual(['a', 'b.c']);
  });

  it('an empty value sets a nullable key to null', () => {
    const file = yamlFile('kafka:\n  unmatched_topic: logs.unmatched\n');
    expect(loadConfig({ env: {}, file }).kafka.unmatched_topic).toBe('logs.unmatched');
    expect(loadConfig({ env: { LOGSIG_KAFKA_UNMATCHED_TOPIC: '' }, file }).kafka.unmatched_topic).toBeNull();
  });

  it('builds kafka.sasl from its three variables', () => {
    const c = loadConfig({
      env: {
        LOGSIG_KAFKA_SASL_MECHANISM: 'scram-sha-512',
        LOGSIG_KAFKA_SASL_USERNAME: 'svc',
        LOGSIG_KAFKA_SASL_PASSWORD: 'pw',
      },
      file: null,
    });
    expect(c.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'svc', password: 'pw' });
  });

  it('overrides the user file, and overrides override env', () => {
    const file = yamlFile('kafka:\n  output_topic: from-file\n  group_id: file-group\n');
    const c = loadConfig({
      env: { LOGSIG_KAFKA_OUTPUT_TOPIC: 'from-env' },
      file,
      overrides: { kafka: { group_id: 'flag-group' } },
    });
    expect(c.kafka.output_topic).toBe('from-env');
    expect(c.kafka.group_id).toBe('flag-group');
    expect(c.kafka.input_topic).toBe('logs'); // untouched keys keep their defaults
  });

  it('takes the user file from LOGSIG_CONFIG', () => {
    const file = yamlFile('log:\n  level: debug\n');
    expect(loadConfig({ env: { LOGSIG_CONFIG: file } }).log.level).toBe('debug');
    expect(loadConfig({ env: { LOGSIG_CONFIG: file }, file: null }).log.level).toBe('info');
  });

  it('leaves LOGSIG_NATIVE_ADDON to the addon loader', () => {
    expect(loadConfig({ env: { LOGSIG_NATIVE_ADDON: '/some/where.node' }, file: null }).log.level).toBe('info');
  });

  it('rejects an unknown LOGSIG_ variable and suggests close names', () => {
    const err = errorOf({ env: { LOGSIG_KAFKA_BROKER: 'a:9092' }, file: null });
    expect(err.message).toBe(
      'config: LOGSIG_KAFKA_BROKER is not a logsig setting; did you mean LOGSIG_KAFKA_BROKERS?',
    );
  });

  it('suggests the full name when a section is left out', () => {
    const err = errorOf({ env: { LOGSIG_MAX_LINE_BYTES: '10' }, file: null });
    expect(err.message).toContain('did you mean LOGSIG_MATCH_MAX_LINE_BYTES?');
  });

  it('ignores variables without the prefix', () => {
    expect(() => loadConfig({ env: { HOME: '/', KAFKA_BROKERS: 'x' }, file: null })).not.toThrow();
  });

  it('names the variable when a value does not coerce', () => {
    const err = errorOf({ env: { LOGSIG_MATCH_MAX_LINE_BYTES: 'lots', LOGSIG_KAFKA_SSL: 'maybe' }, file: null });
    expect(err.message).toContain(
      'config: match.max_line_bytes: "lots" is not a number (from LOGSIG_MATCH_MAX_LINE_BYTES)',
    );
    expect(err.message).toContain('config: kafka.ssl: "maybe" is not true or false (from LOGSIG_KAFKA_SSL)');
  });
});

describe('errors name the key, the value, what is allowed and where it came from', () => {
  it('bad enum from env', () => {
    const err = errorOf({ env: { LOGSIG_MATCH_LOCALE: 'fr' }, file: null });
    expect(err.message).toBe('config: match.locale: "fr" is not allowed; use one of: en, zh (from LOGSIG_MATCH_LOCALE)');
    expect(err.issues).toEqual([
      {
        path: 'match.locale',
        message: '"fr" is not allowed; use one of: en, zh',
        source: { kind: 'env', name: 'LOGSIG_MATCH_LOCALE' },
      },
    ]);
    expect(err.retriable).toBe(false);
  });

  it('unknown key in a user file names the key and the file', () => {
    const file = yamlFile('kafka:\n  brokerz: [a:9092]\n');
    const err = errorOf({ env: {}, file });
    expect(err.message).toBe(`config: kafka.brokerz: unknown key; did you mean kafka.brokers? (in ${file})`);
  });

  it('unknown section with no close name lists the valid ones', () => {
    const file = yamlFile('prometheus:\n  port: 1\n');
    const err = errorOf({ env: {}, file });
    expect(err.message).toContain('config: prometheus: unknown key; valid keys: kafka, redis, catalog, match');
  });

  it('bad numbers: not an integer, out of range', () => {
    const file = yamlFile('telemetry:\n  port: 70000\nmatch:\n  max_line_bytes: 1.5\n');
    const err = errorOf({ env: {}, file });
    expect(err.message).toContain(`config: telemetry.port: 70000 is too large; use a number <= 65535 (in ${file})`);
    expect(err.message).toContain(`config: match.max_line_bytes: 1.5 is not an integer (in ${file})`);
  });

  it('a bad list item is named by index', () => {
    const err = errorOf({ env: { LOGSIG_KAFKA_BROKERS: 'a:9092,localhost' }, file: null });
    expect(err.message).toBe(
      'config: kafka.brokers[1]: "localhost" is not a broker address; use host:port, e.g. 127.0.0.1:9092 (from LOGSIG_KAFKA_BROKERS)',
    );
  });

  it('reports every problem at once', () => {
    const err = errorOf({ env: { LOGSIG_MATCH_LOCALE: 'fr', LOGSIG_LOG_LEVEL: 'loud' }, file: null });
    expect(err.issues.map((i) => i.path).sort()).toEqual(['log.level', 'match.locale']);
  });

  it('hides passwords', () => {
    const file = yamlFile('kafka:\n  sasl: {mechanism: gssapi, username: u, password: hunter2}\n');
    const err = errorOf({ env: { LOGSIG_REDIS_URL: 'http://u:s3cret@host:6379' }, file });
    expect(err.message).toContain('kafka.sasl.mechanism: "gssapi" is not allowed');
    expect(err.message).toContain('redis.url: "http://u:***@host:6379" is not a Redis URL');
    expect(err.message).not.toContain('s3cret');
    expect(err.message).not.toContain('hunter2');
  });

  it('a missing user file, invalid YAML and a non-mapping file are errors naming the file', () => {
    const missing = join(dir, 'nope.yaml');
    expect(errorOf({ env: {}, file: missing }).message).toBe(
      `config: cannot read config file: no such file (in ${missing})`,
    );
    const broken = yamlFile('kafka: [\n');
    expect(errorOf({ env: {}, file: broken }).message).toMatch(/^config: not valid YAML: .*\(in .*user-\d+\.yaml\)$/s);
    const list = yamlFile('- a\n- b\n');
    expect(errorOf({ env: {}, file: list }).message).toContain('must hold a mapping');
    const dup = yamlFile('log:\n  level: info\n  level: debug\n');
    expect(errorOf({ env: {}, file: dup }).message).toContain('not valid YAML');
  });

  it('an empty user file changes nothing', () => {
    expect(loadConfig({ env: {}, file: yamlFile('') })).toEqual(loadConfig({ env: {}, file: null }));
  });
});

describe('rules across keys', () => {
  it('unmatched_topic must differ from input_topic and output_topic', () => {
    const toInput = errorOf({ env: { LOGSIG_KAFKA_UNMATCHED_TOPIC: 'logs' }, file: null });
    expect(toInput.message).toBe(
      'config: kafka.unmatched_topic: "logs" is also kafka.input_topic; logsig would read its own output — use another topic (from LOGSIG_KAFKA_UNMATCHED_TOPIC)',
    );
    const toOutput = errorOf({ env: { LOGSIG_KAFKA_UNMATCHED_TOPIC: 'logs.diagnosed' }, file: null });
    expect(toOutput.message).toContain('kafka.unmatched_topic: "logs.diagnosed" is also kafka.output_topic');
  });

  it('output_topic must differ from input_topic', () => {
    const err = errorOf({ env: { LOGSIG_KAFKA_INPUT_TOPIC: 'logs.diagnosed' }, file: null });
    expect(err.issues.map((i) => i.path)).toEqual(['kafka.output_topic']);
  });

  it('sasl needs username and password', () => {
    const file = yamlFile('kafka:\n  sasl:\n    mechanism: plain\n    username: svc\n');
    const err = errorOf({ env: {}, file });
    expect(err.message).toBe(
      `config: kafka.sasl.password: missing; SASL needs both username and password (in ${file})`,
    );
    expect(() => loadConfig({ env: { LOGSIG_KAFKA_SASL_PASSWORD: 'pw' }, file })).not.toThrow();
  });

  it('sasl: null in a file removes sasl set below it', () => {
    const withSasl = yamlFile('kafka:\n  sasl: {mechanism: plain, username: u, password: p}\n');
    expect(loadConfig({ env: {}, file: withSasl }).kafka.sasl).not.toBeNull();
    expect(loadConfig({ env: {}, file: withSasl, overrides: { kafka: { sasl: null } } }).kafka.sasl).toBeNull();
  });
});
