// Adds up every suite of `npm test` into the one closing line CI reads: `N passed, N failed`.
// A suite whose report is missing (it crashed before writing one) counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.vtdeck/reports';
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const file of readdirSync(dir)
  .filter((f) => f.startsWith('step-'))
  .sort()) {
  const ok = readFileSync(join(dir, file), 'utf8').trim() === 'pass';
  ok ? passed++ : failed++;
  lines.push(`${file.slice(5)}: ${ok ? 'ok' : 'FAILED'}`);
}

const vitest = join(dir, 'vitest.json');
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A file that failed to load has no tests in it but must still fail the run.
  const broken = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  failed += broken;
  lines.push(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed`);
} else {
  failed++;
  lines.push('vitest: no report (crashed)');
}

const e2e = join(dir, 'e2e.json');
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
  if (s.expected + s.unexpected + s.flaky === 0) failed++;
  lines.push(`e2e: ${s.expected + s.flaky} passed (${s.flaky} flaky), ${s.unexpected} failed`);
} else {
  failed++;
  lines.push('e2e: no report (crashed)');
}

console.log(`\n=== summary\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
