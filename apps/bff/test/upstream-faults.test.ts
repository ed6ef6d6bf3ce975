import type { ErrorBody, Readiness, Topology } from '@vtdeck/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './helpers';

// Short BFF timeouts so "slow" can be tested in milliseconds.
const TIMEOUT_MS = 300;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    vtctld: { timeoutMs: TIMEOUT_MS, commandTimeoutMs: TIMEOUT_MS },
    topology: { cacheTtlMs: 0 },
  });
});
afterEach(async () => {
  await stack.sandbox.setFault('prod/vtctld', { down: false, latencyMs: 0, errorRate: 0 });
});
afterAll(() => stack.close());

describe('vtctld down', () => {
  it('answers 502 naming vtctld of the cluster, and recovers when it is back', async () => {
    await stack.sandbox.setFault('prod/vtctld', { down: true });
    for (const res of [
      await stack.get<ErrorBody>('/api/keyspaces/'),
      await stack.post<ErrorBody>('/api/vtctl/', ['GetKeyspaces']),
      await stack.get<ErrorBody>('/api/v2/clusters/prod/topology'),
    ]) {
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        statusCode: 502,
        code: 'UPSTREAM_UNREACHABLE',
        source: 'vtctld',
        message: expect.stringMatching(/^vtctld of cluster prod is unreachable \(/),
      });
    }
    // The other cluster keeps working.
    expect((await stack.get('/api/keyspaces/', { 'x-vtdeck-cluster': 'staging' })).status).toBe(200);

    const ready = await stack.get<Readiness>('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.upstreams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cluster: 'prod', source: 'vtctld', reachable: false, kind: 'unreachable' }),
        expect.objectContaining({ cluster: 'staging', source: 'vtctld', reachable: true }),
      ]),
    );

    await stack.sandbox.setFault('prod/vtctld', { down: false });
    expect((await stack.get('/api/keyspaces/')).status).toBe(200);
    expect((await stack.get('/api/v2/clusters/prod/topology')).status).toBe(200);
  });
});

describe('vtctld slow', () => {
  it('answers 504 when vtctld takes longer than the BFF timeout', async () => {
    await stack.sandbox.setFault('prod/vtctld', { latencyMs: TIMEOUT_MS * 3 });
    const started = Date.now();
    const res = await stack.get<ErrorBody>('/api/keyspaces/');
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      source: 'vtctld',
      message: expect.stringContaining('vtctld of cluster prod did not answer'),
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);

    const command = await stack.post<ErrorBody>('/api/vtctl/', ['GetKeyspaces']);
    expect(command.status).toBe(504);
  });
});

describe('vtctld failing with 5xx', () => {
  it('keeps the topology answer and lists the failed source', async () => {
    await stack.sandbox.setFault('prod/vtctld', { errorRate: 1 });
    const res = await stack.get<Topology>('/api/v2/clusters/prod/topology');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'vtctld:keyspaces', kind: 'upstream_5xx' })]),
    );

    const seed = await stack.get<ErrorBody>('/api/keyspaces/');
    expect(seed.status).toBe(502);
    expect(seed.body).toMatchObject({ code: 'UPSTREAM_ERROR', source: 'vtctld' });
  });
});
