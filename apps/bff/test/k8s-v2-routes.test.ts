import type {
  ErrorBody,
  K8sChange,
  K8sNamespaceDetail,
  K8sNamespaceList,
  K8sPodDetail,
  K8sPodList,
  K8sRcDetail,
  K8sRcList,
  K8sServiceDetail,
  K8sServiceList,
} from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type K8sStack, startK8sStack } from './k8s-stack';

// The console's cluster API: camelCase DTOs over the same fake, through client-node, over HTTP.

let stack: K8sStack;
const base = '/api/v2/clusters/prod/k8s';
const ns = `v2-${Date.now().toString(36)}`;

beforeAll(async () => {
  stack = await startK8sStack();
});
afterAll(() => stack?.close());

describe('reading the demo deployment', () => {
  it('lists namespaces as DTOs', async () => {
    const res = await stack.get<K8sNamespaceList>(`${base}/namespaces`);
    expect(res.status).toBe(200);
    expect(res.body.items.find((n) => n.name === 'vitess')).toMatchObject({
      phase: 'Active',
      createdAt: expect.any(String),
    });
  });

  it('lists pods with ready x/y, restarts, node, IP, age and the tablet they run', async () => {
    const res = await stack.get<K8sPodList>(`${base}/namespaces/vitess/pods`);
    const tablet = res.body.items.find((p) => p.name === 'vttablet-302');
    expect(tablet).toMatchObject({
      phase: 'Running',
      status: 'Running',
      ready: 2,
      containers: 2,
      restarts: 1,
      node: expect.stringMatching(/^node-\d$/),
      podIp: expect.stringMatching(/^10\.244\./),
      tablet: { keyspace: 'customer', shard: '80-', alias: 'zone1-0000000302' },
    });
    expect(tablet?.ageSeconds).toBeGreaterThan(60);
    const etcd = res.body.items.find((p) => p.name.startsWith('etcd-global-'));
    expect(etcd).toMatchObject({ controller: 'etcd-global', tablet: null });

    const filtered = await stack.get<K8sPodList>(
      `${base}/namespaces/vitess/pods?labelSelector=component%3Dvtgate`,
    );
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(filtered.body.items.every((p) => p.labels.component === 'vtgate')).toBe(true);
    const broken = await stack.get<ErrorBody>(`${base}/namespaces/vitess/pods?labelSelector=a%3D%3D%3Db`);
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('K8S_BAD_REQUEST');
    expect(broken.body.message).toMatch(/^unable to parse requirement/);
  });

  it('shows a pod with containers, volumes, conditions, events and YAML', async () => {
    const res = await stack.get<K8sPodDetail>(`${base}/namespaces/vitess/pods/vttablet-302`);
    expect(res.status).toBe(200);
    expect(res.body.containers.map((c) => c.name)).toEqual(['vttablet', 'mysql']);
    expect(res.body.containers[0]).toMatchObject({
      ready: true,
      state: 'running',
      restartCount: 1,
      limits: { memory: '1Gi' },
    });
    expect(res.body.volumes).toContainEqual({ name: 'syslog', type: 'hostPath', detail: '/dev/log' });
    expect(res.body.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(res.body.events.map((e) => e.reason)).toContain('Killing');
    expect(res.body.manifest).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(res.body.manifest).toContain('name: vttablet-302');
  });

  it('finds the pod of a tablet', async () => {
    const res = await stack.get<K8sChange>(`${base}/tablets/zone1-0000000302/pod`);
    expect(res.body).toEqual({ kind: 'Pod', name: 'vttablet-302', namespace: 'vitess' });
    expect((await stack.get(`${base}/tablets/zone1-0000009999/pod`)).status).toBe(404);
    const developer = await stack.as('developer');
    expect((await developer.get(`${base}/tablets/zone1-0000000302/pod`)).status).toBe(404);
  });

  it('tails a container log as text', async () => {
    const res = await stack.get(
      `${base}/namespaces/vitess/pods/vttablet-302/log?container=vttablet&tailLines=5`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text.trim().split('\n')).toHaveLength(5);
    const bad = await stack.get<ErrorBody>(`${base}/namespaces/vitess/pods/vttablet-302/log?container=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('container nope is not valid for pod vttablet-302');
  });

  it('follows a log as it grows, and stops when the browser goes away', async () => {
    const controller = new AbortController();
    const missing = await stack.get<ErrorBody>(`${base}/namespaces/vitess/pods/no-such-pod/log?follow=true`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('pods "no-such-pod" not found');
    const pods = (
      await stack.get<K8sPodList>(`${base}/namespaces/vitess/pods?labelSelector=component%3Dvtctld`)
    ).body;
    const name = pods.items[0]?.name ?? '';
    const stream = await fetch(
      `${stack.url}${base}/namespaces/vitess/pods/${name}/log?follow=true&tailLines=1`,
      {
        // A browser accepts compression; a followed log is sent line by line all the same.
        headers: { authorization: 'Bearer vtdeck-demo-admin-token', 'accept-encoding': 'br, gzip' },
        signal: controller.signal,
      },
    );
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-encoding')).toBeNull();
    const reader = stream.body!.getReader();
    let text = '';
    while (text.split('\n').length < 4) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text.split('\n').length).toBeGreaterThanOrEqual(4);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    // The BFF is still fine after the stream was cut.
    await new Promise((r) => setTimeout(r, 200));
    expect((await stack.get(`${base}/namespaces`)).status).toBe(200);
  });
});

describe('a namespace built and torn down through the console API', () => {
  it('creates the namespace, an etcd RC and its services', async () => {
    const made = await stack.post<K8sChange>(`${base}/namespaces`, { name: ns, labels: { team: 'dba' } });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ kind: 'Namespace', name: ns, namespace: null });
    const detail = await stack.get<K8sNamespaceDetail>(`${base}/namespaces/${ns}`);
    expect(detail.body.namespace.labels).toMatchObject({ team: 'dba' });

    const rc = await stack.post<K8sChange>(`${base}/namespaces/${ns}/rcs`, {
      type: 'etcd',
      cell: 'zone9',
      replicas: 1,
    });
    expect(rc.status).toBe(201);
    expect(rc.body.name).toBe('etcd-zone9');
    for (const type of ['etcdlb', 'etcdcb']) {
      const svc = await stack.post<K8sChange>(`${base}/namespaces/${ns}/services`, { type, cell: 'zone9' });
      expect(svc.status).toBe(201);
    }
    const tablet = await stack.post<K8sChange>(`${base}/namespaces/${ns}/pods`, {
      uid: 900,
      cell: 'zone9',
      keyspace: 'ks',
      shard: '80-',
    });
    expect(tablet.body.name).toBe('vttablet-900');

    const again = await stack.post<ErrorBody>(`${base}/namespaces/${ns}/rcs`, {
      type: 'etcd',
      cell: 'zone9',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'K8S_ALREADY_EXISTS', source: 'kubernetes' });
    expect(again.body.message).toBe('replicationcontrollers "etcd-zone9" already exists');
  });

  it('validates console bodies, naming the field', async () => {
    const port = await stack.post<ErrorBody>(`${base}/namespaces/${ns}/services`, {
      type: 'vtgate',
      cell: 'zone9',
      mysqlServerPort: 0,
    });
    expect(port.status).toBe(400);
    expect(port.body.message).toMatch(/^body\/mysqlServerPort must be >= 1/);
    const uid = await stack.post<ErrorBody>(`${base}/namespaces/${ns}/pods`, {
      uid: -1,
      cell: 'z',
      keyspace: 'k',
      shard: '0',
    });
    expect(uid.body.message).toMatch(/^body\/uid must be >= 0/);
    const name = await stack.get<ErrorBody>(`${base}/namespaces/Bad_NS/pods`);
    expect(name.status).toBe(400);
    expect(name.body.message).toMatch(/^params\/namespace must match pattern/);
  });

  it('lists the RC with its pods, scales it and shows the detail', async () => {
    await eventually(async () => {
      const rcs = await stack.get<K8sRcList>(`${base}/namespaces/${ns}/rcs`);
      expect(rcs.body.items[0]).toMatchObject({ name: 'etcd-zone9', desired: 1, current: 1, ready: 1 });
    });
    const scaled = await stack.send<K8sChange>('PUT', `${base}/namespaces/${ns}/rcs/etcd-zone9/scale`, {
      replicas: 3,
    });
    expect(scaled.status).toBe(200);
    await eventually(async () => {
      const detail = await stack.get<K8sRcDetail>(`${base}/namespaces/${ns}/rcs/etcd-zone9`);
      expect(detail.body.rc).toMatchObject({ desired: 3, ready: 3 });
      expect(detail.body.pods).toHaveLength(3);
      expect(detail.body.events.map((e) => e.reason)).toContain('SuccessfulCreate');
    });
    const detail = await stack.get<K8sRcDetail>(`${base}/namespaces/${ns}/rcs/etcd-zone9`);
    expect(detail.body.containers[0]).toMatchObject({ name: 'etcd', image: 'vitess/etcd:v2.0.13-lite' });
    expect(detail.body.manifest).toContain('kind: ReplicationController');
  });

  it('shows services with their ports and the pods they select', async () => {
    const list = await stack.get<K8sServiceList>(`${base}/namespaces/${ns}/services`);
    expect(list.body.items.map((s) => [s.name, s.clusterIp === 'None'])).toEqual([
      ['etcd-zone9', false],
      ['etcd-zone9-srv', true],
    ]);
    const detail = await stack.get<K8sServiceDetail>(`${base}/namespaces/${ns}/services/etcd-zone9-srv`);
    expect(detail.body.service.ports).toEqual([
      { name: 'etcd-server', port: 7001, targetPort: '7001', protocol: 'TCP', nodePort: null },
    ]);
    expect(detail.body.pods.length).toBe(3);
  });

  it('deletes the RC with its pods, the services, the pod and the namespace', async () => {
    const rc = await stack.send<K8sChange>('DELETE', `${base}/namespaces/${ns}/rcs/etcd-zone9`);
    expect(rc.status).toBe(200);
    await eventually(async () => {
      const pods = await stack.get<K8sPodList>(`${base}/namespaces/${ns}/pods`);
      expect(pods.body.items.map((p) => p.name)).toEqual(['vttablet-900']);
    });
    for (const svc of ['etcd-zone9', 'etcd-zone9-srv']) {
      expect((await stack.send('DELETE', `${base}/namespaces/${ns}/services/${svc}`)).status).toBe(200);
    }
    expect((await stack.send('DELETE', `${base}/namespaces/${ns}/pods/vttablet-900`)).status).toBe(200);
    expect((await stack.send('DELETE', `${base}/namespaces/${ns}`)).status).toBe(200);
    await eventually(async () => {
      const res = await stack.get<ErrorBody>(`${base}/namespaces/${ns}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`namespaces "${ns}" not found`);
    });
  });

  it('answers 404 for a cluster without Kubernetes and for an unknown cluster', async () => {
    const staging = await stack.get<ErrorBody>('/api/v2/clusters/staging/k8s/namespaces');
    expect(staging.status).toBe(404);
    expect(staging.body.code).toBe('K8S_NOT_CONFIGURED');
    expect((await stack.get<ErrorBody>('/api/v2/clusters/nope/k8s/namespaces')).body.code).toBe(
      'CLUSTER_NOT_FOUND',
    );
  });

  it('keeps each role to its namespaces', async () => {
    const developer = await stack.as('developer'); // viewer+ on namespace default only
    const list = await developer.get<K8sNamespaceList>(`${base}/namespaces`);
    expect(list.body.items.map((n) => n.name)).toEqual(['default']);
    expect((await developer.get(`${base}/namespaces/vitess/pods`)).status).toBe(403);
    const create = await developer.post<ErrorBody>(`${base}/namespaces/default/rcs`, {
      type: 'etcd',
      cell: 'dev',
    });
    expect(create.status).toBe(403);
  });
});
