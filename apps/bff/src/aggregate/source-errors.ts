import type { SourceError } from '@vtdeck/contracts';
import { isUpstreamError } from '../upstreams/upstream-error';

const MAX_ERRORS = 50;

/** Collects one error per failed source; a vtctld that dies mid fan-out must not make 3,000 banners. */
export class SourceErrors {
  readonly items: SourceError[] = [];
  private dropped = 0;

  note(source: string, err: unknown): void {
    if (!isUpstreamError(err)) throw err;
    if (this.items.length < MAX_ERRORS) this.items.push({ source, kind: err.kind, message: err.message });
    else this.dropped++;
  }

  list(): SourceError[] {
    if (this.dropped === 0) return this.items;
    const last = this.items[this.items.length - 1];
    return [
      ...this.items,
      {
        source: 'vtctld',
        kind: last?.kind ?? 'upstream_5xx',
        message: `${this.dropped} more sources failed`,
      },
    ];
  }
}
