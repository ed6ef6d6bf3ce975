import {
  MonitorHeartbeat,
  MonitorSnapshot,
  MonitorUpdate,
  ROUTER_API_BASE,
  SqlEvent,
  SqlRefusal,
} from '@vtdeck/contracts';

/**
 * What the OpenAPI document says about each operation beyond its route schema, keyed by
 * `METHOD url` as the route registers it (`:param`, `*`). Documentation only: nothing here is
 * validated or serialised. `test/openapi.test.ts` fails when a route has no entry.
 */
export interface OperationDoc {
  /** Wins over the route schema's own `summary`; one of the two is required. */
  summary?: string;
  description?: string;
  /** The success answer, when the route schema does not describe it. */
  ok?: string;
  /** A whole schema for routes that cannot carry one (the pass-through). */
  schema?: Record<string, unknown>;
  /** Request content types, when not only JSON. */
  consumes?: string[];
  /** Answers besides the success one and the usual errors, by status. */
  responses?: Record<string, unknown>;
}

export const TAGS = [
  {
    name: 'seed: vtctld',
    description: 'The seed API’s vtctld routes: unchanged paths, bodies and `{Error, Output}` envelopes.',
  },
  {
    name: 'seed: cluster',
    description:
      'The seed API’s Kubernetes routes: unchanged paths and `{Code, Message, Data}` envelopes, errors included.',
  },
  {
    name: 'router pass-through',
    description:
      'Read-only access to a MySQL Router’s own REST API, with the configured credentials added by the BFF.',
  },
  { name: 'session', description: 'Sign-in, sign-out and who is asking.' },
  { name: 'topology', description: 'Clusters, keyspaces, shards and tablets.' },
  { name: 'kubernetes', description: 'Namespaces, pods, replication controllers and services of a cluster.' },
  { name: 'routers', description: 'MySQL Router dashboards, from the BFF’s shared pollers.' },
  { name: 'sql', description: 'The SQL console against vtgate.' },
  { name: 'audit', description: 'The audit log (global admins).' },
  { name: 'monitor', description: 'The monitoring wall: snapshots and Server-Sent Events.' },
  { name: 'operations', description: 'Probes and this document.' },
];

const ROUTER_PARAMS = {
  type: 'object',
  properties: {
    router: { type: 'string', description: 'router name from the config', examples: ['router-1'] },
  },
  required: ['router'],
};
const ROUTER_PATH_PARAMS = {
  ...ROUTER_PARAMS,
  properties: {
    ...ROUTER_PARAMS.properties,
    '*': {
      type: 'string',
      description: `path under ${ROUTER_API_BASE}, e.g. routes/bootstrap_rw/status`,
      examples: ['router/status'],
    },
  },
  required: ['router', '*'],
};
const ROUTER_ANSWER = {
  description: 'what the Router answered, status and body unchanged (its own shapes and problem JSON)',
  content: { 'application/json': { schema: {} } },
};
const READ_ONLY = { $ref: 'ErrorBody#', description: 'only GET and HEAD are forwarded' };
const REDIRECT = { type: 'null', description: 'a redirect (Location header)' };

const SQL_REFUSED = (why: string) => ({ ...SqlRefusal, description: why });

// One `event:` per frame; each `data:` line is the JSON of its event's schema.
const MONITOR_EVENTS = {
  200: {
    description:
      'text/event-stream: `snapshot` (MonitorSnapshot) first, then `update` (MonitorUpdate) and `heartbeat` (MonitorHeartbeat); each event has an id to resume from (Last-Event-ID)',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          'x-events': { snapshot: MonitorSnapshot, update: MonitorUpdate, heartbeat: MonitorHeartbeat },
        },
      },
    },
  },
};

const K8S_NS = '/api/k8sns/:namespace';
const V2 = '/api/v2/clusters/:cluster';
const V2_NS = `${V2}/k8s/namespaces/:namespace`;
const PROXY = `/api/routers/:router${ROUTER_API_BASE}`;

