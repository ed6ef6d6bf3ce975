// Sandbox Kubernetes API fake: core/v1 over real HTTP, good enough for @kubernetes/client-node and kubectl.

export { type Dataset, PROD, STAGING, type VitessDeployment } from './demo';
export { type KubeconfigOptions, kubeconfigYaml, writeKubeconfig } from './kubeconfig';
export type { KubeRuntime, KubeTimings } from './runtime';
export { type KubeFake, type KubeFakeOptions, startKubeFake } from './server';
export * as vitessTemplates from './vitess-templates';
