import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from '../build/precompress';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

// Runs the plugin's hooks as Vite does after a build into <root>/dist.
async function build(files: Record<string, string | Buffer>): Promise<string> {
  root = mkdtempSync(join(tmpdir(), 'vtdeck-precompress-'));
  const dist = join(root, 'dist');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  const plugin = precompress() as unknown as {
    configResolved(config: { root: string; build: { outDir: string } }): void;
    closeBundle(): Promise<void>;
  };
  plugin.configResolved({ root, build: { outDir: 'dist' } });
  await plugin.closeBundle();
  return dist;
}

describe('precompress', () => {
  it('writes a brotli and a gzip copy of every text file of 1 KB or more, each decoding to the file', async () => {
    const script = `export const names = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `ks${i}`))};`;
    const style = `.tree { color: red; }\n`.repeat(100);
    const dist = await build({
      'assets/index-abc.js': script,
      'assets/index-def.css': style,
      'index.html': `<html>${'<p>x</p>'.repeat(200)}</html>`,
    });
    for (const [path, text] of [
      ['assets/index-abc.js', script],
      ['assets/index-def.css', style],
    ] as const) {
      const br = readFileSync(join(dist, `${path}.br`));
      const gz = readFileSync(join(dist, `${path}.gz`));
      expect(brotliDecompressSync(br).toString()).toBe(text);
      expect(gunzipSync(gz).toString()).toBe(text);
      expect(br.length).toBeLessThan(text.length / 3);
    }
    expect(existsSync(join(dist, 'index.html.br'))).toBe(true);
  });

  it('leaves small files and files that are compressed already alone', async () => {
    const dist = await build({
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'assets/logo-123.png': Buffer.alloc(4096, 7),
      'assets/font-456.woff2': Buffer.alloc(4096, 1),
    });
    for (const path of ['favicon.svg', 'assets/logo-123.png', 'assets/font-456.woff2']) {
      expect(existsSync(join(dist, `${path}.br`)), path).toBe(false);
      expect(existsSync(join(dist, `${path}.gz`)), path).toBe(false);
    }
  });
});
