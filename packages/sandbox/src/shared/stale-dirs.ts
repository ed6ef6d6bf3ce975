// Temp dirs left behind by processes that were killed outright: a SIGKILL of a whole process group
// (a test runner's timeout, `kill -9`) skips every cleanup, the vtgate wrapper's included. Each dir
// records the pid that owns it; the first start of a kind in a process removes dirs whose owner is gone.

import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OWNER_FILE = 'owner.pid';
/** Dirs written before owner files existed are judged by age. */
const UNOWNED_MAX_AGE_MS = 60 * 60_000;
const swept = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function markOwner(dir: string): void {
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
}

/** Removes `<tmpdir>/<prefix>*` dirs whose owner process is gone (once per prefix and process). */
export function sweepStaleDirs(prefix: string, livePidFiles: string[] = []): void {
  if (swept.has(prefix)) return;
  swept.add(prefix);
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(root, name);
    try {
      const owner = readPid(join(dir, OWNER_FILE));
      // A server still running in the dir (e.g. its mysqld.pid) keeps it, whoever started it.
      if (
        livePidFiles.some((f) => {
          const pid = readPid(join(dir, f));
          return pid !== null && alive(pid);
        })
      )
        continue;
      if (owner !== null ? alive(owner) : Date.now() - statSync(dir).mtimeMs < UNOWNED_MAX_AGE_MS) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Raced with its owner or another sweeper: leave it.
    }
  }
}
