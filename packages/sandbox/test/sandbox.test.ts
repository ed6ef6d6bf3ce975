// The sandbox core over real HTTP: clusters, control server, fault injection, resets and the CLI.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli';
import { type Sandbox, startSandbox } from '../src/index';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ faults: { 'staging/vtctld': { latencyMs: 120 } } });
});
afterAll(() => sandbox.close());

const vtctld = (name: string) => sandbox.cluster(name).vtctld.url;

async function fetchError(url: string): Promise<string> {
  try {
    await fetch(url);
  } catch (err) {
    return ((err as Error & { cause?: { code?: string } }).cause?.code ?? '') as string;
  }
  return 'no error';
}

const control = (p: string, body?: unknown) =>
  fetch(`${sandbox.controlUrl}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('startSandbox', () => {
  it('starts one vtctld per cluster with the demo data', async () => {
    expect(sandbox.clusters.map((c) => c.name)).toEqual(['prod', 'staging']);
    expect(await (await fetch(`${vtctld('prod')}/api/keyspaces/`)).json()).toEqual(['commerce', 'customer']);
    expect(await (await fetch(`${vtctld('staging')}/api/keyspaces/`)).json()).toEqual(['commerce', 'lookup']);
    expect(await (await fetch(`${vtctld('prod')}/api/cells/`)).json()).toEqual(['zone1', 'zone2']);
    expect(await (await fetch(`${vtctld('staging')}/api/shards/commerce/`)).json()).toEqual(['0']);
    expect([...sandbox.fakes.keys()]).toEqual(['prod/vtctld', 'staging/vtctld']);
  });

  it('keeps changes for the run, per cluster', async () => {
    await fetch(`${vtctld('prod')}/api/vtctl/`, { method: 'POST', body: '["CreateKeyspace","scratch"]' });
    expect(await (await fetch(`${vtctld('prod')}/api/keyspaces/`)).json()).toContain('scratch');
    expect(await (await fetch(`${vtctld('staging')}/api/keyspaces/`)).json()).not.toContain('scratch');
  });

  it('applies start faults: latency is measurable', async () => {
    const t0 = performance.now();
    await fetch(`${vtctld('staging')}/api/cells/`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('counts requests per fake and resets the counters', async () => {
    sandbox.resetCounters();
    await fetch(`${vtctld('prod')}/api/cells/`);
    await fetch(`${vtctld('prod')}/api/cells/`);
    expect(sandbox.requestCount('prod/vtctld')).toBe(2);
    expect(sandbox.requestCount('staging/vtctld')).toBe(0);
    expect(() => sandbox.requestCount('prod/kube')).toThrow('no fake named prod/kube');
  });

  it('takes a fake down (connection refused) and back up on the same port', async () => {
    const url = vtctld('prod');
    await sandbox.setFault('prod/vtctld', { down: true });
    expect(await fetchError(`${url}/api/cells/`)).toBe('ECONNREFUSED');
    await sandbox.setFault('prod/vtctld', { down: false });
    expect(sandbox.cluster('prod').vtctld.fake.url).toBe(url);
    expect((await fetch(`${url}/api/cells/`)).status).toBe(200);
  });

  it('answers vtctld natural 500s at errorRate 1', async () => {
    await sandbox.setFault('prod/vtctld', { errorRate: 1 });
    const r = await fetch(`${vtctld('prod')}/api/keyspaces/`);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("can't get keyspaces: deadline exceeded: keyspaces\n");
    const cmd = await fetch(`${vtctld('prod')}/api/vtctl/`, { method: 'POST', body: '["GetKeyspaces"]' });
    expect(cmd.status).toBe(500);
    await sandbox.setFault('prod/vtctld', { errorRate: 0 });
    expect((await fetch(`${vtctld('prod')}/api/keyspaces/`)).status).toBe(200);
  });

  it('refuses bad fault patches and targets', async () => {
    await expect(sandbox.setFault('prod/vtctld', { errorRate: 2 })).rejects.toThrow(
      'errorRate must be a number between 0 and 1',
    );
    await expect(sandbox.setFault('prod/router', { down: true })).rejects.toThrow(
      'no fake named prod/router',
    );
    await expect(startSandbox({ faults: { 'qa/vtctld': { down: true } } })).rejects.toThrow(
      'bad fake target "qa/vtctld"',
    );
  });

  it('accepts other fakes through register() and applies their start faults', async () => {
    const sb = await startSandbox({ clusters: ['prod'], faults: { 'prod/kube': { latencyMs: 5 } } });
    try {
      let applied: unknown = null;
      let requests = 3;
      await sb.register('prod/kube', {
        url: 'http://127.0.0.1:1',
        get requests() {
          return requests;
        },
        setFault: async (p) => {
          applied = p;
        },
        resetRequests: () => {
          requests = 0;
        },
        close: async () => {},
      });
      expect(applied).toEqual({ latencyMs: 5 });
      expect(sb.requestCount('prod/kube')).toBe(3);
      sb.resetCounters();
      expect(sb.requestCount('prod/kube')).toBe(0);
    } finally {
      await sb.close();
    }
  });
});

describe('control server', () => {
  it('lists fakes with counters and faults', async () => {
    const body = (await (await control('/')).json()) as {
      fakes: { target: string; url: string; faults: unknown }[];
    };
    expect(body.fakes.map((f) => f.target)).toEqual(['prod/vtctld', 'staging/vtctld']);
    expect(body.fakes[1]!.faults).toEqual({ latencyMs: 120, errorRate: 0, down: false });
  });

  it('sets faults at run time', async () => {
    const r = await control('/faults/prod/vtctld', { down: true });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      target: 'prod/vtctld',
      faults: { latencyMs: 0, errorRate: 0, down: true },
    });
    expect(await fetchError(`${vtctld('prod')}/api/cells/`)).toBe('ECONNREFUSED');
    await control('/faults/prod/vtctld', { down: false });
    expect((await fetch(`${vtctld('prod')}/api/cells/`)).status).toBe(200);
  });

  it('answers bad requests with 4xx naming the problem', async () => {
    const bad = await control('/faults/prod/vtctld', { latencyMs: 'slow' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'latencyMs must be a number of milliseconds between 0 and 600000',
    });
    expect((await control('/faults/prod/vtctld', '{')).status).toBe(400);
    expect((await control('/faults/prod/vtctld', { slow: true })).status).toBe(400);
    expect((await control('/faults/qa/vtctld', { down: true })).status).toBe(404);
    expect((await control('/nowhere')).status).toBe(404);
    expect((await control('/reset')).status).toBe(405);
  });

  it('resets counters, faults and data', async () => {
    await fetch(`${vtctld('prod')}/api/vtctl/`, { method: 'POST', body: '["CreateKeyspace","temp"]' });
    const r = await control('/reset', {});
    expect(await r.json()).toEqual({ reset: { counters: true, faults: true, data: true } });
    expect(sandbox.requestCount('prod/vtctld')).toBe(0);
    expect(sandbox.fakes.get('staging/vtctld')!.faults).toEqual({ latencyMs: 0, errorRate: 0, down: false });
    expect(await (await fetch(`${vtctld('prod')}/api/keyspaces/`)).json()).toEqual(['commerce', 'customer']);
  });
});

describe('generated data set', () => {
  it('builds N x M x K with evenly split shards, fast', async () => {
    const t0 = performance.now();
    const sb = await startSandbox({
      clusters: ['bench'],
      dataset: { kind: 'generated', keyspaces: 256, shardsPerKeyspace: 16, tabletsPerShard: 4 },
    });
    try {
      expect(performance.now() - t0).toBeLessThan(5_000);
      const url = sb.cluster('bench').vtctld.url;
      const keyspaces = (await (await fetch(`${url}/api/keyspaces/`)).json()) as string[];
      expect(keyspaces).toHaveLength(256);
      expect(await (await fetch(`${url}/api/shards/${keyspaces[0]}/`)).json()).toEqual([
        '-10',
        '10-20',
        '20-30',
        '30-40',
        '40-50',
        '50-60',
        '60-70',
        '70-80',
        '80-90',
        '90-a0',
        'a0-b0',
        'b0-c0',
        'c0-d0',
        'd0-e0',
        'e0-f0',
        'f0-',
      ]);
      const tablets = (await (await fetch(`${url}/api/keyspace/${keyspaces[255]}/tablets/f0-`)).json()) as {
        type: number;
      }[];
      expect(tablets.map((t) => t.type).sort()).toEqual([1, 2, 2, 3]);
      expect(sb.cluster('bench').vtctld.fake.topo.tablets.size).toBe(256 * 16 * 4);
    } finally {
      await sb.close();
    }
  });
});

describe('CLI', () => {
  it('parses flags, repeated faults and the generated data set', () => {
    const { json, options } = parseCli([
      '--json',
      '--dataset',
      'generated',
      '--keyspaces',
      '4',
      '--shards',
      '2',
      '--tablets',
      '3',
      '--fault',
      'prod/vtctld:latency=200,error=0.1',
      '--fault',
      'staging/vtctld:down',
      '--port-base',
      '46000',
    ]);
    expect(json).toBe(true);
    expect(options).toEqual({
      dataset: { kind: 'generated', keyspaces: 4, shardsPerKeyspace: 2, tabletsPerShard: 3 },
      faults: { 'prod/vtctld': { latencyMs: 200, errorRate: 0.1 }, 'staging/vtctld': { down: true } },
      portBase: 46000,
    });
    expect(() => parseCli(['--fault', 'prod/vtctld:fast'])).toThrow('unknown fault "fast"');
    expect(() => parseCli(['--dataset', 'huge'])).toThrow('--dataset must be demo or generated');
    expect(() => parseCli(['--keyspaces'])).toThrow();
  });

  it('prints exactly one JSON line and stops on SIGTERM', async () => {
    const cli = path.resolve(__dirname, '../src/cli.ts');
    const tsx = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
    const child = spawn(tsx, [cli, '--json', '--clusters', 'prod'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    while (!out.includes('\n')) await once(child.stdout, 'data');
    const line = JSON.parse(out.trim()) as { control: string; clusters: { name: string; vtctld: string }[] };
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(line.clusters.map((c) => c.name)).toEqual(['prod']);
    expect((await fetch(`${line.clusters[0]!.vtctld}/api/keyspaces/`)).status).toBe(200);
    expect((await fetch(line.control)).status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });
});
