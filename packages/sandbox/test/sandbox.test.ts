// The sandbox core over real HTTP: clusters, control server, fault injection, resets and the CLI.
// The main sandbox runs every part (vtctld, kube, routers, vtgate) as `pnpm sandbox` does.

import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describe as describeSandbox, parseCli } from '../src/cli';
import { type Sandbox, startSandbox } from '../src/index';
import { findMariadb, MARIADB_INSTALL_HINT } from '../src/vtgate';

const execFileAsync = promisify(execFile);

// Only vtctld: for the tests of the core that do not need the other parts (starts in milliseconds).
const VTCTLD_ONLY = { kube: false, routers: false, vtgate: false };

let sandbox: Sandbox;
let startMs = 0;
beforeAll(async () => {
  // The vtgate part needs mariadbd; a missing one is a failure with the install command, never a skip.
  if (!findMariadb()) throw new Error(MARIADB_INSTALL_HINT);
  const t0 = performance.now();
  sandbox = await startSandbox({ faults: { 'staging/vtctld': { latencyMs: 120 } } });
  startMs = performance.now() - t0;
}, 30_000);
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
    expect([...sandbox.fakes.keys()]).toEqual([
      'prod/vtctld',
      'prod/kube',
      'prod/router-1',
      'prod/router-2',
      'prod/vtgate',
      'staging/vtctld',
      'staging/kube',
      'staging/router-1',
      'staging/vtgate',
    ]);
    // Everything starts in parallel: ~1.5 s alone on two cores (README). The guard is looser because
    // other test files start MariaDBs at the same time.
    expect(startMs).toBeLessThan(10_000);
  });

  it('describes the kube, routers and vtgate of each cluster', async () => {
    const prod = sandbox.cluster('prod');
    const staging = sandbox.cluster('staging');
    expect(existsSync(prod.kube!.kubeconfigPath)).toBe(true);
    expect(prod.kube!.kubeconfigPath).not.toBe(staging.kube!.kubeconfigPath);
    expect(prod.routers.map((r) => [r.name, r.target, Boolean(r.fake.spec.metadataCache)])).toEqual([
      ['router-1', 'prod/router-1', true],
      ['router-2', 'prod/router-2', false],
    ]);
    expect(staging.routers.map((r) => r.target)).toEqual(['staging/router-1']);
    for (const r of [...prod.routers, ...staging.routers]) {
      expect(r).toMatchObject({ user: 'monitor', password: 'router-monitor-pass' });
      expect(r.caPem).toContain('BEGIN CERTIFICATE');
      expect(existsSync(r.caFile)).toBe(true);
    }
    expect(prod.vtgate).toMatchObject({ available: true, url: expect.stringMatching(/^mysql:\/\/vtdeck:/) });
    if (!prod.vtgate.available || !staging.vtgate.available) throw new Error('vtgate did not start');
    expect(prod.vtgate.dbaUrl).toMatch(/^mysql:\/\/vtdeck_dba:/);
    expect(prod.vtgate.fake.keyspaces).toEqual(['commerce', 'customer']);
    expect(staging.vtgate.fake.keyspaces).toEqual(['commerce', 'lookup']);
    // One apiserver per cluster, each with its own Vitess deployment in namespace vitess.
    const pods = async (c: string) =>
      (
        (await (await fetch(`${sandbox.cluster(c).kube!.url}/api/v1/namespaces/vitess/pods`)).json()) as {
          items: { metadata: { name: string } }[];
        }
      ).items
        .map((p) => p.metadata.name)
        .filter((n) => n.startsWith('vttablet-'));
    expect(await pods('prod')).toEqual([
      'vttablet-100',
      'vttablet-101',
      'vttablet-102',
      'vttablet-200',
      'vttablet-201',
      'vttablet-202',
      'vttablet-300',
      'vttablet-301',
      'vttablet-302',
    ]);
    expect(await pods('staging')).toEqual([
      'vttablet-100',
      'vttablet-101',
      'vttablet-102',
      'vttablet-200',
      'vttablet-201',
    ]);
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
    expect(() => sandbox.requestCount('prod/router-3')).toThrow('no fake named prod/router-3');
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
    const sb = await startSandbox({
      clusters: ['prod'],
      parts: VTCTLD_ONLY,
      faults: { 'prod/kube': { latencyMs: 5 } },
    });
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
    expect(body.fakes.map((f) => f.target)).toContain('prod/router-2');
    expect(body.fakes.find((f) => f.target === 'staging/vtctld')!.faults).toEqual({
      latencyMs: 120,
      errorRate: 0,
      down: false,
    });
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
      parts: VTCTLD_ONLY,
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
    expect(parseCli(['--no-vtgate', '--no-kube']).options.parts).toEqual({
      kube: false,
      routers: true,
      vtgate: false,
    });
    expect(parseCli([]).options.parts).toBeUndefined();
  });

  it('prints exactly one JSON line naming every fake, and stops on SIGTERM', async () => {
    const cli = path.resolve(__dirname, '../src/cli.ts');
    const tsx = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
    // Without vtgate to keep it light: the in-process test above covers the vtgate entry.
    const child = spawn(tsx, [cli, '--json', '--clusters', 'prod', '--no-vtgate'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    while (!out.includes('\n')) await once(child.stdout, 'data');
    const line = JSON.parse(out.trim()) as {
      control: string;
      clusters: {
        name: string;
        vtctld: string;
        kube: { url: string; kubeconfig: string };
        vtgate: { url: string; dbaUrl: string } | null;
        routers: { name: string; url: string; user: string; password: string; caFile: string }[];
      }[];
      routers: { cluster: string; name: string; url: string; user: string; password: string }[];
    };
    expect(out.trim().split('\n')).toHaveLength(1);
    const [prod] = line.clusters;
    expect(line.clusters.map((c) => c.name)).toEqual(['prod']);
    expect((await fetch(`${prod!.vtctld}/api/keyspaces/`)).status).toBe(200);
    expect((await fetch(line.control)).status).toBe(200);
    expect((await fetch(`${prod!.kube.url}/api/v1/namespaces/vitess/pods`)).status).toBe(200);
    expect(existsSync(prod!.kube.kubeconfig)).toBe(true);
    expect(prod!.vtgate).toBeNull();
    expect(prod!.routers.map((r) => r.name)).toEqual(['router-1', 'router-2']);
    expect(line.routers).toEqual(
      prod!.routers.map((r) => ({
        cluster: 'prod',
        name: r.name,
        url: r.url,
        user: r.user,
        password: r.password,
        caFile: r.caFile,
      })),
    );
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    // close() removed the temp dir with the kubeconfig and the CA file.
    expect(existsSync(prod!.kube.kubeconfig)).toBe(false);
  }, 30_000);

  it('describes every fake for --json, routers also flattened with their cluster', () => {
    const line = describeSandbox(sandbox) as {
      clusters: { name: string; vtgate: { url: string; dbaUrl: string } | null; kube: { url: string } }[];
      routers: {
        cluster: string;
        name: string;
        url: string;
        user: string;
        password: string;
        caFile: string;
      }[];
    };
    const prod = sandbox.cluster('prod');
    if (!prod.vtgate.available) throw new Error(prod.vtgate.reason);
    expect(line.clusters[0]).toMatchObject({
      name: 'prod',
      kube: { url: prod.kube!.url, kubeconfig: prod.kube!.kubeconfigPath },
      vtgate: { url: prod.vtgate.url, dbaUrl: prod.vtgate.dbaUrl },
    });
    expect(line.routers.map((r) => `${r.cluster}/${r.name}`)).toEqual([
      'prod/router-1',
      'prod/router-2',
      'staging/router-1',
    ]);
    expect(line.routers[0]).toEqual({
      cluster: 'prod',
      name: 'router-1',
      url: prod.routers[0]!.url,
      user: 'monitor',
      password: 'router-monitor-pass',
      caFile: prod.routers[0]!.caFile,
    });
  });

  it('writes kubeconfigs the real kubectl uses', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'vtdeck-kubectl-'));
    try {
      const { stdout } = await execFileAsync(
        'kubectl',
        ['--kubeconfig', sandbox.cluster('staging').kube!.kubeconfigPath, 'get', 'pods', '-n', 'vitess'],
        { env: { PATH: process.env.PATH, HOME: home }, timeout: 30_000 },
      );
      expect(stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n/);
      expect(stdout).toMatch(/\nvttablet-201 +2\/2 +Running +0 +25h\n/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
