import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown, the app's part: `app.closing` is aborted when `app.close()` starts (preClose),
 * before the server stops taking requests. Answers that never end by themselves (a followed pod log,
 * a Server-Sent Events stream) end on it, so in-flight requests can finish and the process exit
 * without cutting connections. main.ts bounds the whole close with `server.shutdownTimeoutMs`.
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** Aborted when the BFF starts shutting down. Subscribe with `onClosing`. */
    closing: AbortSignal;
  }
}

export function registerShutdown(app: FastifyInstance): void {
  const controller = new AbortController();
  app.decorate('closing', controller.signal);
  app.addHook('preClose', async () => {
    controller.abort();
  });
  // A keep-alive connection whose request was in flight would otherwise outlive the close by the
  // keep-alive timeout: answers sent while closing end their connection, and those that end
  // without a header left to send (streams) let the idle connection go once they are done.
  // Callback-style, not async: these run on every answer (a promise per hook shows in bench/proxy.ts).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (controller.signal.aborted && !reply.raw.headersSent) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    if (controller.signal.aborted) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
}

/** Runs `end` when the app starts closing (at once if it has); returns the unsubscribe. */
export function onClosing(app: FastifyInstance, end: () => void): () => void {
  if (app.closing.aborted) {
    end();
    return () => {};
  }
  app.closing.addEventListener('abort', end, { once: true });
  return () => app.closing.removeEventListener('abort', end);
}
