/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering of the web app: app → features → shared → api. Features never import each other.
const src = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) =>
    relative(src, resolve(dirname(file), m[1] as string)),
  );
}

const layer = (p: string) => p.split('/')[0] ?? '';
const feature = (p: string) => (p.startsWith('features/') ? p.split('/')[1] : undefined);

describe('import boundaries', () => {
  const violations: string[] = [];
  for (const file of files(src)) {
    const from = relative(src, file);
    for (const to of imports(file)) {
      const a = layer(from);
      const b = layer(to);
      if (a === 'features' && b === 'features' && feature(from) !== feature(to))
        violations.push(`${from} → ${to}`);
      if (a === 'features' && b === 'app') violations.push(`${from} → ${to}`);
      if (a === 'shared' && (b === 'features' || b === 'app')) violations.push(`${from} → ${to}`);
      if (a === 'api' && b !== 'api') violations.push(`${from} → ${to}`);
    }
  }

  it('keep features apart and point only downwards', () => {
    expect(violations).toEqual([]);
  });
});
