import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { K8sPodList } from '@vtdeck/contracts';
import { afterAll, describe, expect, it } from 'vitest';

// The real BFF process (`main.ts --sandbox`) gets SIGTERM while a slow request is in flight (the
// sandbox's vtctld answers late, set through the control URL it prints) and a pod log is followed:
// the request is answered, the stream ends cleanly, and the process exits 0.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Started {
  console: string;
  token: string;
  control: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: Record<string, unknown>[];
}

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function startBff(): Promise<Started> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/main.ts', '--sandbox'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      VTDECK_AUDIT_LOG: join(tmpdir(), `vtdeck-shutdown-${process.pid}.log`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    let start: { console: string; token: string } | undefined;
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('{"console":')) start = JSON.parse(line) as { console: string; token: string };
      else if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
      const control = /^sandbox control: (\S+)$/.exec(line)?.[1];
      if (control && start) resolve({ ...start, control, exited, logs });
    });
    void exited.then(({ code }) =>
      reject(new Error(`the BFF exited with ${code} before it was ready: ${stderr}`)),
    );
  });
}

async function vtctldRequests(control: string): Promise<number> {
  const listing = (await (await fetch(control)).json()) as { fakes: { target: string; requests: number }[] };
  return listing.fakes.find((f) => f.target === 'prod/vtctld')?.requests ?? -1;
}

describe('graceful shutdown', () => {
  it('answers the request in flight, ends open streams and exits 0 on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    const bff = await startBff();
    const auth = { authorization: `Bearer ${bff.token}` };

    // A followed pod log: an answer that never ends by itself.
    const pods = (await (
      await fetch(`${bff.console}/api/v2/clusters/prod/k8s/namespaces/vitess/pods`, { headers: auth })
    ).json()) as K8sPodList;
    const pod = pods.items[0]!.name;
    const follow = await fetch(
      `${bff.console}/api/v2/clusters/prod/k8s/namespaces/vitess/pods/${pod}/log?follow=true&tailLines=5`,
      { headers: auth },
    );
    expect(follow.status).toBe(200);
    const streamed = follow.text(); // resolves only when the stream ends cleanly

    // A request vtctld answers 1.5 s late, sent and seen by vtctld before the signal.
    const fault = await fetch(`${bff.control}/faults/prod/vtctld`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 1_500 }),
    });
    expect(fault.status).toBe(200);
    const before = await vtctldRequests(bff.control);
    const slow = fetch(`${bff.console}/api/keyspaces/`, {
      headers: { ...auth, 'x-request-id': 'in-flight' },
    });
    while ((await vtctldRequests(bff.control)) === before) await new Promise((r) => setTimeout(r, 20));

    child!.kill('SIGTERM');

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(expect.arrayContaining(['commerce', 'customer']));
    await expect(streamed).resolves.toEqual(expect.any(String));
    expect(await bff.exited).toEqual({ code: 0, signal: null });

    const messages = bff.logs.map((l) => l.msg);
    expect(messages).toContain('shutting down');
    expect(messages).toContain('stopped');
    expect(messages).not.toContain('shutdown deadline: closing connections');
    expect(bff.logs.find((l) => l.reqId === 'in-flight' && l.msg === 'request completed')).toMatchObject({
      res: { statusCode: 200 },
    });
  });
});
