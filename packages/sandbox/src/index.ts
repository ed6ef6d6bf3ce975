// Public API of the sandbox: faithful fakes of vtdeck's upstreams as real servers on loopback.
// STUB written by the lead so that the BFF can be coded against it; the sandbox helper replaces the
// bodies and may extend (never break) these types.

export type FakeKind = 'vtctld' | 'kube' | 'router' | 'vtgate';

/** Fault injection for one fake. `down` closes its listener so connections are refused. */
export interface FaultSettings {
  latencyMs: number;
  errorRate: number; // 0..1, share of requests answered with the fake's natural 5xx
  down: boolean;
}

export interface DatasetSpec {
  /** 'demo' (default) or a generated topology for benchmarks. */
  kind: 'demo' | 'generated';
  keyspaces?: number;
  shardsPerKeyspace?: number;
  tabletsPerShard?: number;
}

export interface SandboxOptions {
  host?: string; // default 127.0.0.1
  /** Cluster names; default ['prod', 'staging'] with the demo data set. */
  clusters?: string[];
  dataset?: DatasetSpec;
  /** Initial faults keyed by target `${cluster}/${kind}`, e.g. 'prod/vtctld'. */
  faults?: Record<string, Partial<FaultSettings>>;
  /** Port of the control server (fault injection and request counters over HTTP); 0 = random. */
  controlPort?: number;
}

export interface SandboxCluster {
  name: string;
  vtctld: { url: string };
}

export interface Sandbox {
  clusters: SandboxCluster[];
  /** Base URL of the control server: `POST {controlUrl}/faults/{cluster}/{kind}` with a JSON FaultSettings patch. */
  controlUrl: string;
  setFault(target: string, patch: Partial<FaultSettings>): Promise<void>;
  /** Requests received by a fake since start (or the last reset), for tests that count upstream load. */
  requestCount(target: string): number;
  resetCounters(): void;
  close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
