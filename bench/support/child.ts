// One bench in a process of its own, started by bench/run.ts: `child.ts <bench file>`. The file is
// either a script that ends with report() (runnable alone with tsx), or a module exporting
// `bench: Bench`, whose run() is called here. Either way its rows reach the runner through report().
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Bench, REPORT_ENV, report } from '../lib';

const file = process.argv[2];
if (!file) throw new Error('usage: child.ts <bench file>');
const reported = () => {
  const out = process.env[REPORT_ENV];
  return out !== undefined && existsSync(out) && statSync(out).size > 0;
};

const mod = (await import(pathToFileURL(file).href)) as { bench?: Bench };
if (mod.bench && typeof mod.bench.run === 'function') {
  report(mod.bench.title, await mod.bench.run());
} else if (!reported()) {
  throw new Error(
    `${basename(file)} reported nothing: a bench ends with report(title, rows) from ./lib, or exports \`bench: Bench\``,
  );
}
// Whatever a bench left open (a pool, a timer) must not keep the run waiting.
process.exit(0);
