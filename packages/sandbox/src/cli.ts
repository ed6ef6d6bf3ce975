// `pnpm sandbox`: starts the sandbox (demo data by default) and serves until SIGINT/SIGTERM.
//   --json                      print exactly one line of JSON naming every URL and credential, nothing else on stdout
//   --no-kube --no-routers --no-vtgate   leave those fakes out
//   --host 127.0.0.1            address to bind
//   --port-base N               control on N, vtctld of each cluster on N+1, N+2, ...
//   --clusters prod,staging
//   --dataset demo|generated    with --keyspaces N --shards M --tablets K
//   --fault prod/vtctld:latency=200,error=0.1,down   (repeatable)

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type DatasetSpec,
  parseFaultSpec,
  type Sandbox,
  type SandboxCluster,
  type SandboxOptions,
  startSandbox,
} from './index';
import type { FaultSettings } from './shared/fake-server';

const USAGE = `usage: pnpm sandbox [--json] [--host H] [--port-base N] [--clusters a,b]
       [--no-kube] [--no-routers] [--no-vtgate]
       [--dataset demo|generated --keyspaces N --shards M --tablets K]
       [--fault <cluster>/<kind>:latency=MS,error=RATE,down ...]`;

function positiveInt(name: string, value: string | undefined, def: number): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

export function parseCli(argv: string[]): { json: boolean; options: SandboxOptions } {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      host: { type: 'string' },
      'port-base': { type: 'string' },
      clusters: { type: 'string' },
      dataset: { type: 'string', default: 'demo' },
      keyspaces: { type: 'string' },
      shards: { type: 'string' },
      tablets: { type: 'string' },
      fault: { type: 'string', multiple: true, default: [] },
      'no-kube': { type: 'boolean', default: false },
      'no-routers': { type: 'boolean', default: false },
      'no-vtgate': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  if (values.dataset !== 'demo' && values.dataset !== 'generated') {
    throw new Error(`--dataset must be demo or generated, got "${values.dataset}"`);
  }
  const dataset: DatasetSpec =
    values.dataset === 'generated'
      ? {
          kind: 'generated',
          keyspaces: positiveInt('keyspaces', values.keyspaces, 100),
          shardsPerKeyspace: positiveInt('shards', values.shards, 32),
          tabletsPerShard: positiveInt('tablets', values.tablets, 3),
        }
      : { kind: 'demo' };
  const faults: Record<string, Partial<FaultSettings>> = {};
  for (const f of values.fault ?? []) {
    const colon = f.indexOf(':');
    if (colon < 0)
      throw new Error(`--fault must look like prod/vtctld:latency=200,error=0.1,down, got "${f}"`);
    faults[f.slice(0, colon)] = { ...faults[f.slice(0, colon)], ...parseFaultSpec(f.slice(colon + 1)) };
  }
  const options: SandboxOptions = { dataset, faults };
  const parts = { kube: !values['no-kube'], routers: !values['no-routers'], vtgate: !values['no-vtgate'] };
  if (!parts.kube || !parts.routers || !parts.vtgate) options.parts = parts;
  if (values.host) options.host = values.host;
  if (values.clusters) options.clusters = values.clusters.split(',').filter(Boolean);
  if (values['port-base'] !== undefined) {
    const base = Number(values['port-base']);
    if (!Number.isInteger(base) || base < 1 || base > 65000)
      throw new Error(`--port-base must be a port number, got "${values['port-base']}"`);
    options.portBase = base;
  }
  return { json: values.json ?? false, options };
}

/** The `--json` line: every fake's URL and credentials; routers also flattened across clusters. */
export function describe(sandbox: Sandbox): object {
  const routers = (c: SandboxCluster) =>
    c.routers.map((r) => ({
      name: r.name,
      url: r.url,
      user: r.user,
      password: r.password,
      caFile: r.caFile,
    }));
  return {
    control: sandbox.controlUrl,
    clusters: sandbox.clusters.map((c) => ({
      name: c.name,
      vtctld: c.vtctld.url,
      kube: c.kube ? { url: c.kube.url, kubeconfig: c.kube.kubeconfigPath } : null,
      vtgate: c.vtgate.available ? { url: c.vtgate.url, dbaUrl: c.vtgate.dbaUrl } : null,
      routers: routers(c),
    })),
    routers: sandbox.clusters.flatMap((c) => routers(c).map((r) => ({ cluster: c.name, ...r }))),
  };
}

function summary(sandbox: Sandbox): string {
  const lines = ['vtdeck sandbox is running (Ctrl-C to stop)', ''];
  const row = (what: string, text: string) => lines.push(`  ${''.padEnd(8)} ${what.padEnd(8)} ${text}`);
  for (const c of sandbox.clusters) {
    const topo = c.vtctld.fake.topo;
    lines.push(
      `  ${c.name.padEnd(8)} ${'vtctld'.padEnd(8)} ${c.vtctld.url}   ${topo.keyspaces.size} keyspaces, ${topo.tablets.size} tablets, cells ${topo.knownCells().join(',')}`,
    );
    if (c.kube) row('kube', `${c.kube.url}   kubectl --kubeconfig ${c.kube.kubeconfigPath} get pods`);
    for (const r of c.routers)
      row(r.name, `${r.url}   user ${r.user} password ${r.password} (CA ${r.caFile})`);
    if (c.vtgate.available) row('vtgate', c.vtgate.url);
    else row('vtgate', `not running: ${c.vtgate.reason}`);
    lines.push('');
  }
  lines.push(
    `  control  ${sandbox.controlUrl}   (GET / lists fakes; POST /faults/{cluster}/{kind}; POST /reset)`,
  );
  const first = sandbox.clusters[0];
  if (first) {
    lines.push('', 'try:', `  curl ${first.vtctld.url}/api/keyspaces/`);
    lines.push(`  curl -d '["GetKeyspaces"]' ${first.vtctld.url}/api/vtctl/`);
    const router = first.routers[0];
    if (router) {
      lines.push(
        `  curl --cacert ${router.caFile} -u ${router.user}:${router.password} ${router.url}/api/20190715/routes`,
      );
    }
    if (first.vtgate.available) {
      const u = new URL(first.vtgate.url);
      lines.push(
        `  mariadb -h ${u.hostname} -P ${u.port} -u ${decodeURIComponent(u.username)} -p'${decodeURIComponent(u.password)}' commerce`,
      );
    }
    lines.push(`  curl -d '{"latencyMs":500}' ${sandbox.controlUrl}/faults/${first.name}/vtctld`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(parsed.options);
  for (const c of sandbox.clusters) {
    // stderr, so the --json stdout stays one line.
    if (!c.vtgate.available) process.stderr.write(`sandbox: ${c.name} has no vtgate: ${c.vtgate.reason}\n`);
  }
  process.stdout.write(parsed.json ? `${JSON.stringify(describe(sandbox))}\n` : `${summary(sandbox)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!parsed.json) process.stderr.write(`\n${signal}: stopping sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function isMain(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((err: unknown) => {
    process.stderr.write(`sandbox failed to start: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
