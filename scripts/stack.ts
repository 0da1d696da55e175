// The local stack: a real Apache Kafka broker (scripts/kafka/) and a Redis, on 127.0.0.1, with no
// Docker engine. Used as a library by the integration global setup and as a CLI by people:
//
//   npx tsx scripts/stack.ts fetch    download the broker jars once (Maven)
//   npx tsx scripts/stack.ts up       start both in the background, record them in .cache/stack.json
//   npx tsx scripts/stack.ts status   say whether what stack.json lists still answers
//   npx tsx scripts/stack.ts down     stop what stack.json lists
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { brokerMainClass, kafkaAnswers, startKafka } from './kafka/broker.ts';
import { ensureKafkaJars, repoRoot } from './kafka/jars.ts';
import { freePort, killOnExit, pidRuns, sleep, spawnDaemon, tail, terminate } from './kafka/proc.ts';

export { kafkaAnswers, parseBrokers, startKafka, type KafkaHandle, type StartKafkaOptions } from './kafka/broker.ts';
export { ensureKafkaJars, kafkaVersion } from './kafka/jars.ts';

// ---------------------------------------------------------------------------------------------
// Redis

export interface RedisHandle {
  url: string;
  /** Stops the redis-server this call started; a no-op for a reused REDIS_URL. */
  stop(): Promise<void>;
  pid?: number;
  runDir?: string;
}

export interface StartRedisOptions {
  /** Leave redis-server running after this process exits (the CLI `up`). Default false. */
  detached?: boolean;
  timeoutMs?: number;
  /** Reuse REDIS_URL when it answers PING. Default true. */
  reuseEnv?: boolean;
}

/** True when `url` answers PING within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // A refused connection is an answer ("no"), not something to print.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisHandle> {
  const { detached = false, timeoutMs = 15_000, reuseEnv = true } = opts;
  const existing = process.env.REDIS_URL?.trim();
  if (reuseEnv && existing) {
    if (await redisAnswers(existing)) return { url: existing, stop: async () => undefined };
    process.stderr.write(`REDIS_URL=${existing} does not answer PING; starting a local redis-server instead.\n`);
  }

  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server is not on PATH. Install it (e.g. apt-get install redis-server) or set REDIS_URL to a running Redis.',
    );
  }
  const runDir = mkdtempSync(join(tmpdir(), 'logsig-redis-'));
  const logFile = join(runDir, 'redis.log');
  const port = await freePort();
  // Nothing to keep: no RDB snapshots, no append-only file.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', runDir];
  const { child, pid } = spawnDaemon('redis-server', args, { logFile, detached, cwd: runDir });
  const removeExitHook = detached ? () => undefined : killOnExit(pid, runDir);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= terminate(pid, 5_000).then(() => {
      removeExitHook();
      rmSync(runDir, { recursive: true, force: true });
    });
    return stopped;
  };

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (!(await redisAnswers(url, 1_000))) {
    if (exited || Date.now() > deadline) {
      const log = tail(logFile);
      await stop();
      throw new Error(`redis-server did not answer PING on ${url}. Last lines of its log:\n${log}`);
    }
    await sleep(100);
  }
  return { url, stop, pid, runDir };
}

// ---------------------------------------------------------------------------------------------
// .cache/stack.json: what `up` started, so `down` and `status` (other processes) can find it.

export const stackFile = join(repoRoot, '.cache', 'stack.json');

export interface StackRecord {
  kafka: { brokers: string[]; pid: number | null; runDir: string | null; logFile: string; version: string | null };
  redis: { url: string; pid: number | null; runDir: string | null };
  startedAt: string;
}

export function readStackFile(): StackRecord | undefined {
  if (!existsSync(stackFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stackFile, 'utf8')) as StackRecord;
  } catch {
    return undefined;
  }
}

/** The addresses recorded by `up`, when both still answer; otherwise undefined. */
export async function runningStack(): Promise<{ brokers: string[]; redisUrl: string } | undefined> {
  const record = readStackFile();
  if (!record) return undefined;
  const [kafkaUp, redisUp] = await Promise.all([kafkaAnswers(record.kafka.brokers), redisAnswers(record.redis.url)]);
  return kafkaUp && redisUp ? { brokers: record.kafka.brokers, redisUrl: record.redis.url } : undefined;
}

// ---------------------------------------------------------------------------------------------
// CLI

