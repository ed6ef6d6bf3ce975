import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeFake, startKubeFake, writeKubeconfig } from '../src/kube';

// The real kubectl (gcloud's dispatcher, which runs kubectl 1.32 for a server reporting minor 32)
// against the fake, with default flags: client-side validation on, Tables, --wait on deletes.

const KUBECTL = '/usr/bin/kubectl';

let kube: KubeFake;
let dir: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      [`--cache-dir=${join(dir, 'cache')}`, ...args],
      // A scratch HOME: kubectl and the dispatcher cache /version and discovery per server URL.
      { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'config') }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  kube = await startKubeFake({
    podStartDelayMs: 200,
    podStopDelayMs: 100,
    namespaceDeleteDelayMs: 300,
    logIntervalMs: 100,
  });
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-kubectl-'));
  await writeKubeconfig(kube.url, join(dir, 'config'));
});
afterAll(async () => {
  await kube.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the fake', () => {
  it('is installed', () => {
    expect(existsSync(KUBECTL)).toBe(true);
  });

  it('reports the server version', async () => {
    const r = await kubectl('version');
    expect(r.stdout).toContain('Server Version: v1.32.4');
  });

  it('get ns prints the namespace table', async () => {
    const r = await kubectl('get', 'ns');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(lines.some((l) => /^vitess\s+Active\s+3d$/.test(l))).toBe(true);
  });

  it('get pods prints the pod table of the context namespace', async () => {
    const r = await kubectl('get', 'pods');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(r.stdout).toMatch(/\nvttablet-100\s+2\/2\s+Running\s+0\s+2d23h\n/);
    expect(r.stdout).toMatch(/\netcd-global-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running/);
    const wide = await kubectl('get', 'pods', '-A', '-o', 'wide');
    expect(wide.stdout).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/,
    );
    expect(wide.stdout).toMatch(
      /\nvitess-staging\s+vttablet-101\s+2\/2\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d/,
    );
  });

  it('-o json with -l returns the selected pods', async () => {
    const r = await kubectl('get', 'pods', '-l', 'component=vttablet,keyspace=customer', '-o', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as {
      kind: string;
      items: { kind: string; metadata: { name: string; labels: Record<string, string> } }[];
    };
    expect(list.kind).toBe('List');
    expect(list.items.map((p) => p.metadata.name)).toEqual(
      ['200', '201', '202', '300', '301', '302'].map((u) => `vttablet-${u}`),
    );
    expect(list.items[0]).toMatchObject({
      kind: 'Pod',
      metadata: { labels: { shard: 'xx-80', cell: 'zone1' } },
    });
    const none = await kubectl('get', 'pods', '--field-selector=spec.foo=bar');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('field label not supported: spec.foo');
  });

  it('create -f with default validation, scale rc, logs and delete', async () => {
    const file = join(dir, 'rc.yaml');
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: ReplicationController',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 2',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers:',
        '      - name: nginx',
        '        image: nginx:1.27',
        '        ports: [{containerPort: 80}]',
        '',
      ].join('\n'),
    );
    const created = await kubectl('create', 'namespace', 'kt');
    expect(created.stdout.trim()).toBe('namespace/kt created');
    const rc = await kubectl('-n', 'kt', 'create', '-f', file);
    expect(rc.stderr).toBe('');
    expect(rc.stdout.trim()).toBe('replicationcontroller/web created');
    const dup = await kubectl('-n', 'kt', 'create', '-f', file);
    expect(dup.stderr.trim()).toBe(
      `Error from server (AlreadyExists): error when creating "${file}": replicationcontrollers "web" already exists`,
    );

    const scaled = await kubectl('-n', 'kt', 'scale', 'rc', 'web', '--replicas=3');
    expect(scaled.stdout.trim()).toBe('replicationcontroller/web scaled');
    let pods: string[] = [];
    for (let i = 0; i < 50 && pods.length !== 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const r = await kubectl(
        '-n',
        'kt',
        'get',
        'pods',
        '-l',
        'app=web',
        '--field-selector=status.phase=Running',
        '-o',
        'jsonpath={.items[*].metadata.name}',
      );
      pods = r.stdout.split(' ').filter(Boolean);
    }
    expect(pods).toHaveLength(3);
    const rcs = await kubectl('-n', 'kt', 'get', 'rc');
    expect(rcs.stdout).toMatch(/\nweb\s+3\s+3\s+3\s+\d+s\n/);

    const pod = pods[0] as string;
    const logs = await kubectl('-n', 'kt', 'logs', pod);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('starting nginx');
    const tablet = await kubectl('logs', 'vttablet-100', '--tail=2');
    expect(tablet.stderr).toContain('Defaulted container "vttablet" out of: vttablet, mysql');
    expect(tablet.stdout.trim().split('\n')).toHaveLength(2);

    // Default --wait=true: kubectl watches for the DELETED event of the gracefully deleted pod.
    const deleted = await kubectl('-n', 'kt', 'delete', 'pod', pod);
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);
    const missing = await kubectl('-n', 'kt', 'get', 'pod', pod);
    expect(missing.stderr.trim()).toBe(`Error from server (NotFound): pods "${pod}" not found`);

    const nsGone = await kubectl('delete', 'namespace', 'kt', '--wait=false');
    expect(nsGone.stdout.trim()).toBe('namespace "kt" deleted');
    const phase = await kubectl('get', 'ns', 'kt', '-o', 'jsonpath={.status.phase}');
    expect(phase.stdout).toBe('Terminating');
  });

  it('shows events and errors the way a real cluster does', async () => {
    const ev = await kubectl('get', 'events');
    expect(ev.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(ev.stdout).toMatch(/Warning\s+Unhealthy\s+pod\/vttablet-302\s+Liveness probe failed/);
    const nope = await kubectl('-n', 'nope', 'get', 'pod', 'x');
    expect(nope.stderr.trim()).toBe('Error from server (NotFound): namespaces "nope" not found');
    const immortal = await kubectl('delete', 'ns', 'default', '--wait=false');
    expect(immortal.stderr.trim()).toBe(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });
});
