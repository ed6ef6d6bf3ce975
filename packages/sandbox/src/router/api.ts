// The REST API mounted at /api/20190715: which handler answers a path, and the Router's order of
// checks inside a handler: method, then auth, then query string, then the name in the path.
import type http from 'node:http';
import {
  type Answer,
  checkBasicAuth,
  empty,
  htmlError,
  httpDate,
  json,
  notFound,
  notModifiedSince,
  problem,
  writeAnswer,
} from './http';
import type { RouterSimulation } from './simulation';
import { type EnabledPlugins, swaggerDocument } from './swagger';
import * as view from './views';

export const BASE_PATH = '/api/20190715';

type Body = Record<string, unknown>;
type Plugin = keyof EnabledPlugins | 'api';

interface Endpoint {
  /** Full match on the path after the base path; group 1 is the name, if any. */
  pattern: RegExp;
  plugin: Plugin;
  methods: readonly ('GET' | 'HEAD')[];
  /** Only metadata config takes a query string (`fetchWholeTopology=0|1`). */
  query?: 'fetchWholeTopology';
  /** Sends Last-Modified and honours If-Modified-Since. */
  cacheable?: boolean;
  /** `undefined` = unknown name (404). */
  render: (sim: RouterSimulation, name: string) => Body | undefined;
  /** Status other than 200 for some bodies. */
  statusOf?: (body: Body) => number;
}

const GET = ['GET'] as const;
const ENDPOINTS: Endpoint[] = [
  // Rendered from the enabled plugins in createApiHandler.
  {
    pattern: /^\/swagger\.json$/,
    plugin: 'api',
    methods: ['GET', 'HEAD'],
    cacheable: true,
    render: () => ({}),
  },
  {
    pattern: /^\/router\/status$/,
    plugin: 'router',
    methods: GET,
    cacheable: true,
    render: view.routerStatus,
  },
  { pattern: /^\/routes\/?$/, plugin: 'routing', methods: GET, render: view.routeList },
  { pattern: /^\/routes\/([^/]+)\/config\/?$/, plugin: 'routing', methods: GET, render: view.routeConfig },
  { pattern: /^\/routes\/([^/]+)\/status\/?$/, plugin: 'routing', methods: GET, render: view.routeStatus },
  {
    pattern: /^\/routes\/([^/]+)\/health\/?$/,
    plugin: 'routing',
    methods: GET,
    render: view.routeHealth,
    // Current Routers answer a dead route with 500 and the same body.
    statusOf: (body) => (body.isAlive ? 200 : 500),
  },
  {
    pattern: /^\/routes\/([^/]+)\/destinations\/?$/,
    plugin: 'routing',
    methods: GET,
    render: view.routeDestinations,
  },
  {
    pattern: /^\/routes\/([^/]+)\/connections\/?$/,
    plugin: 'routing',
    methods: GET,
    render: view.routeConnections,
  },
  {
    pattern: /^\/routes\/([^/]+)\/blockedHosts\/?$/,
    plugin: 'routing',
    methods: GET,
    render: view.routeBlockedHosts,
  },
  { pattern: /^\/routing\/status\/?$/, plugin: 'routing', methods: GET, render: view.routingStatus },
  { pattern: /^\/metadata\/?$/, plugin: 'metadataCache', methods: GET, render: view.metadataList },
  {
    pattern: /^\/metadata\/([^/]+)\/config\/?$/,
    plugin: 'metadataCache',
    methods: GET,
    query: 'fetchWholeTopology',
    render: view.metadataConfig,
  },
  {
    pattern: /^\/metadata\/([^/]+)\/status\/?$/,
    plugin: 'metadataCache',
    methods: GET,
    render: view.metadataStatus,
  },
  { pattern: /^\/connection_pool\/?$/, plugin: 'connectionPool', methods: GET, render: view.poolList },
  {
    pattern: /^\/connection_pool\/([^/]+)\/config\/?$/,
    plugin: 'connectionPool',
    methods: GET,
    render: view.poolConfig,
  },
  {
    pattern: /^\/connection_pool\/([^/]+)\/status\/?$/,
    plugin: 'connectionPool',
    methods: GET,
    render: view.poolStatus,
  },
];

export interface ApiOptions {
  sim: RouterSimulation;
  user: string;
  password: string;
}

export function enabledPlugins(sim: RouterSimulation): EnabledPlugins {
  return {
    router: true,
    routing: true,
    metadataCache: Boolean(sim.spec.metadataCache),
    connectionPool: Boolean(sim.spec.connectionPool),
  };
}

export function createApiHandler({ sim, user, password }: ApiOptions) {
  const plugins = enabledPlugins(sim);
  const swagger = swaggerDocument(plugins);
  const startedMs = Math.floor(sim.timeStarted / 1000);
  const endpoints = ENDPOINTS.filter((e) => e.plugin === 'api' || plugins[e.plugin]);

  const answer = (req: http.IncomingMessage): Answer => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    if (!path.startsWith(BASE_PATH)) return htmlError(404);

    const suffix = path.slice(BASE_PATH.length);
    let endpoint: Endpoint | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of endpoints) {
      match = candidate.pattern.exec(suffix);
      if (match) {
        endpoint = candidate;
        break;
      }
    }
    // Unknown paths are answered before any auth check.
    if (!endpoint || !match) return notFound(path);

    const method = req.method ?? 'GET';
    if (!(endpoint.methods as readonly string[]).includes(method)) {
      const allowed = endpoint.methods.join(',');
      const detail = `only HTTP Methods ${allowed} are supported`;
      return problem(405, { title: 'HTTP Method not allowed', detail }, { allow: allowed });
    }

    // swagger.json is public unless [rest_api] sets require_realm, which the fake does not.
    if (endpoint.plugin !== 'api') {
      const auth = checkBasicAuth(req.headers.authorization, user, password);
      if (auth === 'malformed') return empty(400);
      if (auth !== 'ok') return empty(401, { 'www-authenticate': `basic realm="${sim.spec.realm}"` });
    }

    if (query !== '') {
      if (endpoint.query !== 'fetchWholeTopology') {
        return problem(400, { title: 'validation error', detail: 'parameters not allowed' });
      }
      if (query !== 'fetchWholeTopology=1' && query !== 'fetchWholeTopology=0') {
        return problem(400, { title: 'validation error', detail: 'unsupported parameter' });
      }
      if (sim.metadata) sim.metadata.fetchWholeTopology = query.endsWith('1');
    }

    const name = decodeName(match[1]);
    const body = endpoint.plugin === 'api' ? swagger : name === null ? undefined : endpoint.render(sim, name);
    if (body === undefined) return notFound(path);

    const headers: http.OutgoingHttpHeaders = {};
    if (endpoint.cacheable) {
      if (notModifiedSince(req.headers['if-modified-since'], startedMs)) return empty(304);
      headers['last-modified'] = httpDate(startedMs);
    }
    return json(endpoint.statusOf?.(body) ?? 200, body, headers);
  };

  return (req: http.IncomingMessage, res: http.ServerResponse): void => writeAnswer(res, answer(req));
}

function decodeName(raw: string | undefined): string | null {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
