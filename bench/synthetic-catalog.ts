/**
 * Seeded synthetic catalogs in the shapes of real signatures — literal phrases, codes like
 * `E\d{5}`, alternations, `.*`, named groups, exception names, durations — with, for each, a line
 * it matches and a near miss (its literals without its full pattern). Catalog N is the first N
 * signatures of one sequence, so smaller catalogs are subsets of larger ones.
 */
import { makeCatalog, type Catalog } from '../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../src/catalog/schema.ts';

/** Words of real error messages; phrases of three rarely occur in healthy logs. */
const WORDS = `
abort accept access account acquire active adapter address agent alarm alert allocate apply
archive assert attach attempt audit auth backend backoff balance bandwidth batch binding block
broker bucket buffer build bundle cache callback cancel capacity certificate channel checkpoint
checksum chunk cipher circuit claim client clock cluster codec commit compact config conflict
connect consumer container context controller cookie coordinator corrupt credential cursor daemon
database deadline decode delegate delete deliver deploy descriptor device digest directory disk
dispatch domain driver dump election encode endpoint engine entry epoch evict exceed expire export
extent factory fault fence fetch filter flush follower format frame gateway generation grant graph
handler handshake header heap heartbeat host identity image import index inode instance interval
invalid issuer journal kernel key lease ledger leader limit listener loader lock manifest mapping
marker member memory merge message metadata migration mirror module monitor mount namespace node
offset operator overflow owner packet page parser partition payload peer permit pipeline plugin
policy pool port primary probe process producer profile protocol provider proxy quorum quota queue
range reader realm rebalance record recovery redirect refresh region registry relay replica
request reserve resolver resource response restart retention revision role rollback route runtime
sandbox scheduler schema scope secret segment selector sequence serializer session shard signal
signature slot snapshot socket source span stack standby storage stream subject subscriber
supervisor swap switch sync table tenant thread throttle ticket timer token topic trace
transaction transport trigger truncate tunnel upstream validator vault vector version volume
watcher window worker writer zone`.trim().split(/\s+/);

const VERBS = ['failed', 'refused', 'rejected', 'expired', 'timed out', 'not found', 'unavailable', 'exhausted', 'denied', 'corrupted'];

/** Park–Miller: small, seeded, the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** Ranks 0..n-1 drawn from a Zipf distribution (s = 1): rank k about 1/(k+1) as often as rank 0. */
export function zipfSampler(n: number, seed: number): () => number {
  const next = random(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) cumulative.push((total += 1 / (k + 1)));
  return () => {
    const u = next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface SyntheticSignature {
  readonly id: string;
  readonly regex: string;
  /** A line the pattern matches. */
  readonly match: string;
  /** A line holding the pattern's literals that the full pattern does not match. */
  readonly nearMiss: string;
}

const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export function syntheticSignatures(count: number, seed = 20261125): SyntheticSignature[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const phrase = () => `${pick(WORDS)} ${pick(WORDS)} ${pick(VERBS)}`;
  const out: SyntheticSignature[] = [];
  for (let i = 0; i < count; i++) {
    const id = `synthetic/sig-${String(i).padStart(5, '0')}`;
    const p = phrase();
    const shape = i % 6;
    if (shape === 0) {
      // A literal phrase with a numeric detail.
      out.push({ id, regex: `${p} after \\d+ attempts`, match: `ERROR ${p} after 3 attempts`, nearMiss: `WARN ${p} after several attempts` });
    } else if (shape === 1) {
      // A product error code.
      const letter = pick(['E', 'ERR', 'X', 'KC', 'AADSTS']);
      out.push({ id, regex: `${letter}\\d{5}: ${p}`, match: `${letter}${digits(5)}: ${p} for request 42`, nearMiss: `${letter}${digits(3)}: ${p} for request 42` });
    } else if (shape === 2) {
      // An alternation of client spellings, then anything, then a fixed word.
      const q = phrase();
      const w = pick(WORDS);
      out.push({ id, regex: `(?:${p}|${q}).*\\b${w} id=\\d+`, match: `[main] ${q} while ${w} id=7`, nearMiss: `[main] ${q} while ${w} id=none` });
    } else if (shape === 3) {
      // An exception name and message.
      const cls = `${cap(pick(WORDS))}${cap(pick(WORDS))}Exception`;
      out.push({ id, regex: `${cls}: ${p}`, match: `java.lang.${cls}: ${p}`, nearMiss: `java.lang.${cls}: ok` });
    } else if (shape === 4) {
      // A named capture of a structured code.
      out.push({ id, regex: `(?<code>[A-Z]{3}-\\d{4}) ${p}`, match: `code ABC-${digits(4)} ${p}`, nearMiss: `code abc-1 ${p}` });
    } else {
      // Case-insensitive, with a duration.
      out.push({ id, regex: `(?i)${p} in \\d+(?:ms|s)\\b`, match: `${p.toUpperCase()} in 250ms`, nearMiss: `${p} in time` });
    }
  }
  return out;
}

export function syntheticCatalog(signatures: readonly SyntheticSignature[]): Catalog {
  return makeCatalog(
    signatures.map(({ id, regex }) => {
      const raw = { id, signature: id, regex, confidence: 0.7 };
      return { record: SignatureRecordSchema.parse(raw), raw, origin: `synthetic:${id}` };
    }),
  );
}
