// The sandbox's public shapes: what startSandbox() takes and what it hands back per cluster.

import type { KubeFake } from '../kube';
import type { RouterFake } from '../router';
import type { FaultSettings } from '../shared/fake-server';
import type { VtctldFake } from '../vtctld';
import type { VtgateFake } from '../vtgate';

export type FakeKind = 'vtctld' | 'kube' | 'router' | 'vtgate';
export const FAKE_KINDS: readonly FakeKind[] = ['vtctld', 'kube', 'router', 'vtgate'];

export interface DatasetSpec {
  /** 'demo' (default) or a generated topology for benchmarks. */
  kind: 'demo' | 'generated';
  keyspaces?: number;
  shardsPerKeyspace?: number;
  tabletsPerShard?: number;
}

/** Which fakes run next to each cluster's vtctld; every part is on unless set to false. */
export interface SandboxParts {
  kube?: boolean;
  routers?: boolean;
  vtgate?: boolean;
}

export interface SandboxOptions {
  host?: string; // default 127.0.0.1
  /** Cluster names; default ['prod', 'staging'] with the demo data set. */
  clusters?: string[];
  dataset?: DatasetSpec;
  parts?: SandboxParts;
  /** Initial faults keyed by target: `prod/vtctld`, `prod/kube`, `prod/router-1`, `prod/vtgate`. */
  faults?: Record<string, Partial<FaultSettings>>;
  /** Port of the control server (fault injection and request counters over HTTP); 0 = random. */
  controlPort?: number;
  /**
   * Fixed ports: control on portBase, each cluster's vtctld on portBase+1, +2, ...; cluster i's other
   * fakes from portBase+10*(i+1): kube +0, routers +1.., vtgate +5.
   */
  portBase?: number;
}

/** What any fake offers the sandbox: fault injection, a request counter, reset and close. */
export interface FakeHandle {
  readonly url: string;
  readonly requests: number;
  readonly faults?: FaultSettings;
  setFault(patch: Partial<FaultSettings>): Promise<void>;
  close(): Promise<void>;
  resetRequests?(): void;
  resetData?(): void | Promise<void>;
  /** Shown by the CLI next to the URL (e.g. a router's basic-auth user and password). */
  credentials?: Record<string, string>;
}

export interface SandboxKube {
  /** Base URL of the Kubernetes API fake (plain HTTP). */
  readonly url: string;
  /** A kubeconfig for it (context `sandbox-<cluster>`, namespace `vitess`); removed on close. */
  kubeconfigPath: string;
  readonly fake: KubeFake;
}

export interface SandboxRouter {
  name: string;
  /** Fault target, e.g. `prod/router-1`. */
  target: string;
  /** HTTPS origin; the REST API lives under `${url}/api/20190715`. */
  url: string;
  user: string;
  password: string;
  /** The CA to trust, as PEM text and as a file (removed on close). */
  caPem: string;
  caFile: string;
  fake: RouterFake;
}

export type SandboxVtgate =
  | {
      available: true;
      /** `mysql://user:password@host:port` of the application account, through the fault proxy. */
      url: string;
      /** The same port with the all-privileges account (vtctl ExecuteFetchAsDba's). */
      dbaUrl: string;
      fake: VtgateFake;
    }
  | { available: false; reason: string };

export interface SandboxCluster {
  name: string;
  vtctld: { url: string; fake: VtctldFake };
  /** Absent when `parts.kube` is false. */
  kube?: SandboxKube;
  /** Empty when `parts.routers` is false. */
  routers: SandboxRouter[];
  /** `available: false` with the reason when `parts.vtgate` is false or MariaDB is missing. */
  vtgate: SandboxVtgate;
}

export interface Sandbox {
  clusters: SandboxCluster[];
  /** Base URL of the control server: `POST {controlUrl}/faults/{cluster}/{kind}` with a JSON FaultSettings patch. */
  controlUrl: string;
  /** Every fake by target `${cluster}/${kind}` (routers by name: `prod/router-1`). */
  fakes: Map<string, FakeHandle>;
  cluster(name: string): SandboxCluster;
  /** Adds a fake started elsewhere; faults given at start for its target are applied now. */
  register(target: string, fake: FakeHandle): Promise<void>;
  setFault(target: string, patch: Partial<FaultSettings>): Promise<void>;
  /** Requests received by a fake since start (or the last reset), for tests that count upstream load. */
  requestCount(target: string): number;
  resetCounters(): void;
  /** Counters to zero, faults cleared, data back to the start data set (each can be skipped). */
  reset(what?: Partial<{ counters: boolean; faults: boolean; data: boolean }>): Promise<void>;
  /** Stops every fake (MariaDB processes included) and removes the temp dir. */
  close(): Promise<void>;
}
