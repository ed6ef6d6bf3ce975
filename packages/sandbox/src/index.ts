// Public API of the sandbox: faithful fakes of vtdeck's upstreams as real servers on loopback.
// startSandbox() starts, per cluster, a vtctld fake with its Kubernetes API, MySQL Routers and vtgate
// (MariaDB), plus the control server; see README.md.

export { FaultPatchError, parseFaultPatch, parseFaultSpec } from './control';
export { buildDemo, buildGenerated, buildProd, buildStaging, TopologyBuilder } from './demo';
export { type KubeFake, startKubeFake, writeKubeconfig } from './kube';
export { demoRouters, type RouterFake, startRouterFake } from './router';
export { MARIADB_MISSING } from './sandbox/parts';
export { startSandbox } from './sandbox/start';
export {
  type DatasetSpec,
  FAKE_KINDS,
  type FakeHandle,
  type FakeKind,
  type Sandbox,
  type SandboxCluster,
  type SandboxKube,
  type SandboxOptions,
  type SandboxParts,
  type SandboxRouter,
  type SandboxVtgate,
} from './sandbox/types';
export { VtgateProxy } from './sandbox/vtgate-proxy';
export type { FaultSettings } from './shared/fake-server';
export { FakeServer } from './shared/fake-server';
export {
  runVtctl,
  startVtctldFake,
  type TabletMysql,
  Topology,
  type VtctldFake,
  type VtctldFakeOptions,
} from './vtctld';
export { findMariadb, startVtgateFake, type VtgateFake } from './vtgate';
