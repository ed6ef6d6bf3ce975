import httpProxy from '@fastify/http-proxy';
import { ROUTER_API_BASE } from '@vtdeck/contracts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { toErrorBody } from '../http/errors';
import { fromStatus, fromThrown, type RouterClient } from '../upstreams/router';
import { requireRouterRead } from './v2/routers-access';

// The raw, read-only pass-through to a Router's REST API: `GET|HEAD /api/routers/{name}/api/20190715/*`
// answers exactly what the Router answers (its shapes, 404 problem JSON, health 500), with the
// configured credentials added here and the Router's certificate checked against its CA. The
// router is looked up in the default cluster, or in the one named by X-Vtdeck-Cluster.

const PROXY_TIMEOUT_MS = 10_000;
// Only what a Router reads; the caller's cookie, bearer token and CSRF token stay here.
const FORWARDED_HEADERS = ['accept', 'if-modified-since', 'if-none-match'] as const;

interface Params {
  router: string;
}

export const routersProxyRoutes: FastifyPluginAsync = async (app) => {
  const clientOf = new WeakMap<FastifyRequest, RouterClient>();
  // Two config entries may name the same Router with different credentials or trust, so each
  // client gets its own stand-in origin; the dispatcher hands the request to that client's pool.
  const byKey = new Map<string, RouterClient>();
  const keyOf = new Map<RouterClient, string>();
  for (const cluster of app.clusters.list) {
    for (const client of app.routerClients.list(cluster.name)) {
      const key = `https://r${keyOf.size}.routers.vtdeck.invalid`;
      byKey.set(key, client);
      keyOf.set(client, key);
    }
  }
  const mustClient = (request: FastifyRequest): RouterClient => {
    const client = clientOf.get(request);
    if (!client) throw new Error('router pass-through: no router resolved for this request');
    return client;
  };
  // Each Router's own pool (and so its CA or insecure setting and connection limit) serves the pass-through too.
  const dispatcher = {
    request(opts: Dispatcher.RequestOptions, callback: (err: Error | null, data?: unknown) => void) {
      const client = byKey.get(String(opts.origin));
      if (!client) return callback(new Error(`no router client for ${String(opts.origin)}`));
      return client.pool.request({ ...opts, origin: client.origin }, callback as never);
    },
  };
  const fail = (reply: FastifyReply, err: unknown) => {
    const body = toErrorBody(err);
    return reply
      .removeHeader('content-length')
      .removeHeader('content-type')
      .removeHeader('last-modified')
      .code(body.statusCode)
      .send(body);
  };

  await app.register(httpProxy, {
    prefix: `/routers/:router${ROUTER_API_BASE}`,
    upstream: '',
    rewritePrefix: ROUTER_API_BASE,
    httpMethods: ['GET', 'HEAD'],
    // Answers as the Router does, its bytes and their length (a HEAD too): no compression of ours.
    config: { compress: false },
    disableRequestLogging: true,
    undici: dispatcher as never,
    preHandler: async (request) => {
      requireRouterRead(request);
      const cluster = app.clusters.fromRequest(request);
      clientOf.set(request, app.routerClients.get(cluster.name, (request.params as Params).router));
    },
    replyOptions: {
      timeout: PROXY_TIMEOUT_MS,
      getUpstream: (request) => keyOf.get(mustClient(request as FastifyRequest)) as string,
      rewriteRequestHeaders: (request, headers) => {
        const client = mustClient(request as FastifyRequest);
        const out: Record<string, string> = { 'x-request-id': String(request.id) };
        for (const name of FORWARDED_HEADERS) {
          const value = headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        if (client.authorization) out.authorization = client.authorization;
        return out;
      },
      // A 401 challenge would make the browser ask the user for the Router's password.
      rewriteHeaders: (headers) => {
        const { 'www-authenticate': _challenge, 'set-cookie': _cookie, ...rest } = headers;
        return rest;
      },
      onResponse: (request, reply, res) => {
        const status = res.statusCode;
        if (status === 401 || status === 403) {
          res.stream.resume();
          const client = mustClient(request as FastifyRequest);
          return fail(reply as FastifyReply, fromStatus(client, status, '', `GET ${request.url}`));
        }
        return reply.send(res.stream);
      },
      onError: (reply, { error }) => {
        const request = reply.request as FastifyRequest;
        const cause = (error as { cause?: unknown }).cause ?? error;
        return fail(
          reply as FastifyReply,
          fromThrown(mustClient(request), cause, `GET ${request.url}`, PROXY_TIMEOUT_MS),
        );
      },
    },
  });

  // Read-only: anything but GET and HEAD is refused here, before a Router sees it.
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: `/routers/:router${ROUTER_API_BASE}/*`,
    handler: async (_request, reply) =>
      reply.code(405).header('allow', 'GET, HEAD').send({
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        error: 'Method Not Allowed',
        message: 'the router pass-through is read-only: only GET and HEAD are forwarded',
      }),
  });
};
