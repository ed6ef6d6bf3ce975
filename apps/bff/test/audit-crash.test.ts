import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AuditEntry, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real BFF process in sandbox mode, killed with SIGKILL the moment it has answered a change:
// the change must already be in the audit file (it is flushed to disk before the answer is sent).

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface StartLine {
  console: string;
  users: { username: string; password: string; role: string; scope: string }[];
  token: string;
}

let dir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-audit-crash-'));
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts `main.ts --sandbox` and resolves with the JSON line it prints for scripts. */
function startBff(auditLog: string): Promise<StartLine> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/main.ts', '--sandbox'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', VTDECK_AUDIT_LOG: auditLog },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{"console":')) return;
      lines.close();
      resolve(JSON.parse(line) as StartLine);
    });
    proc.on('exit', (code) =>
      reject(new Error(`the BFF exited with ${code} before it was ready: ${stderr}`)),
    );
  });
}

describe('audit entries survive SIGKILL', () => {
  it('has the entry on disk as soon as the change was answered', async () => {
    const auditLog = join(dir, 'audit.log');
    const started = await startBff(auditLog);
    expect(started.console).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.users.map((u) => u.role)).toEqual(['viewer', 'developer', 'dba', 'admin']);

    const keyspace = `crash_${process.pid}_${Date.now().toString(36)}`;
    const res = await fetch(`${started.console}/api/vtctl/`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${started.token}`,
        'content-type': 'application/json',
        'x-request-id': 'crash-1',
      },
      body: JSON.stringify(['CreateKeyspace', keyspace]),
    });
    const text = await res.text();
    child?.kill('SIGKILL');
    expect(res.status).toBe(200);
    expect((JSON.parse(text) as VtctlResult).Error).toBe('');
    await new Promise((resolve) => child?.once('exit', resolve));

    const entries = (await readFile(auditLog, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(entries.find((e) => e.requestId === 'crash-1')).toMatchObject({
      user: 'demo-admin',
      authVia: 'token',
      args: ['CreateKeyspace', keyspace],
      result: 'ok',
    });
  }, 60_000);
});
