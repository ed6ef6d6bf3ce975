// The Router's own swagger.json, quirks included (the "data-time" typo, RoutingGlobalStatus with string
// values, destinations typed as {name}): clients that read it see what they would see live. Each
// enabled plugin contributes its tags, paths and definitions, as in the Router.

type Json = Record<string, unknown>;

export interface EnabledPlugins {
  router: boolean;
  routing: boolean;
  metadataCache: boolean;
  connectionPool: boolean;
}

const obj = (properties: Json): Json => ({ type: 'object', properties });
const list = (ref: string): Json =>
  obj({ items: { type: 'array', items: { $ref: `#/definitions/${ref}` } } });
const int = { type: 'integer' };
const str = { type: 'string' };
const dataTime = { type: 'string', format: 'data-time' };
const nameSummary = obj({ name: str });

/** `what` is the 200 description; the operation's description is "Get <what>" unless `description` says otherwise. */
function get(
  tag: string,
  what: string,
  ref: string,
  notFound?: string,
  param?: string,
  description?: string,
): Json {
  const responses: Json = { 200: { description: what, schema: { $ref: `#/definitions/${ref}` } } };
  if (notFound) responses[404] = { description: notFound };
  const op: Json = { get: { tags: [tag], description: description ?? `Get ${what}`, responses } };
  if (param) op.parameters = [{ $ref: `#/parameters/${param}` }];
  return op;
}

function connectionPoolPart() {
  const p = 'connectionPoolNameParam';
  return {
    tags: [{ name: 'connectionpool', description: 'Connection Pool' }],
    paths: {
      '/connection_pool/{connectionPoolName}/status': get(
        'connectionpool',
        'status of a route',
        'ConnectionPoolStatus',
        'route not found',
        p,
      ),
      '/connection_pool/{connectionPoolName}/config': get(
        'connectionpool',
        'config of a route',
        'ConnectionPoolConfig',
        'route not found',
        p,
      ),
      '/connection_pool': get('connectionpool', 'list of the connection pools', 'ConnectionPoolList'),
    },
    definitions: {
      ConnectionPoolStatus: obj({ reusedServerConnections: int, idleServerConnections: int }),
      ConnectionPoolConfig: obj({ idleTimeoutInMs: int, maxIdleServerConnections: int }),
      ConnectionPoolSummary: nameSummary,
      ConnectionPoolList: list('ConnectionPoolSummary'),
    },
    parameters: {
      [p]: {
        name: 'connectionPoolName',
        in: 'path',
        description: 'name of a connection pool',
        required: true,
        type: 'string',
      },
    },
  };
}

function metadataCachePart() {
  const p = 'metadataNameParam';
  const cluster = (what: string) => `Get ${what} of the metadata cache of a replicaset of a cluster`;
  return {
    tags: [{ name: 'cluster', description: 'InnoDB Cluster' }],
    paths: {
      '/metadata/{metadataName}/config': get(
        'cluster',
        'config of metadata cache',
        'MetadataConfig',
        'cache not found',
        p,
        cluster('config'),
      ),
      '/metadata/{metadataName}/status': get(
        'cluster',
        'status of metadata cache',
        'MetadataStatus',
        'cache not found',
        p,
        cluster('status'),
      ),
      '/metadata': get('cluster', 'list of the metadata cache instances', 'MetadataList'),
    },
    definitions: {
      MetadataStatus: obj({
        lastRefreshHostname: str,
        lastRefreshPort: int,
        timeLastRefreshFailed: dataTime,
        timeLastRefreshSucceeded: dataTime,
        refreshSucceeded: int,
        refreshFailed: int,
      }),
      MetadataConfig: obj({
        clusterName: str,
        timeRefreshInMs: int,
        groupReplicationId: str,
        nodes: { type: 'array', items: obj({ hostname: str, port: int }) },
      }),
      MetadataSummary: nameSummary,
      MetadataList: list('MetadataSummary'),
      ClusterNodeSummary: obj({ groupUuid: str, serverUuid: str }),
      ClusterNodeList: list('ClusterNodeSummary'),
      ClusterSummary: nameSummary,
      ClusterList: list('ClusterSummary'),
    },
    parameters: {
      [p]: {
        name: 'metadataName',
        in: 'path',
        description: 'name of cluster',
        required: true,
        type: 'string',
      },
      clusterNameParam: {
        name: 'clusterName',
        in: 'path',
        description: 'name of cluster',
        required: true,
        type: 'string',
      },
    },
  };
}

