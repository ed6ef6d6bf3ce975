import { readFile } from 'node:fs/promises';
import type { K8sEnvelope } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type K8sStack, startK8sStack } from './k8s-stack';

// Every seed cluster route through @kubernetes/client-node against the Kubernetes fake, over HTTP.

type Env<T = Record<string, unknown>> = K8sEnvelope & { Data: T };
interface Obj {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}
interface List {
  metadata: { resourceVersion: string };
  items: Obj[];
}

let stack: K8sStack;
const ns = `seed-${Date.now().toString(36)}`;

beforeAll(async () => {
  stack = await startK8sStack();
});
afterAll(() => stack?.close());

const del = <T = K8sEnvelope>(path: string) => stack.send<T>('DELETE', path);

describe('namespaces', () => {
  it('lists namespaces in the envelope with the list object as Data', async () => {
    const res = await stack.get<Env<List>>('/api/k8sns');
    expect(res.status).toBe(200);
    expect(res.body.Code).toBe(0);
    expect(res.body.Message).toBe('success');
    expect(res.body.Data.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(res.body.Data.items.map((n) => n.metadata.name)).toEqual(
      expect.arrayContaining(['default', 'vitess']),
    );
  });

  it('creates a namespace with labels, reads it, and refuses a duplicate with the API message', async () => {
    const created = await stack.post<Env<{ Namespace: Obj }>>('/api/k8sns', {
      Name: ns,
      Labels: { Key1: 'Value', team: 'dba' },
    });
    expect(created.status).toBe(200);
    expect(created.body.Code).toBe(0);
    expect(created.body.Data.Namespace.metadata.labels).toMatchObject({ Key1: 'Value', team: 'dba' });

    const got = await stack.get<Env<{ Namespace: Obj }>>(`/api/k8sns/${ns}`);
    expect(got.body.Data.Namespace.metadata.name).toBe(ns);
    expect(got.body.Data.Namespace.status).toEqual({ phase: 'Active' });

    const again = await stack.post<K8sEnvelope>('/api/k8sns', { Name: ns });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ Code: 409, Message: `namespaces "${ns}" already exists` });
  });

  it('refuses bad names and label keys before the API sees them', async () => {
    const bad = await stack.post<K8sEnvelope>('/api/k8sns', { Name: 'Bad_Name' });
    expect(bad.status).toBe(400);
    expect(bad.body.Code).toBe(400);
    expect(bad.body.Message).toMatch(/^body\/Name must match pattern/);
    const label = await stack.post<K8sEnvelope>('/api/k8sns', {
      Name: 'ok-name',
      Labels: { 'bad key': 'v' },
    });
    expect(label.status).toBe(400);
    expect(label.body.Message).toMatch(/^body\/Labels key "bad key" is not a valid label key/);
    expect((await stack.get<K8sEnvelope>('/api/k8sns/ok-name')).status).toBe(404);
  });

  it('answers a missing namespace with 404 and the API message', async () => {
    const res = await stack.get<K8sEnvelope>('/api/k8sns/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ Code: 404, Message: 'namespaces "does-not-exist" not found' });
  });
});

