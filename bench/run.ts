// `pnpm bench [name ...]`: runs every bench/*.ts (or the named ones: `pnpm bench topology proxy`),
// each in a process of its own so no bench's garbage, JIT state or leftover servers skew the next,
// and prints one table of all their figures with the machine they ran on.
//
// A bench is a file bench/<name>.ts that either runs as a script and ends with
// `report(title, rows)` from ./lib (then `npx tsx bench/<name>.ts` runs it alone too), or exports
// `const bench: Bench = { title, run }`. Helpers live in bench/support/, not at the top level.
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, machine, REPORT_ENV, type Row } from './lib';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const NOT_BENCHES = new Set(['lib', 'run']);
/** A bench that runs longer than this is stopped (the whole run is meant to take about 5 minutes). */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 240_000);

const known = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => !NOT_BENCHES.has(name))
  .sort();
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}
const names = asked.length ? known.filter((name) => asked.includes(name)) : known;

interface Outcome {
  name: string;
  seconds: number;
  titles: string[];
  rows: Row[];
  failure?: string;
}

async function runOne(name: string): Promise<Outcome> {
  const out = join(tmpdir(), `vtdeck-bench-${process.pid}-${name}.jsonl`);
  rmSync(out, { force: true });
  const started = performance.now();
  console.error(`\n[bench] ${name}`);
  const child = fork(join(DIR, 'support/child.ts'), [join(DIR, `${name}.ts`)], {
    env: { ...process.env, [REPORT_ENV]: out },
    stdio: 'inherit',
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const reports = existsSync(out)
    ? readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { title: string; rows: Row[] })
    : [];
  rmSync(out, { force: true });
  const outcome: Outcome = {
    name,
    seconds,
    titles: reports.map((r) => r.title),
    rows: reports.flatMap((r) => r.rows),
  };
  if (timedOut) outcome.failure = `stopped after ${TIMEOUT_MS / 1000} s`;
  else if (code !== 0) outcome.failure = `exited with code ${code} (its output is above)`;
  return outcome;
}

const outcomes: Outcome[] = [];
for (const name of names) outcomes.push(await runOne(name));

const rows = outcomes.flatMap((o) =>
  o.failure ? [...o.rows, { bench: o.name, metric: 'did not finish', value: o.failure, ok: false }] : o.rows,
);
const judged = rows.filter((r) => r.ok !== undefined);
const total = outcomes.reduce((s, o) => s + o.seconds, 0);
console.log(`\nvtdeck bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`machine: ${machine()}\n`);
console.log(formatTable(rows));
console.log('');
for (const o of outcomes) {
  console.log(`- ${o.name} (${o.seconds.toFixed(0)} s): ${o.titles.join('; ') || o.failure}`);
}
console.log(
  `\n${judged.filter((r) => r.ok).length} of ${judged.length} targets met; ${names.length} benches in ${total.toFixed(0)} s`,
);
process.exitCode = outcomes.some((o) => o.failure) ? 1 : 0;
