import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type KubeFake, startKubeFake, writeKubeconfig } from '@vtdeck/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { resolveConfig } from '../src/config';
import {
  DEPLOY,
  type Doc,
  KINDS,
  loadManifests,
  type Manifest,
  REPO,
  validateManifest,
} from './deploy-schema';

// deploy/ against the Kubernetes schemas, two ways: every manifest through the API's own models
// (deploy-schema.ts), and the core/v1 kinds the sandbox's API server serves through the real
// `kubectl apply --dry-run=server` as well. Then the manifests against each other and against the
// BFF: the config in the ConfigMap must start the BFF with the environment the Deployment gives it.

const manifests = loadManifests(DEPLOY);
const examples = loadManifests(join(DEPLOY, 'examples'));
const all = [...manifests, ...examples];
const one = (kind: string, from: Manifest[] = manifests) => {
  const found = from.filter((m) => m.doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return (found[0] as Manifest).doc;
};

describe('every manifest', () => {
  it('is valid against the Kubernetes schema of its kind', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    const problems = all.flatMap((m) => validateManifest(m.doc).map((p) => `${m.file} ${m.doc.kind}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('names each object once', () => {
    const ids = all.map((m) => `${m.doc.kind}/${m.doc.metadata.namespace ?? ''}/${m.doc.metadata.name}`);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('applies in order: the namespace first, as `kubectl apply -f deploy/` reads files by name', () => {
    expect(manifests[0]?.doc.kind).toBe('Namespace');
    const ns = one('Namespace').metadata.name;
    for (const m of all) if (KINDS[m.doc.kind]?.namespaced) expect(m.doc.metadata.namespace, m.file).toBe(ns);
  });

  it('keeps the example Secret out of deploy/ itself', () => {
    expect(manifests.some((m) => m.doc.kind === 'Secret')).toBe(false);
  });

  it('the schema check catches what the API server would refuse', () => {
    const bad = structuredClone(one('Deployment'));
    const container = bad.spec.template.spec.containers[0];
    container.port = 8080;
    container.ports[0].containerPort = '8080';
    delete bad.spec.selector;
    bad.metadata.labels['bad label'] = 'x';
    expect(validateManifest(bad)).toEqual([
      'spec.selector: required',
      'spec.template.spec.containers[0].port: unknown field (V1Container has no "port")',
      'spec.template.spec.containers[0].ports[0].containerPort: must be a number, got "8080"',
      'metadata.labels.bad label: bad key',
    ]);
  });
});

describe('the core/v1 manifests through kubectl against the sandbox API server', () => {
  let kube: KubeFake;
  let dir: string;

  const kubectl = (args: string[], input?: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const child = execFile(
        '/usr/bin/kubectl',
        [`--cache-dir=${join(dir, 'cache')}`, ...args],
        { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'config') }, timeout: 30_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }),
      );
      child.stdin?.end(input ?? '');
    });

  beforeAll(async () => {
    kube = await startKubeFake({ dataset: 'empty' });
    dir = await mkdtemp(join(tmpdir(), 'vtdeck-deploy-'));
    await writeKubeconfig(kube.url, join(dir, 'config'));
  });
  afterAll(async () => {
    await kube.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('are accepted by `kubectl apply --dry-run=server --validate=strict`', async () => {
    // The kinds this API server serves, from its own discovery.
    const discovery = (await (await fetch(`${kube.url}/api/v1`)).json()) as {
      resources: { name: string; kind: string }[];
    };
    const served = new Set(discovery.resources.filter((r) => !r.name.includes('/')).map((r) => r.kind));
    const core = manifests.filter((m) => m.doc.apiVersion === 'v1' && served.has(m.doc.kind));
    expect(core.map((m) => m.doc.kind).sort()).toEqual(['Namespace', 'Service']);

    const yaml = (ms: Manifest[]) => ms.map((m) => stringify(m.doc)).join('---\n');
    const apply = (ms: Manifest[]) =>
      kubectl(['apply', '--dry-run=server', '--validate=strict', '-f', '-'], yaml(ms));
    const namespaces = core.filter((m) => m.doc.kind === 'Namespace');
    const dry = await apply(namespaces);
    expect(dry, dry.out).toMatchObject({ code: 0 });
    expect(dry.out).toContain('namespace/vtdeck created (server dry run)');
    // The namespaced objects need their namespace to exist, as they would after the first file.
    const created = await kubectl(['create', '-f', '-'], yaml(namespaces));
    expect(created.code, created.out).toBe(0);
    const rest = await apply(core.filter((m) => m.doc.kind !== 'Namespace'));
    expect(rest.out).toContain('service/vtdeck created (server dry run)');
    expect(rest.code, rest.out).toBe(0);
  });

  it('and kubectl refuses an unknown field, so the check has teeth', async () => {
    const svc = structuredClone(one('Service'));
    svc.spec.ports[0].portt = 80;
    const r = await kubectl(['apply', '--dry-run=server', '--validate=strict', '-f', '-'], stringify(svc));
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('unknown field "spec.ports[0].portt"');
  });
});

describe('the manifests fit together', () => {
  const deployment = one('Deployment');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  const secret = one('Secret', examples);
  const portNames = new Map<string, number>(
    container.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]),
  );
  const matches = (selector: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => pod.metadata.labels[k] === v);

  it('runs two replicas whose selector matches their labels', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
  });

  it('routes the Service and the disruption budget to those pods', () => {
    const service = one('Service');
    expect(matches(service.spec.selector)).toBe(true);
    for (const p of service.spec.ports) expect(portNames.has(p.targetPort)).toBe(true);
    expect(matches(one('PodDisruptionBudget').spec.selector.matchLabels)).toBe(true);
    expect(one('PodDisruptionBudget').spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('probes /healthz for liveness and /readyz for readiness on a declared port', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      expect(portNames.has(probe.httpGet.port)).toBe(true);
    }
  });

  it('requests resources and sets limits', () => {
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('runs as a non-root user on a read-only root filesystem, with every capability dropped', () => {
    expect(pod.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('uses the ServiceAccount the RBAC bindings name', () => {
    const sa = one('ServiceAccount');
    expect(pod.spec.serviceAccountName).toBe(sa.metadata.name);
    const bindings = manifests.filter((m) => /RoleBinding$/.test(m.doc.kind));
    expect(bindings.length).toBeGreaterThan(0);
    for (const b of bindings) {
      expect(b.doc.subjects).toEqual([
        { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace },
      ]);
    }
  });

  it('reads every secret value from a key the example Secret defines', () => {
    const keys = new Set(Object.keys(secret.stringData));
    const refs = container.env
      .filter((e: { valueFrom?: unknown }) => e.valueFrom)
      .map((e: { valueFrom: { secretKeyRef: { name: string; key: string } } }) => e.valueFrom.secretKeyRef);
    const fromVolumes = pod.spec.volumes
      .filter((v: { secret?: unknown }) => v.secret)
      .flatMap((v: { secret: { secretName: string; items: { key: string }[] } }) =>
        v.secret.items.map((i) => ({ name: v.secret.secretName, key: i.key })),
      );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of [...refs, ...fromVolumes]) {
      expect(ref.name).toBe(secret.metadata.name);
      expect(keys.has(ref.key), ref.key).toBe(true);
    }
  });

  it('mounts every volume it declares, and something writable wherever the BFF writes', () => {
    const volumes = new Set(pod.spec.volumes.map((v: { name: string }) => v.name));
    const mounts = container.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[];
    expect(new Set(mounts.map((m) => m.name))).toEqual(volumes);
    const writable = mounts.filter((m) => !m.readOnly).map((m) => m.mountPath);
    expect(writable).toContain('/tmp'); // tsx's compile cache
    expect(writable).toContain(dirname(auditLogPath())); // the image's VTDECK_AUDIT_LOG
  });

  it('gives the BFF a config it starts with: every variable set from the Secret, every key valid', () => {
    const text = one('ConfigMap').data['config.yaml'] as string;
    const env: Record<string, string> = { VTDECK_AUDIT_LOG: auditLogPath() };
    for (const e of container.env as { name: string; value?: string; valueFrom?: Doc }[]) {
      env[e.name] = e.value ?? (secret.stringData[e.valueFrom?.secretKeyRef.key] as string);
    }
    const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] as string);
    expect(used.filter((v) => !(v in env))).toEqual([]);
    const config = resolveConfig(parse(text), env);
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: portNames.get('http') });
    expect(config.clusters.every((c) => c.kubernetes?.inCluster)).toBe(true);
    // The BFF must be done before the kubelet's SIGKILL: preStop pause + shutdown deadline < grace.
    const pause = Number(container.lifecycle.preStop.exec.command[1]);
    expect(pause * 1000 + config.server.shutdownTimeoutMs).toBeLessThan(
      pod.spec.terminationGracePeriodSeconds * 1000,
    );
    // Files the config names live on a mounted volume.
    const mounted = (path: string) =>
      container.volumeMounts.some(
        (m: { mountPath: string }) => path.startsWith(`${m.mountPath}/`) || path === m.mountPath,
      );
    for (const r of config.clusters.flatMap((c) => c.routers))
      if (r.ca) expect(mounted(r.ca), r.ca).toBe(true);
  });
});

/** Where the image writes the audit log (its ENV VTDECK_AUDIT_LOG). */
function auditLogPath(): string {
  const m = /VTDECK_AUDIT_LOG=(\S+)/.exec(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
  if (!m) throw new Error('Dockerfile sets no VTDECK_AUDIT_LOG');
  return m[1] as string;
}