describe('pods', () => {
  const seedPod = {
    Uid: '100',
    Keyspace: 'test_ks',
    ShardLable: 'xx-80',
    Alias: 'test-0000000100',
    VitessImage: 'vitess/lite:v2.1',
    Port: 15002,
    GrpcPort: 16002,
    TabletType: 'replica',
    BackupFlags: '-backup_storage_implementation file',
    VtdatarootVolume: 'emptyDir: {}',
    Shard: '-80',
    TabletSubdir: 'test-0000000100',
  };

  it('creates a vttablet pod at the seed path and at /api/k8sns, and lists and reads them', async () => {
    const a = await stack.post<Env<{ Pod: Obj }>>(`/api/v1/namespaces/${ns}/pods`, seedPod);
    expect(a.status).toBe(200);
    expect(a.body.Code).toBe(0);
    expect(a.body.Data.Pod.metadata).toMatchObject({
      name: 'vttablet-100',
      namespace: ns,
      labels: {
        app: 'vitess',
        component: 'vttablet',
        keyspace: 'test_ks',
        shard: 'xx-80',
        tablet: 'test-0000000100',
      },
    });
    const b = await stack.post<Env<{ Pod: Obj }>>(`/api/k8sns/${ns}/pods`, {
      ...seedPod,
      Uid: 101,
      Alias: 'test-0000000101',
    });
    expect(b.body.Data.Pod.metadata.name).toBe('vttablet-101');

    const list = await stack.get<Env<List>>(`/api/k8sns/${ns}/pods`);
    expect(list.body.Data.items.map((p) => p.metadata.name)).toEqual(['vttablet-100', 'vttablet-101']);

    await eventually(async () => {
      const got = await stack.get<Env<{ Pod: Obj & { status: { phase: string; podIP?: string } } }>>(
        `/api/k8sns/${ns}/pods/vttablet-100`,
      );
      expect(got.body.Data.Pod.status.phase).toBe('Running');
      expect(got.body.Data.Pod.status.podIP).toMatch(/^10\.244\./);
    });
  });

  it('validates the seed fields, naming each', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ Uid: 'abc' }, /^body\/Uid/],
      [{ Port: 70000 }, /^body\/Port must be <= 65535/],
      [{ GrpcPort: 0 }, /^body\/GrpcPort must be >= 1/],
      [{ Alias: 'test-0000000999' }, /^body\/Alias "test-0000000999" does not match body\/Uid 100/],
      [{ Keyspace: 'bad keyspace' }, /^body\/Keyspace must match pattern/],
      [{ BackupFlags: '-x; rm -rf /' }, /^body\/BackupFlags must match pattern/],
      [
        { VtdatarootVolume: 'hostPath: {path: relative}' },
        /^body\/VtdatarootVolume hostPath.path must be an absolute path/,
      ],
    ];
    for (const [patch, message] of cases) {
      const res = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/pods`, { ...seedPod, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.Code).toBe(400);
      expect(res.body.Message).toMatch(message);
    }
    const missing = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/pods`, { Uid: '5' });
    expect(missing.body.Message).toMatch(/^body\/\w+ is required/);
  });

  it('passes Kubernetes refusals through with their status and message', async () => {
    const dup = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/pods`, seedPod);
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ Code: 409, Message: 'pods "vttablet-100" already exists' });
    const missingNs = await stack.post<K8sEnvelope>('/api/k8sns/no-such-ns/pods', seedPod);
    expect(missingNs.status).toBe(404);
    expect(missingNs.body).toEqual({ Code: 404, Message: 'namespaces "no-such-ns" not found' });
    const missingPod = await stack.get<K8sEnvelope>(`/api/k8sns/${ns}/pods/nope`);
    expect(missingPod.body).toEqual({ Code: 404, Message: 'pods "nope" not found' });
  });

  it('deletes a pod', async () => {
    const res = await del(`/api/k8sns/${ns}/pods/vttablet-101`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ Code: 0, Message: 'success' });
    await eventually(async () => {
      expect((await stack.get(`/api/k8sns/${ns}/pods/vttablet-101`)).status).toBe(404);
    });
  });
});

describe('replication controllers', () => {
  it('creates Etcd, Vtctld and Vtgate controllers from the templates', async () => {
    const etcd = await stack.post<Env<{ ReplicationController: Obj }>>(`/api/k8sns/${ns}/rc`, {
      Type: 'Etcd',
      Cell: 'gwtest',
      Replicas: 2,
    });
    expect(etcd.status).toBe(200);
    expect(etcd.body.Data.ReplicationController.metadata.name).toBe('etcd-gwtest');
    expect(etcd.body.Data.ReplicationController.spec).toMatchObject({
      replicas: 2,
      selector: { app: 'vitess', cell: 'gwtest', component: 'etcd' },
    });

    const vtctld = await stack.post<Env<{ ReplicationController: Obj }>>(`/api/k8sns/${ns}/rc`, {
      Type: 'Vtctld',
      Cell: 'gwtest',
      VitessImage: '192.168.212.19/vitesss/lite57:0.1.6',
      Replicas: 1,
      BackupFlags: '-backup_storage_implementation file',
      TestFlags: '-enable_queries',
    });
    expect(vtctld.body.Data.ReplicationController.metadata.name).toBe('vtctld');

    const vtgate = await stack.post<Env<{ ReplicationController: Obj }>>(`/api/k8sns/${ns}/rc`, {
      Type: 'vtgate',
      Cell: 'gwtest',
      VitessImage: '192.168.212.19/vitesss/lite57:0.1.6',
      Replicas: 2,
      MySQLServerPort: 3306,
    });
    expect(vtgate.body.Data.ReplicationController.metadata.name).toBe('vtgate-gwtest');

    const list = await stack.get<Env<List>>(`/api/k8sns/${ns}/rc`);
    expect(list.body.Data.items.map((r) => r.metadata.name)).toEqual([
      'etcd-gwtest',
      'vtctld',
      'vtgate-gwtest',
    ]);
    const got = await stack.get<Env<{ ReplicationController: Obj }>>(`/api/k8sns/${ns}/rc/etcd-gwtest`);
    expect(got.body.Data.ReplicationController.metadata.name).toBe('etcd-gwtest');

    await eventually(async () => {
      const pods = await stack.get<Env<List>>(`/api/k8sns/${ns}/pods`);
      const etcdPods = pods.body.Data.items.filter((p) => p.metadata.name.startsWith('etcd-gwtest-'));
      expect(etcdPods).toHaveLength(2);
      expect(etcdPods.every((p) => p.status?.phase === 'Running')).toBe(true);
    });
  });

  it('refuses an unknown type and a bad cell', async () => {
    const type = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/rc`, { Type: 'Vttablet', Cell: 'x' });
    expect(type.status).toBe(400);
    expect(type.body.Message).toMatch(/^body\/Type must match pattern/);
    const cell = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/rc`, { Type: 'Etcd', Cell: '9zone' });
    expect(cell.body.Message).toMatch(/^body\/Cell must match pattern/);
  });

  it('deletes a controller together with its pods', async () => {
    const res = await del(`/api/k8sns/${ns}/rc/etcd-gwtest`);
    expect(res.body).toEqual({ Code: 0, Message: 'success' });
    await eventually(async () => {
      const pods = await stack.get<Env<List>>(`/api/k8sns/${ns}/pods`);
      expect(pods.body.Data.items.filter((p) => p.metadata.name.startsWith('etcd-gwtest-'))).toEqual([]);
    });
    expect((await stack.get(`/api/k8sns/${ns}/rc/etcd-gwtest`)).status).toBe(404);
  });
});

describe('services', () => {
  it('creates etcdlb, etcdcb, vtctld and Vtgate services', async () => {
    const made: string[] = [];
    for (const body of [
      { Type: 'etcdlb', Cell: 'gwtest' },
      { Type: 'etcdcb', Cell: 'gwtest' },
      { Type: 'vtctld', ServiceType: 'ClusterIP' },
      { Type: 'Vtgate', Cell: 'gw-test', MysqlServerPort: 3306 },
    ]) {
      const res = await stack.post<Env<{ Service: Obj }>>(`/api/k8sns/${ns}/services`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      made.push(res.body.Data.Service.metadata.name);
    }
    expect(made).toEqual(['etcd-gwtest', 'etcd-gwtest-srv', 'vtctld', 'vtgate-gw-test']);

    const srv = await stack.get<Env<{ Service: Obj }>>(`/api/k8sns/${ns}/services/etcd-gwtest-srv`);
    expect(srv.body.Data.Service.metadata.labels).toEqual({
      app: 'vitess',
      cell: 'gwtest',
      component: 'etcd',
    });
    expect(srv.body.Data.Service.spec).toMatchObject({
      clusterIP: 'None',
      ports: [{ name: 'etcd-server', port: 7001, protocol: 'TCP', targetPort: 7001 }],
    });
    const list = await stack.get<Env<List>>(`/api/k8sns/${ns}/services`);
    expect(list.body.Data.items.map((s) => s.metadata.name)).toEqual(made);
  });

  it('requires a cell where the template needs one', async () => {
    const res = await stack.post<K8sEnvelope>(`/api/k8sns/${ns}/services`, { Type: 'etcdlb' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ Code: 400, Message: 'body/Cell is required for service type etcdlb' });
  });

  it('deletes a service', async () => {
    expect((await del(`/api/k8sns/${ns}/services/vtctld`)).body).toEqual({ Code: 0, Message: 'success' });
    expect((await stack.get<K8sEnvelope>(`/api/k8sns/${ns}/services/vtctld`)).body).toEqual({
      Code: 404,
      Message: 'services "vtctld" not found',
    });
  });
});

describe('clusters, grants and audit', () => {
  it('acts on the cluster named by X-Vtdeck-Cluster', async () => {
    const none = await stack.get<K8sEnvelope>('/api/k8sns', { 'x-vtdeck-cluster': 'staging' });
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ Code: 404, Message: 'cluster "staging" has no Kubernetes API configured' });
    const unknown = await stack.get<K8sEnvelope>('/api/k8sns', { 'x-vtdeck-cluster': 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toMatch(/unknown cluster "nope"/);
  });

  it('lists only granted namespaces and refuses changes outside the grants', async () => {
    const dba = await stack.as('dba'); // dba on namespaces vitess*
    const list = await dba.get<Env<List>>('/api/k8sns');
    expect(list.body.Data.items.map((n) => n.metadata.name)).toEqual(['vitess', 'vitess-staging']);
    expect((await dba.get<K8sEnvelope>('/api/k8sns/default/pods')).status).toBe(403);

    const denied = await dba.post<K8sEnvelope>('/api/k8sns/default/rc', {
      Type: 'Etcd',
      Cell: 'zz',
      Replicas: 1,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.Code).toBe(403);
    expect(denied.body.Message).toMatch(/k8s.write needs role dba on namespace "default"/);

    const viewer = await stack.as('viewer');
    expect((await viewer.get<K8sEnvelope>('/api/k8sns/vitess/pods')).body.Code).toBe(0);
    const viewerDelete = await viewer.send<K8sEnvelope>('DELETE', '/api/k8sns/vitess/pods/vttablet-100');
    expect(viewerDelete.status).toBe(403);

    const anonymous = await fetch(`${stack.url}/api/k8sns`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as K8sEnvelope).Code).toBe(401);
  });

  it('writes every change and every refusal to the audit log', async () => {
    const lines = (await readFile(stack.auditLogPath, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            action: string;
            result: string;
            user: string;
            target: { namespace?: string };
            args: string[];
          },
      );
    const created = lines.find((l) => l.action === 'k8s.pods.create' && l.result === 'ok');
    expect(created).toMatchObject({ user: 'demo-admin', target: { namespace: ns } });
    expect(created?.args[0]).toBe('pods/vttablet-100');
    expect(lines.find((l) => l.action === 'k8s.rc.delete' && l.result === 'ok')?.args).toEqual([
      'replicationcontrollers/etcd-gwtest',
    ]);
    expect(lines.find((l) => l.action === 'k8s.rc.create' && l.result === 'denied')).toMatchObject({
      user: 'dba',
      target: { namespace: 'default' },
    });
    expect(lines.find((l) => l.action === 'k8s.pods.create' && l.result === 'error')).toBeTruthy();
  });

  it('deletes the namespace, which then goes away', async () => {
    expect((await del(`/api/k8sns/${ns}`)).body).toEqual({ Code: 0, Message: 'success' });
    await eventually(async () => {
      expect((await stack.get<K8sEnvelope>(`/api/k8sns/${ns}`)).status).toBe(404);
    });
  });
});
