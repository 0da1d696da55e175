/**
 * `--format pretty`: for a person at a terminal. One block per diagnosis — what it is, why it
 * happens, what to do (best first), what not to bother with — and a table of counts at the end.
 */
import pc from 'picocolors';
import type { DiagnosedEvent } from '../../enrich/event.ts';
import type { ScanSummary } from './summary.ts';

const percent = (rate: number | null): string => (rate === null ? '  ? ' : `${Math.round(rate * 100)}%`.padStart(4));

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function formatEventPretty(event: DiagnosedEvent): string {
  const where = event.source.topic === null ? `${event.source.file}:${event.source.line_number}` : `${event.source.topic}/${event.source.partition}@${event.source.offset}`;
  const confidence = event.signature.confidence === null ? '' : pc.dim(` confidence ${event.signature.confidence}`);
  const out = [
    `${pc.bold(pc.red('●'))} ${pc.bold(event.signature.id)}${confidence}  ${pc.dim(where)}`,
    `  ${pc.bold(event.signature.title ?? event.signature.id)}`,
    `  ${pc.dim('line ')} ${clip(event.line, 160)}${event.line_truncated ? pc.yellow(' [truncated]') : ''}`,
  ];
  if (event.root_cause) out.push(`  ${pc.cyan('cause')} ${event.root_cause}`);
  event.workarounds.forEach((w, i) => {
    out.push(`  ${i === 0 ? pc.green('fix  ') : '     '} ${pc.green(percent(w.success_rate))} ${w.action ?? w.how ?? ''}`);
  });
  for (const d of event.dead_ends) {
    out.push(`  ${pc.yellow('avoid')} ${pc.yellow(percent(d.fail_rate))} ${[d.action, d.why_fails].filter(Boolean).join(' — ')}`);
  }
  if (event.docs.url) out.push(`  ${pc.blue('docs ')} ${event.docs.url}`);
  if (event.also_matched.length > 0) out.push(`  ${pc.dim('also ')} ${event.also_matched.join(', ')}`);
  return `${out.join('\n')}\n\n`;
}

export function formatSummaryPretty(summary: ScanSummary): string {
  const rows = summary.ranked();
  const out: string[] = [];
  if (rows.length > 0) {
    const idWidth = Math.max(9, ...rows.map((r) => r.id.length));
    out.push(pc.bold(`${'count'.padStart(7)}  ${'signature'.padEnd(idWidth)}  title`));
    for (const r of rows) out.push(`${String(r.count).padStart(7)}  ${r.id.padEnd(idWidth)}  ${pc.dim(clip(r.title, 70))}`);
    out.push('');
  }
  const parts = [
    `${summary.lines} lines`,
    pc.bold(`${summary.matched} diagnosed`),
    `${summary.unmatched} unmatched`,
    `${summary.empty} empty`,
  ];
  if (summary.binary > 0) parts.push(`${summary.binary} with NUL bytes`);
  if (summary.truncated > 0) parts.push(`${summary.truncated} truncated`);
  if (summary.invalidUtf8 > 0) parts.push(`${summary.invalidUtf8} with invalid UTF-8`);
  out.push(parts.join(', '));
  return `${out.join('\n')}\n`;
}
