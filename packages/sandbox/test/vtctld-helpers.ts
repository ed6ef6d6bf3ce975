// Shared helpers for the vtctld fake's HTTP tests: plain fetch against a real server on loopback.

import { buildProd } from '../src/demo';
import { startVtctldFake, type VtctldFake, type VtctldFakeOptions } from '../src/vtctld';

export async function startProd(options: VtctldFakeOptions = {}): Promise<VtctldFake> {
  return startVtctldFake({ dataset: buildProd, ...options });
}

export interface VtctlAnswer {
  status: number;
  raw: string;
  Error: string;
  Output: string;
}

export async function vtctl(fake: VtctldFake, ...args: string[]): Promise<VtctlAnswer> {
  const res = await fetch(`${fake.url}/api/vtctl/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const raw = await res.text();
  const parsed = JSON.parse(raw) as { Error: string; Output: string };
  return { status: res.status, raw, ...parsed };
}

export async function get(fake: VtctldFake, path: string, init?: RequestInit) {
  const res = await fetch(`${fake.url}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Strips the glog prefix of I/W/E lines so tests can compare messages. */
export function logLines(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^([IWE])\d{4} \d{2}:\d{2}:\d{2}\.\d{6} \S+:\d+\] /, '$1 '));
}
