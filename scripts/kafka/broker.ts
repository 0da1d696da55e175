// A single-node Apache Kafka broker (KRaft: one JVM is both broker and controller) on 127.0.0.1,
// formatted fresh in a temp folder and started from the jars in .cache/kafka/<version>/libs.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { checkJava, ensureKafkaJars } from './jars.ts';
import { freePort, killOnExit, sleep, spawnDaemon, tail, terminate } from './proc.ts';

export interface KafkaHandle {
  brokers: string[];
  /** Stops the broker and removes its data; a no-op for a broker this process did not start. */
  stop(): Promise<void>;
  /** Broker output; empty when an existing broker was reused. */
  logFile: string;
  /** Set only when this call started the broker. */
  pid?: number;
  /** Temp folder with config, data and log; removed by stop(). */
  runDir?: string;
  version?: string;
}

export interface StartKafkaOptions {
  /** Leave the broker running after this process exits (the CLI `up`). Default false. */
  detached?: boolean;
  /** How long to wait for the broker to answer. Default 90 s. */
  timeoutMs?: number;
  /** JVM heap. Default 512m: enough for tests, kind to a small machine. */
  heap?: string;
  /** Reuse KAFKA_BROKERS when it answers. Default true. */
  reuseEnv?: boolean;
}

// The marker `down` looks for in /proc/<pid>/cmdline before signalling a recorded pid.
export const brokerMainClass = 'kafka.Kafka';

/** True when a kafkajs admin client can list topics on `brokers` within `timeoutMs`. */
export async function kafkaAnswers(brokers: string[], timeoutMs = 3_000): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'logsig-stack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3_000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await withTimeout(
      (async () => {
        await admin.connect();
        await admin.listTopics();
      })(),
      timeoutMs,
    );
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function parseBrokers(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/**
 * A KRaft cluster id: 16 random bytes in URL-safe base64 without padding, the form Kafka's own
 * `Uuid.randomUuid()` produces. Kafka avoids ids starting with '-' because CLIs read them as flags.
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(p: { brokerPort: number; controllerPort: number; dataDir: string }): string {
  return `${[
    '# Single-node KRaft broker for local runs and integration tests.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${p.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${p.brokerPort},CONTROLLER://127.0.0.1:${p.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${p.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${p.dataDir}`,
    // Tests create their own topics; auto-creation stays on so a worker pointed at a fresh broker works.
    'num.partitions=1',
    'auto.create.topics.enable=true',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    // One broker: the internal topics cannot have more than one replica. One partition each keeps the
    // first consumer group and the first transaction fast (50 partitions by default).
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    // Consumers in tests join a group once; the default 3 s wait before the first rebalance is dead time.
    'group.initial.rebalance.delay.ms=0',
    // Two cores: fewer threads than the defaults (3 network, 8 io).
    'num.network.threads=2',
    'num.io.threads=2',
    'log.retention.hours=1',
  ].join('\n')}\n`;
}

// Warnings only, to stdout, which the spawn sends to the log file; the one INFO line left is the
// "started" message, handy when reading a log after a failure.
const log4jProperties = `${[
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
].join('\n')}\n`;

/**
 * Starts a broker, or returns KAFKA_BROKERS when it is set and answers (then stop() does nothing).
 * Throws with the end of the broker log when the broker does not answer in time.
 */
export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaHandle> {
  const { detached = false, timeoutMs = 90_000, heap = '512m', reuseEnv = true } = opts;

  const existing = parseBrokers(process.env.KAFKA_BROKERS);
  if (reuseEnv && existing.length > 0) {
    if (await kafkaAnswers(existing, 5_000)) {
      return { brokers: existing, logFile: '', stop: async () => undefined };
    }
    process.stderr.write(`KAFKA_BROKERS=${existing.join(',')} does not answer; starting a local broker instead.\n`);
  }

  checkJava();
  const { libsDir, version } = ensureKafkaJars();
  const classpath = join(libsDir, '*');

  const runDir = mkdtempSync(join(tmpdir(), 'logsig-kafka-'));
  const dataDir = join(runDir, 'data');
  const propsFile = join(runDir, 'server.properties');
  const log4jFile = join(runDir, 'log4j.properties');
  const logFile = join(runDir, 'broker.log');
  const brokerPort = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === brokerPort) controllerPort = await freePort();
  writeFileSync(propsFile, serverProperties({ brokerPort, controllerPort, dataDir }));
  writeFileSync(log4jFile, log4jProperties);

  const jvmArgs = [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4jFile}`,
    `-Dkafka.logs.dir=${runDir}`,
  ];

  // Formatting writes meta.properties with the cluster id; a KRaft broker refuses unformatted dirs.
  const format = spawnSync(
    'java',
    [...jvmArgs, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propsFile],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) {
    rmSync(runDir, { recursive: true, force: true });
    throw new Error(`Formatting Kafka storage failed (exit ${format.status}):\n${`${format.stdout}\n${format.stderr}`.trim()}`);
  }

  const { child, pid } = spawnDaemon('java', [...jvmArgs, '-cp', classpath, brokerMainClass, propsFile], {
    logFile,
    detached,
    cwd: runDir,
  });
  const removeExitHook = detached ? () => undefined : killOnExit(pid, runDir);
  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal ? -1 : null);
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    // Controlled shutdown of a KRaft node takes a few seconds; 20 s before SIGKILL is generous.
    stopped ??= terminate(pid, 20_000).then(() => {
      removeExitHook();
      rmSync(runDir, { recursive: true, force: true });
    });
    return stopped;
  };

  const brokers = [`127.0.0.1:${brokerPort}`];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      const log = tail(logFile);
      await stop();
      throw new Error(`The Kafka broker exited during startup (code ${exitCode}). Last lines of its log:\n${log}`);
    }
    if (await kafkaAnswers(brokers, 2_000)) break;
    if (Date.now() > deadline) {
      const log = tail(logFile);
      await stop();
      throw new Error(`The Kafka broker did not answer on ${brokers[0]} within ${timeoutMs} ms. Last lines of its log:\n${log}`);
    }
    await sleep(250);
  }
  return { brokers, stop, logFile, pid, runDir, version };
}
