import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeFake, startKubeFake } from '../src/kube';

// The fake's control plane over real HTTP: watch streams, the RC manager with scale and garbage
// collection, pod lifecycle and logs, namespace termination.

let kube: KubeFake;

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = any;

async function api(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${kube.url}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': contentType } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Json = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed };
}

/** Reads a streaming response until `done` says so (or the time runs out), then aborts it. */
async function stream(path: string, done: (chunks: string) => boolean, timeoutMs = 5_000) {
  const ctrl = new AbortController();
  const res = await fetch(`${kube.url}${path}`, { signal: ctrl.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    while (!done(text) && Date.now() < deadline) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted at the deadline
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return { status: res.status, contentType: res.headers.get('content-type'), text };
}

const events = (text: string): { type: string; object: Json }[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const rc = (name: string, replicas: number) => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name },
  spec: {
    replicas,
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image: 'vitess/lite:v2.1.1' }] },
    },
  },
});

const podsOf = async (ns: string, app: string): Promise<Json[]> =>
  (await api('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=app%3D${app}`)).body.items;

beforeAll(async () => {
  kube = await startKubeFake({
    dataset: 'empty',
    podStartDelayMs: 100,
    podStopDelayMs: 30,
    namespaceDeleteDelayMs: 300,
    logIntervalMs: 50,
    watchHistoryLimit: 200,
  });
  await api('POST', '/api/v1/namespaces', { metadata: { name: 'ctl' } });
});
afterAll(async () => {
  await kube.close();
});

describe('watch', () => {
  it('replays state for rv 0, then streams ADDED/MODIFIED/DELETED with selectors applied', async () => {
    await api('POST', '/api/v1/namespaces/ctl/pods', {
      metadata: { name: 'seen', labels: { w: 'yes' } },
      spec: { containers: [{ name: 'c', image: 'x:1' }] },
    });
    const replay = await stream('/api/v1/namespaces/ctl/pods?watch=1&labelSelector=w%3Dyes', (t) =>
      t.includes('"seen"'),
    );
    expect(replay.contentType).toBe('application/json');
    expect(events(replay.text)[0]).toMatchObject({
      type: 'ADDED',
      object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'seen' } },
    });

    // Let `seen` finish starting, so the resumed watch below only sees the new pod.
    await until(
      'seen running',
      async () => (await api('GET', '/api/v1/namespaces/ctl/pods/seen')).body.status.phase === 'Running',
    );
    const rv = (await api('GET', '/api/v1/namespaces/ctl/pods')).body.metadata.resourceVersion;
    const watching = stream(
      `/api/v1/namespaces/ctl/pods?watch=true&resourceVersion=${rv}&labelSelector=w%3Dyes`,
      (t) => t.includes('"DELETED"'),
    );
    await new Promise((r) => setTimeout(r, 50));
    await api('POST', '/api/v1/namespaces/ctl/pods', {
      metadata: { name: 'fresh', labels: { w: 'yes' } },
      spec: { containers: [{ name: 'c', image: 'x:1' }] },
    });
    await until(
      'fresh running',
      async () => (await api('GET', '/api/v1/namespaces/ctl/pods/fresh')).body.status.phase === 'Running',
    );
    // Relabelling out of the selector is a DELETED for this watcher.
    await api(
      'PATCH',
      '/api/v1/namespaces/ctl/pods/fresh',
      { metadata: { labels: { w: 'no' } } },
      'application/merge-patch+json',
    );
    const seen = events((await watching).text);
    expect(seen.some((e) => e.object.metadata.name === 'seen')).toBe(false);
    expect(seen[0]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'fresh' }, status: { phase: 'Pending' } },
    });
    expect(seen.some((e) => e.type === 'MODIFIED' && e.object.status.phase === 'Running')).toBe(true);
    expect(seen.at(-1)).toMatchObject({
      type: 'DELETED',
      object: { metadata: { name: 'fresh', labels: { w: 'no' } } },
    });
    const rvs = seen.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(rvs[0]).toBeGreaterThan(Number(rv));
  });

  it('tells a watcher with a too old resourceVersion to relist (410 Expired)', async () => {
    // The history holds the last 200 changes (watchHistoryLimit); push rv 2 out of it.
    for (let i = 0; i < 210; i++)
      await api('POST', '/api/v1/namespaces/ctl/events', {
        metadata: { name: `churn.${i}` },
        involvedObject: {},
        reason: 'X',
      });
    const r = await stream('/api/v1/namespaces/ctl/pods?watch=1&resourceVersion=2', (t) =>
      t.includes('ERROR'),
    );
    expect(events(r.text)[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', reason: 'Expired', code: 410 },
    });
    expect(events(r.text)[0]?.object.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });
});

