import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** Bearer token to send; match the fake's `token` option (default: none, the fake needs no auth). */
  token?: string;
  /** Default namespace of the context (default `vitess`). */
  namespace?: string;
  /** Cluster, user and context name (default `sandbox`). */
  name?: string;
}

/**
 * A kubeconfig for the fake. `insecure-skip-tls-verify: true` is required: @kubernetes/client-node
 * refuses an http:// server without it ("HTTP protocol is not allowed when skipTLSVerify is not set").
 */
export function kubeconfigYaml(url: string, options: KubeconfigOptions = {}): string {
  const name = options.name ?? 'sandbox';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: options.token ? { token: options.token } : {} }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: options.namespace ?? 'vitess' } }],
    'current-context': name,
    preferences: {},
  });
}

export async function writeKubeconfig(
  url: string,
  path: string,
  options: KubeconfigOptions = {},
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, kubeconfigYaml(url, options), { mode: 0o600 });
  return path;
}
