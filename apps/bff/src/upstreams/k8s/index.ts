// The Kubernetes upstream: one typed core/v1 client per cluster (@kubernetes/client-node 1.x, from a
// kubeconfig file + context or the in-cluster service account). Contract: every method resolves with
// the API's object or rejects with a KubeError (an UpstreamError with source 'kubernetes' that keeps
// the API's status, reason and message); `mapping.ts` is the only code that reads the API's objects
// to build DTOs, `templates.ts` builds the Vitess objects, `wire.ts` restores the API's own JSON.
export { KubeClient, type KubeClientOptions, type LogOptions, loadKubeConfig } from './client';
export { KubeError, SOURCE as KUBE_SOURCE, toKubeError } from './errors';
export * from './mapping';
export { kubePlugin } from './plugin';
export * as templates from './templates';
export { forDisplay, toWire } from './wire';
