import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

// Server-Sent Events over a Fastify reply. The body is a stream handed to `reply.send`, so the usual
// hooks still run (security headers, a renewed session cookie) before the first byte goes out.

/** One SSE message; `data` must be a single line (JSON.stringify never emits raw newlines). */
export function sseFrame(event: string, data: string, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

/** A client this far behind is dropped; it reconnects and resumes from its Last-Event-ID. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

export class SseStream {
  private readonly body = new PassThrough();
  private closed = false;
  private readonly closers: (() => void)[] = [];

  constructor(private readonly reply: FastifyReply) {
    reply.raw.on('close', () => this.end());
  }

  /** Sends the headers and `retry` (how long the browser waits before reconnecting by itself). */
  open(retryMs: number): void {
    this.reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      // Reverse proxies (nginx) must pass events through as they come.
      .header('x-accel-buffering', 'no');
    this.body.write(`retry: ${retryMs}\n\n`);
    void this.reply.send(this.body);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(frame: string): void {
    if (this.closed) return;
    if (this.body.writableLength + this.reply.raw.writableLength > MAX_BACKLOG_BYTES) {
      this.reply.raw.destroy();
      this.end();
      return;
    }
    this.body.write(frame);
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  /** Ends the response (the browser reconnects after `retry`), or notes that the client went away. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.body.end();
    for (const fn of this.closers.splice(0)) fn();
  }
}
