import type { Micros, Random } from './clock';
import type { ClusterNodeSpec, ClusterRole, MetadataCacheSpec } from './config';

export interface NodeState extends ClusterNodeSpec {
  up: boolean;
}

/** Share of refreshes that fail on their own (a metadata query timing out now and then). */
const SPONTANEOUS_FAILURE = 0.004;

/**
 * The metadata cache of one router: a group-replication cluster whose topology the router re-reads
 * every TTL. Routes see `view`, the topology as of the last successful refresh, not the live nodes.
 */
export class MetadataCache {
  readonly nodes: NodeState[];
  view: NodeState[] = [];
  refreshSucceeded = 0;
  refreshFailed = 0;
  timeLastRefreshSucceeded?: Micros;
  timeLastRefreshFailed?: Micros;
  lastRefreshHostname?: string;
  lastRefreshPort?: number;
  /** Forced by tests: every refresh fails while set, as when the metadata schema cannot be read. */
  failing = false;
  /** Toggled by `GET /metadata/{name}/config?fetchWholeTopology=1|0`. */
  fetchWholeTopology = false;
  /** Empty until the first successful refresh, like the Router. */
  clusterName = '';
  groupReplicationId = '';

  constructor(
    readonly spec: MetadataCacheSpec,
    private readonly random: Random,
  ) {
    this.nodes = spec.nodes.map((node) => ({ ...node, up: true }));
  }

  refresh(now: Micros, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.attempt(now - i * this.spec.ttlMs * 1000, true);
  }

  /** Nodes a route with this role may use; SECONDARY falls back to the primary when allowed. */
  eligible(role: ClusterRole, fallback: boolean): NodeState[] {
    if (role === 'PRIMARY_AND_SECONDARY') return this.view;
    const matching = this.view.filter((node) => node.role === role);
    if (matching.length === 0 && role === 'SECONDARY' && fallback) {
      return this.view.filter((node) => node.role === 'PRIMARY');
    }
    return matching;
  }

  node(hostname: string, port?: number): NodeState | undefined {
    return this.nodes.find(
      (node) =>
        node.hostname === hostname && (port === undefined || node.port === port || node.xPort === port),
    );
  }

  /** A node leaving promotes a secondary if it was the primary; a node coming back joins as secondary. */
  setNodeUp(node: NodeState, up: boolean, now: Micros): void {
    if (node.up === up) return;
    node.up = up;
    if (!up && node.role === 'PRIMARY') {
      node.role = 'SECONDARY';
      const successor = this.nodes.find((n) => n.up);
      if (successor) successor.role = 'PRIMARY';
    }
    if (up)
      node.role = this.nodes.some((n) => n.up && n.role === 'PRIMARY' && n !== node)
        ? 'SECONDARY'
        : 'PRIMARY';
    // Group replication notifies the Router, which refreshes at once instead of waiting for the TTL.
    this.attempt(now, false);
  }

  private attempt(at: Micros, mayFailSpontaneously: boolean): void {
    const server = this.nodes.find((n) => n.up && n.role === 'PRIMARY') ?? this.nodes.find((n) => n.up);
    if (!server) {
      // No metadata server reachable: the Router drops the topology and its routes stop accepting.
      this.view = [];
      this.fail(at);
      return;
    }
    if (this.failing || (mayFailSpontaneously && this.random.chance(SPONTANEOUS_FAILURE))) {
      this.fail(at);
      return;
    }
    this.refreshSucceeded++;
    this.timeLastRefreshSucceeded = at;
    this.lastRefreshHostname = server.hostname;
    this.lastRefreshPort = server.port;
    this.clusterName = this.spec.clusterName;
    this.groupReplicationId = this.spec.groupReplicationId;
    this.view = this.nodes.filter((n) => n.up).map((n) => ({ ...n }));
  }

  private fail(at: Micros): void {
    this.refreshFailed++;
    this.timeLastRefreshFailed = at;
  }
}