async function up(): Promise<number> {
  const running = await runningStack();
  if (running) {
    console.log(`Already up (see ${stackFile}).`);
    printAddresses(running.brokers, running.redisUrl);
    return 0;
  }
  const started = Date.now();
  const kafka = await startKafka({ detached: true });
  const kafkaMs = Date.now() - started;
  let redis: RedisHandle;
  try {
    redis = await startRedis({ detached: true });
  } catch (error) {
    await kafka.stop();
    throw error;
  }
  const record: StackRecord = {
    kafka: {
      brokers: kafka.brokers,
      pid: kafka.pid ?? null,
      runDir: kafka.runDir ?? null,
      logFile: kafka.logFile,
      version: kafka.version ?? null,
    },
    redis: { url: redis.url, pid: redis.pid ?? null, runDir: redis.runDir ?? null },
    startedAt: new Date().toISOString(),
  };
  mkdirSync(dirname(stackFile), { recursive: true });
  writeFileSync(stackFile, `${JSON.stringify(record, null, 2)}\n`);

  const kafkaWhat = kafka.pid ? `Kafka ${kafka.version} started in ${(kafkaMs / 1000).toFixed(1)} s (pid ${kafka.pid}, log ${kafka.logFile})` : 'Kafka reused from KAFKA_BROKERS';
  const redisWhat = redis.pid ? `redis-server started (pid ${redis.pid})` : 'Redis reused from REDIS_URL';
  console.log(`${kafkaWhat}\n${redisWhat}`);
  printAddresses(kafka.brokers, redis.url);
  console.log('Stop with: npx tsx scripts/stack.ts down');
  return 0;
}

function printAddresses(brokers: string[], redisUrl: string): void {
  console.log(`export KAFKA_BROKERS=${brokers.join(',')}`);
  console.log(`export REDIS_URL=${redisUrl}`);
}

async function down(): Promise<number> {
  const record = readStackFile();
  if (!record) {
    console.log(`Nothing to stop: ${stackFile} does not exist.`);
    return 0;
  }
  // Check the pid still runs what we started before signalling it: pids get reused.
  if (record.kafka.pid !== null) {
    const outcome = pidRuns(record.kafka.pid, brokerMainClass) ? await terminate(record.kafka.pid, 20_000) : 'gone';
    console.log(`Kafka (pid ${record.kafka.pid}): ${outcome}`);
  }
  if (record.redis.pid !== null) {
    const outcome = pidRuns(record.redis.pid, 'redis-server') ? await terminate(record.redis.pid, 5_000) : 'gone';
    console.log(`redis-server (pid ${record.redis.pid}): ${outcome}`);
  }
  for (const dir of [record.kafka.runDir, record.redis.runDir]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  rmSync(stackFile, { force: true });
  return 0;
}

async function status(): Promise<number> {
  const record = readStackFile();
  if (!record) {
    console.log('Down: no .cache/stack.json (start with `npx tsx scripts/stack.ts up`).');
    return 1;
  }
  const [kafkaUp, redisUp] = await Promise.all([kafkaAnswers(record.kafka.brokers), redisAnswers(record.redis.url)]);
  const pid = (value: number | null): string => (value === null ? 'reused' : `pid ${value}`);
  console.log(`Kafka ${record.kafka.version ?? ''} ${record.kafka.brokers.join(',')} (${pid(record.kafka.pid)}): ${kafkaUp ? 'answers' : 'DOES NOT ANSWER'}`);
  console.log(`Redis ${record.redis.url} (${pid(record.redis.pid)}): ${redisUp ? 'answers' : 'DOES NOT ANSWER'}`);
  if (!kafkaUp && record.kafka.logFile) console.log(`Broker log tail:\n${tail(record.kafka.logFile, 20)}`);
  return kafkaUp && redisUp ? 0 : 1;
}

function fetchJars(): number {
  const result = ensureKafkaJars();
  const how = result.fetched ? `fetched in ${(result.ms / 1000).toFixed(1)} s` : 'already cached';
  console.log(`Kafka ${result.version} jars ${how}: ${result.libsDir}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  switch (command) {
    case 'fetch':
      return fetchJars();
    case 'up':
      return up();
    case 'down':
      return down();
    case 'status':
      return status();
    default:
      console.error('usage: npx tsx scripts/stack.ts fetch|up|status|down');
      return 2;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    // Exit explicitly: the detached children are unref'd, but a lingering client socket must not keep
    // the CLI waiting.
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
