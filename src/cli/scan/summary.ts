/** What `logsig scan` counts while it reads: one tally shared by both output formats. */
import type { DiagnosedEvent } from '../../enrich/event.ts';

export interface SignatureTally {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  count: number;
}

export class ScanSummary {
  lines = 0;
  matched = 0;
  unmatched = 0;
  empty = 0;
  binary = 0;
  truncated = 0;
  invalidUtf8 = 0;
  readonly bySignature = new Map<string, SignatureTally>();

  addEvent(event: DiagnosedEvent): void {
    this.matched += 1;
    if (event.line_truncated) this.truncated += 1;
    const { id, title, domain } = event.signature;
    const tally = this.bySignature.get(id);
    if (tally) tally.count += 1;
    else this.bySignature.set(id, { id, title: title ?? id, domain: domain ?? '', count: 1 });
  }

  /** Most frequent first, then by id. */
  ranked(): SignatureTally[] {
    return [...this.bySignature.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  }
}
