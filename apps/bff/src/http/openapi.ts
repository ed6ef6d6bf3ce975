import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorBody, K8sEnvelope } from '@vtdeck/contracts';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { OPERATIONS, type OperationDoc, TAGS } from './openapi-operations';

/**
 * The API described from the routes' own TypeBox schemas: `/api/openapi.json` (OpenAPI 3.1, whose
 * schemas are the JSON Schema 2020-12 TypeBox emits) and Swagger UI at `/api/docs`, both public.
 * Route schemas carry what Fastify validates and serialises; what is documentation only (summaries,
 * tags, security, error answers, the shapes of pass-through and redirect routes) is added here, in
 * the transform, from `openapi-operations.ts`, so it can never change how a route behaves.
 */

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';

const SEED_CLUSTER_HEADER = {
  type: 'object',
  properties: {
    'x-vtdeck-cluster': {
      type: 'string',
      description: 'the cluster to act on; default: the default cluster of the config',
      examples: ['staging'],
    },
  },
} as const;

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Referenced by the error answers the transform adds; `$id` names its component.
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'vtdeck BFF',
        version: VERSION,
        description:
          'The console API of vtdeck: the seed-compatible routes (`/api/keyspaces/`, `/api/vtctl/`, `/api/k8sns...`) with their original envelopes, the console’s own `/api/v2` routes, the read-only MySQL Router pass-through, and the operations endpoints. Sign in with `POST /api/v2/session` (cookie; writes then need the `x-csrf-token` of the answer) or send a service account’s API token as `Authorization: Bearer <token>`. Every answer carries `x-request-id`; send your own to follow a request into the upstreams’ logs.',
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token of a service account (auth.serviceAccounts)',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'vtdeck_session',
            description: 'set by POST /api/v2/session or the OIDC callback',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'csrfToken of GET /api/v2/session; required on writes made with the session cookie',
          },
        },
      },
    },
    refResolver: {
      // Shared schemas keep their own name (`#/components/schemas/ErrorBody`), not `def-0`.
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transform: ({ schema, url, route }) => ({
      schema: documentRoute(schema as Schema | undefined, url, route as Route),
      url: openApiPath(url),
    }),
  });

  await app.register(async (docs) => {
    // Documentation is public: it describes the API, it holds no data.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      uiConfig: { deepLinking: true, displayRequestDuration: true, withCredentials: true },
    });
    let json: string | undefined;
    docs.get(
      OPENAPI_PATH,
      // Sent as text (built once): the serialiser never sees it.
      { schema: { response: { 200: { description: 'this document (OpenAPI 3.1)', type: 'object' } } } },
      async (_request, reply) => {
        json ??= JSON.stringify(app.swagger());
        return reply.type('application/json; charset=utf-8').send(json);
      },
    );
  });
}

type Schema = Record<string, unknown>;
type Route = RouteOptions & { config?: { public?: boolean } };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ERROR_REF = { $ref: 'ErrorBody#' };

/** The path of a route in the document: `{param}` for `:param`, `{path}` for a trailing `*`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}');
}

/** A route's schema as the document shows it: its own, plus what OPERATIONS says about it. */
function documentRoute(schema: Schema | undefined, url: string, route: Route): Schema {
  const methods = ([] as string[]).concat(route.method);
  const doc: OperationDoc | undefined = OPERATIONS[`${methods[0]} ${url}`];
  const own = schema ?? doc?.schema ?? {};
  const isApi = url.startsWith('/api');
  const isPublic = !isApi || route.config?.public === true;
  const seedK8s = url.startsWith('/api/k8sns') || url.startsWith('/api/v1/');
  const response: Schema = {};
  for (const [status, value] of Object.entries((own.response as Schema | undefined) ?? {})) {
    const answer = value as Schema;
    // The success answer's description, unless its schema has one.
    const description = doc?.ok ?? doc?.summary ?? (own.summary as string | undefined);
    response[status] =
      status.startsWith('2') && description && !answer.description ? { ...answer, description } : answer;
  }

  const error = (description: string) =>
    seedK8s ? { ...K8sEnvelope, description } : { ...ERROR_REF, description };
  const add = (status: string, description: string) => {
    if (!(status in response)) response[status] = error(description);
  };
  for (const [status, extra] of Object.entries(doc?.responses ?? {})) {
    if (!(status in response)) response[status] = extra;
  }
  // A route that declares no success answer (a stream, a redirect) still says what success is.
  if (!own.response && !Object.keys(response).some((status) => /^[23]/.test(status))) {
    response['200'] = { description: doc?.ok ?? doc?.summary ?? own.summary ?? 'success' };
  }
  if (isApi && url !== OPENAPI_PATH) {
    if (own.params || own.querystring || own.body) add('400', 'bad input; the message names the field');
    if (!isPublic) {
      add('401', 'nobody is signed in (no valid session cookie or API token)');
      add('403', 'permission denied (role or grant), or a missing CSRF token on a cookie write');
    }
    add('default', 'other failures: 404 unknown cluster or object, 502/503/504 when an upstream fails');
  }

  const security = isPublic
    ? []
    : methods.some((m) => WRITE_METHODS.has(m))
      ? [{ apiToken: [] }, { session: [], csrf: [] }]
      : [{ apiToken: [] }, { session: [] }];
  const seedScoped = SEED_PREFIXES.some((p) => url.startsWith(p));
  const params = own.params as Schema | undefined;
  return {
    ...own,
    ...(doc?.summary ? { summary: doc.summary } : {}),
    ...(doc?.description ? { description: doc.description } : {}),
    ...(doc?.consumes ? { consumes: doc.consumes } : {}),
    tags: [tagOf(url)],
    security,
    ...(url.endsWith('*') && params ? { params: renameWildcard(params) } : {}),
    ...(seedScoped && !own.headers ? { headers: SEED_CLUSTER_HEADER } : {}),
    response,
  };
}

/** The `*` parameter of a wildcard route, named `path` as openApiPath names it. */
function renameWildcard(params: Schema): Schema {
  const { '*': star, ...rest } = (params.properties ?? {}) as Schema;
  return {
    ...params,
    properties: { ...rest, path: star },
    required: ((params.required as string[] | undefined) ?? []).map((r) => (r === '*' ? 'path' : r)),
  };
}

// Routes that act on the default cluster unless X-Vtdeck-Cluster names another.
const SEED_PREFIXES = [
  '/api/keyspaces',
  '/api/vtctl',
  '/api/shards',
  '/api/tablets',
  '/api/schema',
  '/api/k8sns',
  '/api/v1/',
  '/api/routers/',
];

function tagOf(url: string): string {
  if (!url.startsWith('/api') || url === OPENAPI_PATH) return 'operations';
  if (url.startsWith('/api/k8sns') || url.startsWith('/api/v1/')) return 'seed: cluster';
  if (url.startsWith('/api/routers/')) return 'router pass-through';
  if (!url.startsWith('/api/v2/')) return 'seed: vtctld';
  // The area: /api/v2/<area>/... or /api/v2/clusters/:cluster/<area>/...
  const area = /^\/api\/v2\/(?:clusters\/:cluster\/)?([^/]+)/.exec(url)?.[1] ?? 'console';
  return AREA_TAGS[area] ?? area;
}

const AREA_TAGS: Record<string, string> = { clusters: 'topology', tablets: 'topology', k8s: 'kubernetes' };
