import { randomInt } from 'node:crypto';
import type { FieldError } from './status';
import type { Store } from './store';
import type { Service } from './types';

// Service ClusterIPs from the kubeadm default range 10.96.0.0/12 (random, like the real bitmap
// allocator's random scan) and NodePorts from 30000-32767.

export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;

const toIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
function toInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (
    ((parts[0] as number) * 2 ** 24 +
      ((parts[1] as number) << 16) +
      ((parts[2] as number) << 8) +
      (parts[3] as number)) >>>
    0
  );
}

function usedIps(store: Store): Set<string> {
  const used = new Set<string>();
  for (const s of store.list('services') as Service[]) for (const ip of s.spec.clusterIPs ?? []) used.add(ip);
  return used;
}

/** Allocates (or checks) a ClusterIP; returns field errors the way the registry reports them. */
export function allocateClusterIP(store: Store, requested: string | undefined): string | FieldError {
  const used = usedIps(store);
  if (requested) {
    const n = toInt(requested);
    if (n === undefined)
      return {
        type: 'Invalid',
        field: 'spec.clusterIPs[0]',
        value: requested,
        detail: 'must be a valid IP address',
      };
    if (n - BASE <= 0 || n - BASE >= SIZE - 1)
      return {
        type: 'Invalid',
        field: 'spec.clusterIPs',
        value: [requested],
        detail: `failed to allocate IP ${requested}: provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
      };
    if (used.has(requested))
      return {
        type: 'Invalid',
        field: 'spec.clusterIPs',
        value: [requested],
        detail: `failed to allocate IP ${requested}: provided IP is already allocated`,
      };
    return requested;
  }
  for (;;) {
    const ip = toIp((BASE + 1 + randomInt(SIZE - 2)) >>> 0);
    if (!used.has(ip)) return ip;
  }
}

export function allocateNodePort(
  store: Store,
  requested: number | undefined,
  field: string,
): number | FieldError {
  const used = new Set<number>();
  for (const s of store.list('services') as Service[])
    for (const p of s.spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  if (requested !== undefined && requested !== 0) {
    if (requested < 30000 || requested > 32767)
      return {
        type: 'Invalid',
        field,
        value: requested,
        detail: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
      };
    if (used.has(requested))
      return { type: 'Invalid', field, value: requested, detail: 'provided port is already allocated' };
    return requested;
  }
  for (;;) {
    const port = 30000 + randomInt(2768);
    if (!used.has(port)) return port;
  }
}
