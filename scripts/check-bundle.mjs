// The web's size budget: the JavaScript a browser must load before the first page can render
// (the entry script and every chunk index.html preloads) stays under 300 KB gzip. Lazy routes,
// the editor and the charts are not counted: they load when their page opens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = new URL('../apps/web/dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
if (files.length === 0) {
  console.error('check-bundle: no script found in apps/web/dist/index.html');
  process.exit(1);
}
let total = 0;
for (const file of new Set(files)) {
  const kb = gzipSync(readFileSync(join(dist, file))).length / 1024;
  total += kb;
  console.log(`  ${file.padEnd(48)} ${kb.toFixed(1)} KB gzip`);
}
console.log(`initial JavaScript: ${total.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB) {
  console.error(`check-bundle: initial JavaScript is over budget by ${(total - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
