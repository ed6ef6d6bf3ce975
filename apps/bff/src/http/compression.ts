import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/**
 * Answers are compressed when the client accepts it: the topology of 10,000 tablets is 2.8 MB of
 * JSON and 58 KB in brotli. Brotli first (browsers accept it), then gzip (curl, Prometheus).
 *
 * - JSON and text answers of 1 KB and more: `@fastify/compress`, per answer, on zlib's thread pool.
 * - Answers sent many times (the cached topology): `CachedBody`, compressed once per encoding.
 * - The built web: compressed at build time and sent as is (http/web.ts).
 * - Not compressed: server-sent events (excluded by type), the SQL console's NDJSON rows (not a type
 *   it compresses: rows must reach the browser as they come), a followed pod log (its route opts
 *   out), and anything under 1 KB.
 * Request bodies are not inflated: the console and the seed's clients send plain JSON, and a
 * compressed body would only widen what one request can make the BFF do.
 */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

// Brotli 5 and gzip 6. On a 2.8 MB topology (100 × 32 × 3): brotli 5 takes 11 ms for 58 KB, where
// brotli's default 11 takes seconds and 4 took 25 ms for 49 KB; gzip 6 takes 16 ms for 179 KB.
const BROTLI_QUALITY = 5;
// Below this, compressing saves less than it costs.
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: [...ENCODINGS],
    threshold: MIN_BYTES,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
  // Said plainly (RFC 9110 §15.5.16), rather than as the JSON parser's "not valid JSON".
  app.addHook('preParsing', (request, reply, payload, done) => {
    const coding = request.headers['content-encoding'];
    if (coding === undefined || coding.trim().toLowerCase() === 'identity') return done(null, payload);
    reply.header('accept-encoding', 'identity');
    done(
      new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `request bodies are not accepted with content-encoding ${JSON.stringify(coding)}: send the body uncompressed`,
      ),
    );
  });
}

/** The encoding this client accepts that we prefer; undefined when it accepts none (identity). */
export function acceptedEncoding(request: FastifyRequest): Encoding | undefined {
  const header = request.headers['accept-encoding'];
  if (!header) return undefined;
  // RFC 9110: x-gzip is gzip.
  const chosen = negotiate(header.toLowerCase().replace(/\bx-gzip\b/g, 'gzip'), [...ENCODINGS]);
  return (chosen ?? undefined) as Encoding | undefined;
}

const compressors: Record<Encoding, (raw: Buffer) => Promise<Buffer>> = {
  br: (raw) =>
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  gzip: (raw) => gzipped(raw),
};

/**
 * A JSON body sent to many clients: its compressed forms are made once, the first time a client asks
 * for each, on zlib's thread pool (the event loop only waits for them), and shared by every later
 * answer. Drop it with the data it was made from.
 */
export class CachedBody {
  readonly #encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(readonly raw: Buffer) {}

  encoded(encoding: Encoding): Promise<Buffer> {
    let body = this.#encoded.get(encoding);
    if (!body) {
      body = compressors[encoding](this.raw);
      this.#encoded.set(encoding, body);
    }
    return body;
  }

  /** Sends the form this client accepts (past the per-answer compression and the serialiser). */
  async send(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(request);
    if (!encoding || this.raw.length < MIN_BYTES) return reply.send(this.raw);
    const body = await this.encoded(encoding);
    return reply.header('content-encoding', encoding).send(body);
  }
}
