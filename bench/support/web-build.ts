// The built web app for the benches that open it in Chromium (web, wall): apps/web/dist, built first
// when it is missing or older than its sources, so a bench never measures yesterday's bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

export const DIST = join(ROOT, 'apps/web/dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function ensureBuilt(): void {
  const index = join(DIST, 'index.html');
  const sources = Math.max(
    newest(join(ROOT, 'apps/web/src')),
    newest(join(ROOT, 'apps/web/build')),
    statSync(join(ROOT, 'apps/web/vite.config.ts')).mtimeMs,
    newest(join(ROOT, 'packages/contracts/src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.error('[bench] building apps/web (dist missing or older than its sources)');
  execFileSync('pnpm', ['--filter', '@vtdeck/web', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
