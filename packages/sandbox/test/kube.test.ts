import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeFake, startKubeFake } from '../src/kube';

// The Kubernetes fake over real HTTP: discovery, demo data, CRUD with the real Status texts, selectors.

let kube: KubeFake;

interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
  body: any;
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(`${kube.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed };
}

const pod = (name: string, labels: Record<string, string> = {}, image = 'nginx:1.27') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] },
});

beforeAll(async () => {
  kube = await startKubeFake({
    podStartDelayMs: 50,
    podStopDelayMs: 20,
    namespaceDeleteDelayMs: 100,
    logIntervalMs: 200,
  });
  await api('POST', '/api/v1/namespaces', { metadata: { name: 'crud' } });
});
afterAll(async () => {
  await kube.close();
});

describe('discovery', () => {
  it('reports v1.32 so the kubectl dispatcher runs 1.32', async () => {
    const r = await api('GET', '/version?timeout=5s');
    expect(r.body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
  });

  it('serves aggregated discovery only when asked, with its content type', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const agg = await api('GET', '/api', undefined, { accept });
    expect(agg.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const resources = agg.body.items[0].versions[0].resources;
    expect(resources.map((r: { resource: string }) => r.resource)).toEqual([
      'events',
      'namespaces',
      'pods',
      'replicationcontrollers',
      'services',
    ]);
    expect(
      resources.find((r: { resource: string }) => r.resource === 'replicationcontrollers'),
    ).toMatchObject({
      shortNames: ['rc'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
        {},
      ],
    });
    expect((await api('GET', '/apis', undefined, { accept })).body.items).toEqual([]);

    const legacy = await api('GET', '/api');
    expect(legacy.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const v1 = await api('GET', '/api/v1');
    const names = v1.body.resources.map((r: { name: string }) => r.name);
    expect(names).toContain('pods/log');
    expect(names).toContain('replicationcontrollers/scale');
    expect((await api('GET', '/apis')).body).toEqual({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  });

  it('serves the OpenAPI v3 pair kubectl validates with', async () => {
    const root = await api('GET', '/openapi/v3');
    const url: string = root.body.paths['api/v1'].serverRelativeURL;
    const doc = await api('GET', url);
    expect(doc.headers.get('cache-control')).toBe('public, immutable');
    const ops = Object.values(doc.body.paths) as {
      patch: { 'x-kubernetes-group-version-kind': { kind: string }; parameters: { name: string }[] };
    }[];
    for (const kind of ['Pod', 'Service', 'ReplicationController', 'Namespace', 'Event']) {
      const op = ops.find((o) => o.patch['x-kubernetes-group-version-kind'].kind === kind);
      expect(op?.patch.parameters.map((p) => p.name)).toContain('fieldValidation');
    }
  });

  it('answers unknown paths like the apiserver', async () => {
    expect(await api('GET', '/api/v1/deployments')).toMatchObject({
      status: 404,
      body: { reason: 'NotFound', message: 'the server could not find the requested resource' },
    });
    const outside = await api('GET', '/nope');
    expect(outside.status).toBe(404);
    expect(outside.body).toBe('404 page not found\n');
  });
});

describe('demo data', () => {
  it('holds the Vitess components of cluster prod in namespace vitess', async () => {
    const ns = await api('GET', '/api/v1/namespaces');
    expect(ns.body.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'vitess', 'vitess-staging']),
    );
    const rcs = await api('GET', '/api/v1/namespaces/vitess/replicationcontrollers');
    expect(rcs.body.kind).toBe('ReplicationControllerList');
    expect(rcs.body.items.map((r: { metadata: { name: string } }) => r.metadata.name)).toEqual([
      'etcd-global',
      'etcd-zone1',
      'etcd-zone2',
      'vtctld',
      'vtgate-zone1',
      'vtgate-zone2',
    ]);
    const svcs = await api('GET', '/api/v1/namespaces/vitess/services');
    const srv = svcs.body.items.find(
      (s: { metadata: { name: string } }) => s.metadata.name === 'etcd-global-srv',
    );
    expect(srv.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'etcd-server', port: 7001 }] });
    const vtgate = svcs.body.items.find(
      (s: { metadata: { name: string } }) => s.metadata.name === 'vtgate-zone1',
    );
    expect(vtgate.spec.type).toBe('LoadBalancer');
    expect(vtgate.spec.ports.map((p: { port: number }) => p.port)).toEqual([15001, 15991, 3306]);

    const tablets = await api('GET', '/api/v1/namespaces/vitess/pods?labelSelector=component%3Dvttablet');
    expect(tablets.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(
      [100, 101, 102, 200, 201, 202, 300, 301, 302].map((uid) => `vttablet-${uid}`),
    );
    expect(tablets.body.items[2].metadata.labels).toMatchObject({
      cell: 'zone2',
      tablet: 'zone2-0000000102',
    });
    const t200 = tablets.body.items[3];
    expect(t200.kind).toBeUndefined();
    expect(t200.metadata.labels).toEqual({
      app: 'vitess',
      component: 'vttablet',
      cell: 'zone1',
      keyspace: 'customer',
      shard: 'xx-80',
      tablet: 'zone1-0000000200',
    });
    expect(t200.status.phase).toBe('Running');
    expect(t200.spec.containers.map((c: { name: string }) => c.name)).toEqual(['vttablet', 'mysql']);
  });
});

describe('CRUD and Status errors', () => {
  it('creates a pod with server-filled fields and defaults', async () => {
    const r = await api(
      'POST',
      '/api/v1/namespaces/crud/pods',
      pod('alpha', { app: 'web', tier: 'front' }, 'nginx'),
    );
    expect(r.status).toBe(201);
    expect(r.body.kind).toBe('Pod');
    expect(r.body.metadata).toMatchObject({ name: 'alpha', namespace: 'crud' });
    expect(r.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(r.body.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
    expect(r.body.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      ports: [{ protocol: 'TCP' }],
    });
    expect(r.body.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const list = await api('GET', '/api/v1/namespaces/crud/pods');
    expect(Number(list.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(
      Number(r.body.metadata.resourceVersion),
    );
  });

  it('rejects duplicates, bad names and missing namespaces with the real texts', async () => {
    const dup = await api('POST', '/api/v1/namespaces/crud/pods', pod('alpha'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'pods "alpha" already exists',
      details: { name: 'alpha', kind: 'pods' },
    });

    const bad = await api('POST', '/api/v1/namespaces/crud/pods', pod('Bad_Name'));
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe(
      `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(bad.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });

    const ns = await api('POST', '/api/v1/namespaces', { metadata: { name: 'My_NS' } });
    expect(ns.body.message).toContain(
      `(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    const svc = await api('POST', '/api/v1/namespaces/crud/services', {
      metadata: { name: '9svc' },
      spec: { ports: [{ port: 80 }] },
    });
    expect(svc.body.message).toContain('a DNS-1035 label must consist of lower case alphanumeric characters');

    const noName = await api('POST', '/api/v1/namespaces/crud/pods', { metadata: {}, spec: {} });
    expect(noName.body.message).toBe(
      'Pod "" is invalid: [metadata.name: Required value: name or generateName is required, spec.containers: Required value]',
    );
    const missing = await api('POST', '/api/v1/namespaces/nope/pods', pod('x'));
    expect(missing).toMatchObject({ status: 404, body: { message: 'namespaces "nope" not found' } });
    const mismatch = await api('POST', '/api/v1/namespaces/crud/pods', {
      ...pod('y'),
      metadata: { name: 'y', namespace: 'other' },
    });
    expect(mismatch).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message: 'the namespace of the provided object does not match the namespace sent on the request',
      },
    });
    const gone = await api('GET', '/api/v1/namespaces/crud/pods/nope');
    expect(gone.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    expect((await api('GET', '/api/v1/namespaces/nope/pods')).body.items).toEqual([]);
  });

  it('generates names from generateName with the kube alphabet', async () => {
    const r = await api('POST', '/api/v1/namespaces/crud/pods', {
      metadata: { generateName: 'gen-' },
      spec: pod('x').spec,
    });
    expect(r.body.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('honours fieldValidation=Strict and warns otherwise', async () => {
    const body = { ...pod('strict'), spec: { ...pod('strict').spec, bogus: 1 } };
    const strict = await api('POST', '/api/v1/namespaces/crud/pods?fieldValidation=Strict', body);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogus"',
    );
    const warn = await api('POST', '/api/v1/namespaces/crud/pods', body);
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"spec.bogus\\""');
  });

  it('replaces with optimistic concurrency and keeps pods nearly immutable', async () => {
    // The kubelet writes the pod until it runs; a write in between would make the PUTs below stale.
    let cur = (await api('GET', '/api/v1/namespaces/crud/pods/alpha')).body;
    for (let i = 0; i < 100 && cur.status?.phase !== 'Running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      cur = (await api('GET', '/api/v1/namespaces/crud/pods/alpha')).body;
    }
    const stale = { ...cur, metadata: { ...cur.metadata, resourceVersion: '1', labels: { app: 'web' } } };
    const conflict = await api('PUT', '/api/v1/namespaces/crud/pods/alpha', stale);
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe(
      'Operation cannot be fulfilled on pods "alpha": the object has been modified; please apply your changes to the latest version and try again',
    );
    const { resourceVersion: _, ...metaNoRv } = cur.metadata;
    const ok = await api('PUT', '/api/v1/namespaces/crud/pods/alpha', {
      ...cur,
      metadata: { ...metaNoRv, labels: { app: 'web', tier: 'front', v: '2' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.metadata.labels.v).toBe('2');
    const changed = structuredClone(ok.body);
    changed.spec.restartPolicy = 'Never';
    const forbidden = await api('PUT', '/api/v1/namespaces/crud/pods/alpha', changed);
    expect(forbidden.status).toBe(422);
    expect(forbidden.body.message).toMatch(
      /^Pod "alpha" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
    const wrongName = await api('PUT', '/api/v1/namespaces/crud/pods/alpha', {
      ...ok.body,
      metadata: { ...ok.body.metadata, name: 'beta' },
    });
    expect(wrongName.body.message).toBe(
      'the name of the object (beta) does not match the name on the URL (alpha)',
    );
  });

  it('patches with merge, strategic merge and JSON patch', async () => {
    const path = '/api/v1/namespaces/crud/pods/alpha';
    const merge = await api(
      'PATCH',
      `${path}?fieldManager=kubectl-label`,
      { metadata: { labels: { v: null, extra: 'x' } } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(merge.body.metadata.labels).toEqual({ app: 'web', tier: 'front', extra: 'x' });
    const before = merge.body.metadata.resourceVersion;
    const noop = await api('PATCH', path, {}, { 'content-type': 'application/merge-patch+json' });
    expect(noop.body.metadata.resourceVersion).toBe(before);

    const smp = await api(
      'PATCH',
      path,
      { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(smp.status).toBe(200);
    expect(smp.body.spec.containers).toHaveLength(1);
    expect(smp.body.spec.containers[0]).toMatchObject({
      image: 'nginx:1.28',
      ports: [{ containerPort: 80 }],
    });

    const jp = await api(
      'PATCH',
      path,
      [
        { op: 'remove', path: '/metadata/labels/extra' },
        { op: 'add', path: '/metadata/annotations', value: { a: 'b' } },
      ],
      { 'content-type': 'application/json-patch+json' },
    );
    expect(jp.body.metadata.labels.extra).toBeUndefined();
    expect(jp.body.metadata.annotations).toEqual({ a: 'b' });
    const notArray = await api('PATCH', path, { a: 1 }, { 'content-type': 'application/json-patch+json' });
    expect(notArray).toMatchObject({
      status: 400,
      body: { message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
    });
    const badType = await api('PATCH', path, {}, { 'content-type': 'text/plain' });
    expect(badType.status).toBe(415);
    expect(badType.body.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
    expect((await api('POST', path, pod('alpha'))).body).toMatchObject({
      code: 405,
      reason: 'MethodNotAllowed',
    });
  });

  it('allocates service ClusterIPs and NodePorts, and refuses taken ones', async () => {
    const r = await api('POST', '/api/v1/namespaces/crud/services', {
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
    });
    expect(r.status).toBe(201);
    const [a, b, c] = r.body.spec.clusterIP.split('.').map(Number);
    expect(a).toBe(10);
    expect(b).toBeGreaterThanOrEqual(96);
    expect(b).toBeLessThanOrEqual(111);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(r.body.spec).toMatchObject({
      clusterIPs: [r.body.spec.clusterIP],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      externalTrafficPolicy: 'Cluster',
    });
    expect(r.body.spec.ports[0]).toMatchObject({ protocol: 'TCP', targetPort: 80 });
    expect(r.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const taken = await api('POST', '/api/v1/namespaces/crud/services', {
      metadata: { name: 'dns' },
      spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe(
      'Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    const del = await api('DELETE', '/api/v1/namespaces/crud/services/web');
    expect(del.body).toMatchObject({ kind: 'Service', metadata: { name: 'web' } });
  });

  it('deletes: pods answer with the pod, events with a Success status', async () => {
    const unscheduled = await api('POST', '/api/v1/namespaces/crud/pods', {
      ...pod('quick'),
      spec: { ...pod('quick').spec, nodeName: '' },
    });
    expect(unscheduled.status).toBe(201);
    const del = await api('DELETE', '/api/v1/namespaces/crud/pods/quick', {
      gracePeriodSeconds: 0,
      propagationPolicy: 'Background',
    });
    expect(del.body).toMatchObject({ kind: 'Pod', metadata: { name: 'quick' } });
    expect((await api('GET', '/api/v1/namespaces/crud/pods/quick')).status).toBe(404);
    expect((await api('DELETE', '/api/v1/namespaces/crud/pods/quick')).body.message).toBe(
      'pods "quick" not found',
    );
    const ev = await api('POST', '/api/v1/namespaces/crud/events', {
      metadata: { name: 'alpha.1' },
      involvedObject: { kind: 'Pod', name: 'alpha', namespace: 'crud' },
      reason: 'Test',
      message: 'hello',
      type: 'Normal',
    });
    expect(ev.status).toBe(201);
    const evDel = await api('DELETE', '/api/v1/namespaces/crud/events/alpha.1');
    expect(evDel.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'alpha.1', kind: 'events', uid: ev.body.metadata.uid },
    });
  });
});

describe('selectors', () => {
  const names = async (query: string) => {
    const r = await api('GET', `/api/v1/namespaces/vitess/pods?${query}`);
    expect(r.status).toBe(200);
    return r.body.items.map((p: { metadata: { name: string } }) => p.metadata.name) as string[];
  };
  const q = (sel: string, kind = 'labelSelector') => `${kind}=${encodeURIComponent(sel)}`;

  it('supports equality and set-based label selectors', async () => {
    expect(await names(q('component=vttablet,keyspace=commerce'))).toEqual([
      'vttablet-100',
      'vttablet-101',
      'vttablet-102',
    ]);
    expect(await names(q('component==vtctld'))).toHaveLength(1);
    expect(await names(q('component=vttablet,shard!=0'))).toHaveLength(6);
    expect(await names(q('shard in (xx-80, 80-xx)'))).toHaveLength(6);
    expect(await names(q('component=vttablet,shard notin (xx-80)'))).toHaveLength(6);
    expect(await names(q('tablet'))).toHaveLength(9);
    expect(await names(q('component,!tablet,cell=zone2'))).toHaveLength(6);
  });

  it('supports field selectors and rejects unsupported fields with the real text', async () => {
    expect(await names(q('metadata.name=vttablet-100', 'fieldSelector'))).toEqual(['vttablet-100']);
    expect(await names(q('status.phase=Running,metadata.name!=vttablet-100', 'fieldSelector'))).toHaveLength(
      24,
    );
    expect((await names(q('spec.nodeName=node-1', 'fieldSelector'))).length).toBeGreaterThan(0);
    const bad = await api('GET', `/api/v1/namespaces/vitess/pods?${q('spec.foo=bar', 'fieldSelector')}`);
    expect(bad).toMatchObject({
      status: 400,
      body: { reason: 'BadRequest', message: 'field label not supported: spec.foo' },
    });
    const badLabel = await api('GET', `/api/v1/namespaces/vitess/pods?${q('==x')}`);
    expect(badLabel.body.message).toBe("unable to parse requirement: found '==', expected: identifier");
    const ns = await api('GET', `/api/v1/namespaces?${q('status.phase=Active', 'fieldSelector')}`);
    expect(ns.body.items.length).toBeGreaterThan(4);
  });

  it('pages with limit and continue', async () => {
    const first = await api('GET', '/api/v1/pods?limit=10');
    expect(first.body.items).toHaveLength(10);
    expect(first.body.metadata.remainingItemCount).toBeGreaterThan(0);
    const next = await api('GET', `/api/v1/pods?limit=10&continue=${first.body.metadata.continue}`);
    expect(next.body.items[0].metadata.name).not.toBe(first.body.items[9].metadata.name);
  });
});

describe('tables and auth', () => {
  it('returns a meta.k8s.io Table when asked', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const t = await api('GET', '/api/v1/namespaces/vitess/pods/vttablet-100', undefined, { accept });
    expect(t.body.kind).toBe('Table');
    expect(t.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(t.body.rows[0].cells.slice(0, 4)).toEqual(['vttablet-100', '2/2', 'Running', '0']);
    expect(t.body.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { namespace: 'vitess' },
    });
  });

  it('requires the bearer token when configured, and fails like an apiserver under fault injection', async () => {
    const locked = await startKubeFake({ dataset: 'empty', token: 's3cret' });
    try {
      const denied = await fetch(`${locked.url}/api/v1/namespaces`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ reason: 'Unauthorized', message: 'Unauthorized' });
      const ok = await fetch(`${locked.url}/api/v1/namespaces`, {
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(((await ok.json()) as { items: unknown[] }).items).toHaveLength(4);
      await locked.server.setFault({ errorRate: 1 });
      const failing = await fetch(`${locked.url}/api/v1/namespaces`, {
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(failing.status).toBe(500);
      expect(await failing.json()).toMatchObject({ reason: 'InternalError' });
    } finally {
      await locked.close();
    }
  });
});