function routerPart() {
  return {
    tags: [{ name: 'app', description: 'Application' }],
    paths: {
      '/router/status': get(
        'app',
        'status of application',
        'RouterStatus',
        undefined,
        undefined,
        'Get status of the application',
      ),
    },
    definitions: {
      RouterStatus: obj({
        timeStarted: dataTime,
        processId: int,
        version: str,
        hostname: str,
        productEdition: str,
      }),
    },
    parameters: {},
  };
}

function routingPart() {
  const p = 'routeNameParam';
  const route = (what: string, ref: string) => get('routes', `${what} of a route`, ref, 'route not found', p);
  const connectionTime = (description: string) => ({ type: 'string', format: 'date-time', description });
  return {
    tags: [{ name: 'routes', description: 'Routes' }],
    paths: {
      '/routing/status': get('routing', 'status of the routing plugin', 'RoutingGlobalStatus'),
      '/routes/{routeName}/config': route('config', 'RouteConfig'),
      '/routes/{routeName}/status': route('status', 'RouteStatus'),
      '/routes/{routeName}/health': route('health', 'RouteHealth'),
      '/routes/{routeName}/destinations': route('destinations', 'RouteDestinationList'),
      '/routes/{routeName}/connections': route('connections', 'RouteConnectionsList'),
      '/routes/{routeName}/blockedHosts': get(
        'routes',
        'blocked host list for a route',
        'RouteBlockedHostList',
        'route not found',
        p,
      ),
      '/routes': get('routes', 'list of the routes', 'RouteList'),
    },
    definitions: {
      RoutingGlobalStatus: {
        totalMaxConnections: 'number of total connections allowed',
        currentMaxConnections: 'number of current total connections',
      },
      RouteHealth: obj({ isAlive: { type: 'boolean' } }),
      RouteStatus: obj({ activeConnections: int, totalConnections: int, blockedHosts: int }),
      RouteConfig: obj({
        bindAddress: str,
        bindPort: int,
        clientConnectTimeoutInMs: int,
        destinationConnectTimeoutInMs: int,
        maxActiveConnections: int,
        maxConnectErrors: int,
        protocol: str,
        socket: str,
        routingStrategy: str,
      }),
      RouteSummary: nameSummary,
      RouteList: list('RouteSummary'),
      RouteDestinationSummary: nameSummary,
      RouteDestinationList: list('RouteDestinationSummary'),
      RouteBlockedHostSummary: nameSummary,
      RouteBlockedHostList: list('RouteBlockedHostSummary'),
      RouteConnectionsSummary: obj({
        timeStarted: connectionTime('timepoint when connection to server was initiated'),
        timeConnectedToServer: connectionTime('timepoint when connection to server succeeded'),
        timeLastSentToServer: connectionTime('timepoint when there was last data sent from client to server'),
        timeLastReceivedFromServer: connectionTime(
          'timepoint when there was last data sent from server to client',
        ),
        bytesFromServer: { type: 'integer', description: 'bytes sent to destination' },
        bytesToServer: { type: 'integer', description: 'bytes received from destination' },
        destinationAddress: { type: 'string', description: 'address of the destination of the connection' },
        sourceAddress: { type: 'string', description: 'address of the source of the connection' },
      }),
      RouteConnectionsList: list('RouteConnectionsSummary'),
    },
    parameters: {
      [p]: { name: 'routeName', in: 'path', description: 'name of a route', required: true, type: 'string' },
    },
  };
}

export function swaggerDocument(plugins: EnabledPlugins): Json {
  const parts = [
    plugins.connectionPool ? connectionPoolPart() : undefined,
    plugins.metadataCache ? metadataCachePart() : undefined,
    plugins.router ? routerPart() : undefined,
    plugins.routing ? routingPart() : undefined,
  ].filter((part) => part !== undefined);
  return {
    swagger: '2.0',
    info: { title: 'MySQL Router', description: 'API of MySQL Router', version: '20190715' },
    basePath: '/api/20190715',
    tags: parts.flatMap((part) => part.tags),
    paths: Object.assign({}, ...parts.map((part) => part.paths)),
    definitions: Object.assign({}, ...parts.map((part) => part.definitions)),
    parameters: Object.assign({}, ...parts.map((part) => part.parameters)),
  };
}
