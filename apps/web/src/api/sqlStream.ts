import { ApiError, ClientCodes } from './errors';

/**
 * Splits a text stream into lines. Network chunks end anywhere (mid-line, mid-character), so the
 * tail after the last newline waits for the next chunk.
 */
export class LineSplitter {
  private tail = '';

  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines;
  }

  /** What is left when the stream ends: a last line without its newline. */
  flush(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest ? [rest] : [];
  }
}

function parseLine<T>(line: string): T | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed) as T;
  } catch {
    throw new ApiError({
      status: 200,
      code: ClientCodes.badResponse,
      message: `the server sent a line that is not JSON: ${trimmed.slice(0, 120)}`,
    });
  }
}

/** Reads an NDJSON body one value at a time, as the bytes arrive. */
export async function* readNdjson<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  // `stream: true` keeps a UTF-8 character cut between two chunks intact.
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const parts = done
        ? [...lines.push(decoder.decode()), ...lines.flush()]
        : lines.push(decoder.decode(value, { stream: true }));
      for (const line of parts) {
        const event = parseLine<T>(line);
        if (event !== undefined) yield event;
      }
      if (done) return;
    }
  } finally {
    // A consumer that stops early (cancel, an error) must not leave the connection open.
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