export const OPERATIONS: Record<string, OperationDoc> = {
  // ---- operations ----
  'GET /healthz': {
    summary: 'Liveness: the process answers',
    description: 'Never asks an upstream; a failing liveness probe means the process must be restarted.',
    ok: 'alive',
  },
  'GET /readyz': {
    summary: 'Readiness, with each upstream’s reachability',
    description:
      '200 as soon as the config is loaded. Every cluster’s vtctld is probed (2 s at most) and reported in `upstreams`; an unreachable upstream does not fail readiness, so one broken cluster never takes every replica out of its Service.',
    ok: 'ready; `upstreams` tells which upstream answers',
  },
  'GET /api/openapi.json': { summary: 'This OpenAPI document' },

  // ---- seed: vtctld ----
  'GET /api/keyspaces/': {
    summary: 'Keyspace names the caller may see',
    ok: 'sorted keyspace names, only those the caller holds a grant on',
  },
  'POST /api/vtctl/': {
    summary: 'Run a vtctl command',
    description:
      'The command and every keyspace, shard or tablet it names are checked against the caller’s grants before vtctld sees anything. A command that fails answers 200 with `Error` set, as vtctld does. Every command that is not a read is in the audit log before the answer.',
    ok: 'vtctld’s `{Error, Output}`',
  },
  'GET /api/shards/:keyspace/': { summary: 'Shard names of a keyspace', ok: 'shard names' },
  'POST /api/tablets/': {
    summary: 'Tablet aliases of a shard',
    description: 'The seed sends a form: `shard=<keyspace>/<shard>` and an optional `cell`.',
    consumes: ['application/x-www-form-urlencoded', 'application/json'],
    ok: 'tablet aliases (a zero uid is left out, as vtctld does)',
  },
  'POST /api/schema/apply': {
    summary: 'Apply a schema change to a keyspace',
    description:
      'Needs role dba on the keyspace; audited. `Error` is set whenever vtctld reported a failure.',
    ok: '`{Error, Output}`: Output is vtctld’s text',
  },

  // ---- seed: cluster ----
  'GET /api/k8sns': {
    summary: 'List namespaces',
    ok: 'Data: the API’s NamespaceList, granted namespaces only',
  },
  'POST /api/k8sns': { summary: 'Create a namespace', ok: 'Data.Namespace: the created namespace' },
  [`GET ${K8S_NS}`]: { summary: 'Read a namespace', ok: 'Data.Namespace' },
  [`DELETE ${K8S_NS}`]: { summary: 'Delete a namespace', ok: '`{Code: 0, Message: "success"}`' },
  [`GET ${K8S_NS}/pods`]: { summary: 'List pods of a namespace', ok: 'Data: the API’s PodList' },
  [`POST ${K8S_NS}/pods`]: { summary: 'Create a vttablet pod', ok: 'Data.Pod: the created pod' },
  'POST /api/v1/namespaces/:namespace/pods': {
    summary: 'Create a vttablet pod (the seed’s Kubernetes-style path)',
    ok: 'Data.Pod: the created pod',
  },
  [`GET ${K8S_NS}/pods/:name`]: { summary: 'Read a pod', ok: 'Data.Pod' },
  [`DELETE ${K8S_NS}/pods/:name`]: { summary: 'Delete a pod', ok: '`{Code: 0, Message: "success"}`' },
  [`GET ${K8S_NS}/rc`]: {
    summary: 'List replication controllers of a namespace',
    ok: 'Data: the API’s ReplicationControllerList',
  },
  [`POST ${K8S_NS}/rc`]: {
    summary: 'Create an etcd, vtctld or vtgate replication controller',
    ok: 'Data.ReplicationController: the created object',
  },
  [`GET ${K8S_NS}/rc/:name`]: { summary: 'Read a replication controller', ok: 'Data.ReplicationController' },
  [`DELETE ${K8S_NS}/rc/:name`]: {
    summary: 'Delete a replication controller and its pods',
    ok: '`{Code: 0, Message: "success"}`',
  },
  [`GET ${K8S_NS}/services`]: { summary: 'List services of a namespace', ok: 'Data: the API’s ServiceList' },
  [`POST ${K8S_NS}/services`]: {
    summary: 'Create an etcd, vtctld or vtgate service',
    description:
      'The seed’s text names POST /api/vtctl/ for this, a slip: it lives beside the other services.',
    ok: 'Data.Service: the created service',
  },
  [`GET ${K8S_NS}/services/:name`]: { summary: 'Read a service', ok: 'Data.Service' },
  [`DELETE ${K8S_NS}/services/:name`]: { summary: 'Delete a service', ok: '`{Code: 0, Message: "success"}`' },

  // ---- router pass-through ----
  [`GET ${PROXY}`]: {
    summary: 'A Router’s REST API root, unchanged',
    schema: { params: ROUTER_PARAMS, response: { 200: ROUTER_ANSWER } },
  },
  [`GET ${PROXY}/*`]: {
    summary: 'Any read of a Router’s REST API, unchanged',
    description:
      'Forwards GET and HEAD to the named Router of the default cluster (or of X-Vtdeck-Cluster) with the configured credentials and CA; the caller’s cookie and token stay in the BFF. Needs role viewer on the cluster.',
    schema: { params: ROUTER_PATH_PARAMS, response: { 200: ROUTER_ANSWER } },
  },
  [`POST ${PROXY}/*`]: {
    summary: 'Refused: the pass-through is read-only',
    schema: { params: ROUTER_PATH_PARAMS, response: { 405: READ_ONLY } },
  },

  // ---- session ----
  'POST /api/v2/session': {
    summary: 'Sign in with a password',
    description:
      'Sets the httpOnly session cookie. Send the answer’s `csrfToken` as `x-csrf-token` on every write made with the cookie. Rate limited per client and username (5 a minute, per replica).',
    ok: 'signed in: who, the CSRF token and the grants that apply',
    responses: {
      429: { $ref: 'ErrorBody#', description: 'too many sign-in attempts; wait a minute' },
    },
  },
  'GET /api/v2/session': { summary: 'Who is signed in', ok: 'who, the CSRF token and the grants that apply' },
  'DELETE /api/v2/session': {
    summary: 'Sign out (clears the session cookie)',
    schema: { response: { 204: { type: 'null', description: 'signed out' } } },
  },
  'GET /api/v2/session/options': { summary: 'What the sign-in page may offer (public)' },
  'GET /api/v2/session/oidc/login': {
    summary: 'Start an OIDC sign-in (a browser navigation)',
    description:
      'Only when auth.oidc is configured. Redirects to the provider; on failure to /signin?error=<code>.',
    schema: { response: { 302: REDIRECT } },
  },
  'GET /api/v2/session/oidc/callback': {
    summary: 'Finish an OIDC sign-in (the provider redirects here)',
    description:
      'Opens a session and redirects to `/`, or to /signin?error=<code> (OIDC_STATE_EXPIRED, ...).',
    schema: { response: { 302: REDIRECT } },
  },

  // ---- audit ----
  'GET /api/v2/audit': {
    summary: 'Audit log, newest first',
    description: 'Global admins only; filter by user, keyspace and time, page with `cursor`.',
  },

  // ---- topology ----
  'GET /api/v2/clusters': { summary: 'Configured clusters and their upstreams' },
  [`GET ${V2}/topology`]: {
    summary: 'Keyspaces, shards and tablets of a cluster',
    description: 'Only what the caller may see. Parts that failed are listed in `errors` beside what loaded.',
  },
  [`GET ${V2}/tablets/:alias`]: { summary: 'A tablet with its primary status and health' },

  // ---- routers ----
  [`GET ${V2}/routers`]: { summary: 'Every MySQL Router of a cluster at a glance' },
  [`GET ${V2}/routers/:router`]: { summary: 'A Router’s latest poll: routes, metadata caches, pools' },
  [`GET ${V2}/routers/:router/history`]: { summary: 'A Router’s chart samples (since an epoch ms)' },
  [`GET ${V2}/routers/:router/routes/:route`]: {
    summary: 'One route: config, status, health, destinations and blocked hosts',
  },
  [`GET ${V2}/routers/:router/routes/:route/connections`]: {
    summary: 'Open connections of a route (polled while someone asks)',
  },
  [`GET ${V2}/routers/:router/routes/:route/blocked-hosts`]: { summary: 'Blocked hosts of a route' },

  // ---- kubernetes ----
  [`GET ${V2}/k8s/namespaces`]: { summary: 'Namespaces the caller may read' },
  [`POST ${V2}/k8s/namespaces`]: { summary: 'Create a namespace', ok: 'created' },
  [`GET ${V2_NS}`]: { summary: 'A namespace with its events and manifest' },
  [`DELETE ${V2_NS}`]: { summary: 'Delete a namespace (it turns Terminating)' },
  [`GET ${V2_NS}/pods`]: { summary: 'Pods of a namespace with their status' },
  [`POST ${V2_NS}/pods`]: { summary: 'Create a vttablet pod from the Vitess template', ok: 'created' },
  [`GET ${V2_NS}/pods/:name`]: { summary: 'A pod with containers, volumes, conditions, events and manifest' },
  [`DELETE ${V2_NS}/pods/:name`]: { summary: 'Delete a pod' },
  [`GET ${V2_NS}/pods/:name/log`]: {
    summary: 'A container’s log: the last lines, or a live stream with follow=true',
    description: 'With follow=true the answer stays open until the pod ends or the client goes away.',
    responses: {
      200: {
        description: 'the log text (500 lines unless tailLines says otherwise)',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  },
  [`GET ${V2}/k8s/tablets/:alias/pod`]: { summary: 'The pod a tablet runs in' },
  [`GET ${V2_NS}/rcs`]: { summary: 'Replication controllers of a namespace' },
  [`POST ${V2_NS}/rcs`]: {
    summary: 'Create an etcd, vtctld or vtgate replication controller from the Vitess template',
    ok: 'created',
  },
  [`GET ${V2_NS}/rcs/:name`]: { summary: 'A replication controller with its pods, events and manifest' },
  [`PUT ${V2_NS}/rcs/:name/scale`]: { summary: 'Scale a replication controller' },
  [`DELETE ${V2_NS}/rcs/:name`]: { summary: 'Delete a replication controller and its pods' },
  [`GET ${V2_NS}/services`]: { summary: 'Services of a namespace' },
  [`POST ${V2_NS}/services`]: {
    summary: 'Create an etcd, vtctld or vtgate service from the Vitess template',
    ok: 'created',
  },
  [`GET ${V2_NS}/services/:name`]: { summary: 'A service with its pods, events and manifest' },
  [`DELETE ${V2_NS}/services/:name`]: { summary: 'Delete a service' },

  // ---- sql ----
  [`POST ${V2}/sql`]: {
    summary: 'Run a SQL script against vtgate (NDJSON stream)',
    description:
      'Every statement is checked before anything runs; a refusal, a needed confirmation or a bad script is answered as JSON before the stream starts. Statements that write are audited.',
    responses: {
      200: {
        description:
          'one SqlEvent per line: start, then per statement resultset/rows/done or error, then end',
        content: { 'application/x-ndjson': { schema: SqlEvent } },
      },
      400: SQL_REFUSED('the script does not parse (SQL_SYNTAX) or holds no statement (VALIDATION)'),
      403: SQL_REFUSED('a statement is refused (FORBIDDEN, or SQL_READ_ONLY with readOnly: true)'),
      409: SQL_REFUSED('CONFIRMATION_REQUIRED: send again with confirmed: true; or QUERY_ID_IN_USE'),
    },
  },
  [`POST ${V2}/sql/analyze`]: {
    summary: 'Analyse a SQL script without running it',
    description: 'Kinds, tables, permissions, confirmations, the added LIMIT and the routing where known.',
  },
  [`GET ${V2}/sql/schema`]: { summary: 'Tables and columns for completion, per readable keyspace' },
  [`POST ${V2}/sql/:id/cancel`]: {
    summary: 'Cancel a running SQL script (its own, or any as a global admin)',
    description:
      'Only the replica running the script can stop it: cancel reaches it when the Service keeps a client on one replica (sessionAffinity: ClientIP); closing the stream stops it anywhere.',
  },

  // ---- monitor ----
  'GET /api/v2/monitor': {
    ok: 'tiles, sparklines and timeline of every cluster, as the caller’s grants show them',
  },
  [`GET ${V2}/monitor`]: {
    ok: 'tiles, sparklines and timeline of the cluster, as the caller’s grants show them',
  },
  'GET /api/v2/monitor/stream': { responses: MONITOR_EVENTS },
  [`GET ${V2}/monitor/stream`]: { responses: MONITOR_EVENTS },
};
