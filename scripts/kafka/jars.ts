// Fetches the Apache Kafka broker jars from Maven Central (scripts/kafka/pom.xml) into
// .cache/kafka/<version>/libs once, and checks that a usable Java runtime is present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pomFile = join(repoRoot, 'scripts', 'kafka', 'pom.xml');

/** The broker version, read from the pom so there is a single place to change it. */
export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(pomFile, 'utf8'));
  if (!match?.[1]) throw new Error(`${pomFile} has no <kafka.version> property`);
  return match[1].trim();
}

export function kafkaHome(version = kafkaVersion()): string {
  return join(repoRoot, '.cache', 'kafka', version);
}

// Written after Maven succeeds: the list of jars. A folder without it (an interrupted download)
// is fetched again.
const manifestName = 'jars.json';

function isComplete(home: string): boolean {
  const manifest = join(home, manifestName);
  if (!existsSync(manifest)) return false;
  try {
    const jars = JSON.parse(readFileSync(manifest, 'utf8')) as unknown;
    return Array.isArray(jars) && jars.length > 0 && jars.every((jar) => typeof jar === 'string' && existsSync(join(home, 'libs', jar)));
  } catch {
    return false;
  }
}

export interface JarsResult {
  libsDir: string;
  version: string;
  fetched: boolean;
  ms: number;
}

/** Makes sure the broker jars are on disk; runs Maven only when they are not. */
export function ensureKafkaJars(): JarsResult {
  const started = Date.now();
  const version = kafkaVersion();
  const home = kafkaHome(version);
  const libsDir = join(home, 'libs');
  if (isComplete(home)) return { libsDir, version, fetched: false, ms: Date.now() - started };

  // Download next to the final folder and rename at the end, so a concurrent or interrupted run
  // never leaves a half-filled libs folder that looks usable.
  mkdirSync(home, { recursive: true });
  const staging = join(home, `libs.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const mvn = spawnSync(
    'mvn',
    ['-B', '-q', '-Dstyle.color=never', '-f', pomFile, 'dependency:copy-dependencies', `-Dkafka.libs.dir=${staging}`],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (mvn.error) {
    rmSync(staging, { recursive: true, force: true });
    if ((mvn.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'Maven (mvn) is not on PATH. It is needed once to fetch the Apache Kafka broker jars from Maven Central ' +
          `into ${libsDir}. Install Maven (e.g. apt-get install maven), or point KAFKA_BROKERS at a running broker.`,
      );
    }
    throw mvn.error;
  }
  if (mvn.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const output = `${mvn.stdout}\n${mvn.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`Maven could not fetch the Kafka ${version} jars (exit ${mvn.status}):\n${output}`);
  }

  if (isComplete(home)) {
    // Another run finished the same download meanwhile and may already be using that folder.
    rmSync(staging, { recursive: true, force: true });
    return { libsDir, version, fetched: true, ms: Date.now() - started };
  }
  const jars = readdirSync(staging).filter((name) => name.endsWith('.jar')).sort();
  if (!jars.some((jar) => jar.startsWith('kafka_2.13-'))) {
    throw new Error(`Maven finished but ${staging} holds no kafka_2.13 jar; check scripts/kafka/pom.xml`);
  }
  rmSync(libsDir, { recursive: true, force: true });
  try {
    renameSync(staging, libsDir);
  } catch (error) {
    // Another process finished first; its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(libsDir)) throw error;
  }
  writeFileSync(join(home, manifestName), `${JSON.stringify(jars, null, 2)}\n`);
  return { libsDir, version, fetched: true, ms: Date.now() - started };
}

/** Checks that `java` runs and is new enough for the broker (Kafka 3.9 needs 11+, 17 recommended). */
export function checkJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) {
    throw new Error(
      'Java is not on PATH. The local Kafka broker is the official Apache Kafka JVM build; install a JDK or JRE ' +
        '17 (e.g. apt-get install openjdk-17-jre-headless), or point KAFKA_BROKERS at a running broker.',
    );
  }
  const text = `${java.stderr}${java.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match?.[1] === '1' ? Number(match[2]) : Number(match?.[1]);
  if (!Number.isFinite(major) || major < 11) {
    throw new Error(`The Kafka broker needs Java 11 or newer (17 recommended); \`java -version\` says:\n${text.trim()}`);
  }
}
