import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processCpuMs } from '../support/cpu';

// A node process that spins until it has used `ms` of CPU time (however busy the machine), then waits
// to be killed, its CPU time still readable.
const spinner = (ms: number) =>
  `const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
   while (used() < ${ms}); process.stdout.write('done'); setInterval(() => {}, 1e6);`;

async function startSpinning(script: string) {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('done');
  return child;
}

describe('processCpuMs', () => {
  it("counts a process's own CPU time", async () => {
    const child = await startSpinning(spinner(400));
    try {
      expect(processCpuMs(child.pid!)).toBeGreaterThanOrEqual(300);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('adds the CPU time of its children (nginx: the master and its worker)', async () => {
    // The parent idles; its child spins, as nginx's worker does the work its master started.
    const parent = await startSpinning(
      `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(spinner(400))}], { stdio: ['ignore', 'pipe', 'inherit'] });
       c.stdout.once('data', () => process.stdout.write('done'));
       process.on('SIGTERM', () => { c.kill('SIGKILL'); process.exit(0); });
       setInterval(() => {}, 1e6);`,
    );
    try {
      expect(processCpuMs(parent.pid!)).toBeGreaterThanOrEqual(300);
    } finally {
      parent.kill('SIGTERM');
      await once(parent, 'exit');
    }
  });

  it('is NaN for a process that is not there, so a wrong pid cannot pass for an idle one', () => {
    expect(processCpuMs(2 ** 22 + 1)).toBeNaN();
  });
});