describe('replication controllers', () => {
  it('creates owned pods named <rc>-<5 chars> that become Running, and reports status', async () => {
    const created = await api('POST', '/api/v1/namespaces/ctl/replicationcontrollers', rc('web', 2));
    expect(created.status).toBe(201);
    expect(created.body.status).toEqual({ replicas: 0 });
    expect(created.body.spec.selector).toEqual({ app: 'web' });
    expect(created.body.metadata).toMatchObject({ generation: 1, labels: { app: 'web' } });
    const pods = await until('2 running pods', async () => {
      const p = await podsOf('ctl', 'web');
      return p.length === 2 && p.every((x) => x.status.phase === 'Running') && p;
    });
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'v1',
          kind: 'ReplicationController',
          name: 'web',
          uid: created.body.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(p.spec.nodeName).toMatch(/^node-\d$/);
      expect(p.status).toMatchObject({
        podIP: expect.stringMatching(/^10\.244\./),
        hostIP: expect.stringMatching(/^10\.128\./),
      });
      expect(p.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0 });
      expect(p.status.conditions.find((c: Json) => c.type === 'Ready').status).toBe('True');
    }
    const status = await until('rc status', async () => {
      const r = (await api('GET', '/api/v1/namespaces/ctl/replicationcontrollers/web')).body;
      return r.status.readyReplicas === 2 && r.status;
    });
    expect(status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
    const evs = (
      await api(
        'GET',
        '/api/v1/namespaces/ctl/events?fieldSelector=involvedObject.name%3Dweb,reason%3DSuccessfulCreate',
      )
    ).body.items;
    expect(evs.map((e: Json) => e.message).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata.name}`).sort(),
    );
  });

  it('scales through the autoscaling/v1 Scale subresource', async () => {
    const scale = await api('GET', '/api/v1/namespaces/ctl/replicationcontrollers/web/scale');
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=web' },
    });
    const up = await api(
      'PATCH',
      '/api/v1/namespaces/ctl/replicationcontrollers/web/scale',
      { spec: { replicas: 3 } },
      'application/merge-patch+json',
    );
    expect(up.body).toMatchObject({ kind: 'Scale', spec: { replicas: 3 } });
    await until('3 pods', async () => (await podsOf('ctl', 'web')).length === 3);
    const rcNow = (await api('GET', '/api/v1/namespaces/ctl/replicationcontrollers/web')).body;
    expect(rcNow.metadata.generation).toBe(2);
    await until(
      'observedGeneration 2',
      async () =>
        (await api('GET', '/api/v1/namespaces/ctl/replicationcontrollers/web')).body.status
          .observedGeneration === 2,
    );

    const down = await api(
      'PATCH',
      '/api/v1/namespaces/ctl/replicationcontrollers/web/scale',
      [{ op: 'replace', path: '/spec/replicas', value: 1 }],
      'application/json-patch+json',
    );
    expect(down.body.spec.replicas).toBe(1);
    await until('1 pod', async () => (await podsOf('ctl', 'web')).length === 1);
    const neg = await api('PUT', '/api/v1/namespaces/ctl/replicationcontrollers/web/scale', {
      spec: { replicas: -1 },
    });
    expect(neg.status).toBe(422);
    expect(neg.body.message).toBe(
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('orphans the pods on a v1 delete without propagationPolicy', async () => {
    await api('POST', '/api/v1/namespaces/ctl/replicationcontrollers', rc('orphan', 2));
    await until('2 pods', async () => (await podsOf('ctl', 'orphan')).length === 2);
    const del = await api('DELETE', '/api/v1/namespaces/ctl/replicationcontrollers/orphan');
    expect(del.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'orphan', kind: 'replicationcontrollers' },
    });
    await new Promise((r) => setTimeout(r, 150));
    const left = await podsOf('ctl', 'orphan');
    expect(left).toHaveLength(2);
    for (const p of left) expect(p.metadata.ownerReferences).toBeUndefined();
  });

  it('garbage-collects the pods with Background, and holds the RC with Foreground until they are gone', async () => {
    await api('POST', '/api/v1/namespaces/ctl/replicationcontrollers', rc('bg', 2));
    await until('2 pods', async () => (await podsOf('ctl', 'bg')).length === 2);
    await api('DELETE', '/api/v1/namespaces/ctl/replicationcontrollers/bg', {
      propagationPolicy: 'Background',
    });
    await until('bg pods gone', async () => (await podsOf('ctl', 'bg')).length === 0);

    await api('POST', '/api/v1/namespaces/ctl/replicationcontrollers', rc('fg', 2));
    await until(
      '2 running',
      async () => (await podsOf('ctl', 'fg')).filter((p) => p.status.phase === 'Running').length === 2,
    );
    const fg = await api(
      'DELETE',
      '/api/v1/namespaces/ctl/replicationcontrollers/fg?propagationPolicy=Foreground',
    );
    expect(fg.body).toMatchObject({
      kind: 'ReplicationController',
      metadata: { finalizers: ['foregroundDeletion'] },
    });
    expect(fg.body.metadata.deletionTimestamp).toBeDefined();
    await until(
      'fg rc gone',
      async () => (await api('GET', '/api/v1/namespaces/ctl/replicationcontrollers/fg')).status === 404,
    );
    expect(await podsOf('ctl', 'fg')).toHaveLength(0);
  });
});

describe('pod logs', () => {
  it('serves text/plain logs with tailLines, container checks and follow', async () => {
    await api('POST', '/api/v1/namespaces/ctl/pods', {
      metadata: {
        name: 'vttablet-100',
        labels: { component: 'vttablet', tablet: 'zone1-0000000100', keyspace: 'commerce', shard: '0' },
      },
      spec: {
        containers: [
          { name: 'vttablet', image: 'vitess/lite' },
          { name: 'mysql', image: 'vitess/lite' },
        ],
      },
    });
    const early = await fetch(`${kube.url}/api/v1/namespaces/ctl/pods/vttablet-100/log?container=vttablet`);
    expect([200, 400]).toContain(early.status); // unscheduled: empty 200; ContainerCreating: 400
    await until(
      'running',
      async () =>
        (await api('GET', '/api/v1/namespaces/ctl/pods/vttablet-100')).body.status.phase === 'Running',
    );
    const noContainer = await api('GET', '/api/v1/namespaces/ctl/pods/vttablet-100/log');
    expect(noContainer.body.message).toBe(
      'a container name must be specified for pod vttablet-100, choose one of: [vttablet mysql]',
    );
    const wrong = await api('GET', '/api/v1/namespaces/ctl/pods/vttablet-100/log?container=nope');
    expect(wrong.body.message).toBe('container nope is not valid for pod vttablet-100');
    await new Promise((r) => setTimeout(r, 200));
    const all = await fetch(`${kube.url}/api/v1/namespaces/ctl/pods/vttablet-100/log?container=vttablet`);
    expect(all.headers.get('content-type')).toBe('text/plain');
    const text = await all.text();
    expect(text).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 servenv\.go:\d+\] Version: /);
    expect(text).toContain('zone1-0000000100');
    const tail = await (
      await fetch(
        `${kube.url}/api/v1/namespaces/ctl/pods/vttablet-100/log?container=vttablet&tailLines=2&timestamps=true`,
      )
    ).text();
    const lines = tail.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z I/);

    const followed = await stream(
      '/api/v1/namespaces/ctl/pods/vttablet-100/log?container=mysql&follow=true&tailLines=0',
      (t) => t.split('\n').length > 3,
    );
    expect(followed.text.split('\n').length).toBeGreaterThan(3);
    expect(followed.text).toContain('[Note]');
  });
});

describe('namespace termination', () => {
  it('goes Terminating, forbids new content, then disappears with its content', async () => {
    await api('POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } });
    const ns = (await api('GET', '/api/v1/namespaces/doomed')).body;
    expect(ns).toMatchObject({
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
      metadata: { labels: { 'kubernetes.io/metadata.name': 'doomed' } },
    });
    await api('POST', '/api/v1/namespaces/doomed/replicationcontrollers', rc('app', 1));
    await until('pod', async () => (await podsOf('doomed', 'app')).length === 1);

    const del = await api('DELETE', '/api/v1/namespaces/doomed', { propagationPolicy: 'Background' });
    expect(del.body).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' } });
    const blocked = await api('POST', '/api/v1/namespaces/doomed/pods', {
      metadata: { name: 'late' },
      spec: { containers: [{ name: 'c', image: 'x:1' }] },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({
      reason: 'Forbidden',
      message:
        'pods "late" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      details: {
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: 'namespace doomed is being terminated',
            field: 'metadata.namespace',
          },
        ],
      },
    });
    const again = await api('DELETE', '/api/v1/namespaces/doomed');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      'Operation cannot be fulfilled on namespaces "doomed": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
    await until('namespace gone', async () => (await api('GET', '/api/v1/namespaces/doomed')).status === 404);
    expect((await api('GET', '/api/v1/namespaces/doomed/pods')).body.items).toEqual([]);
    expect((await api('GET', '/api/v1/namespaces/doomed/replicationcontrollers')).body.items).toEqual([]);

    const immortal = await api('DELETE', '/api/v1/namespaces/default');
    expect(immortal).toMatchObject({
      status: 403,
      body: { message: 'namespaces "default" is forbidden: this namespace may not be deleted' },
    });
  });
});
