/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');
const bundles = {
  en: JSON.parse(readFileSync(join(root, 'app/i18n/en.json'), 'utf8')) as Record<string, unknown>,
  'zh-CN': JSON.parse(readFileSync(join(root, 'app/i18n/zh-CN.json'), 'utf8')) as Record<string, unknown>,
};

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object')
      for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

// Plural forms differ per language (English has _one and _other, Chinese only _other): compare base keys.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*['"`]([^'"`$]+)['"`]/g)) used.set(m[1] as string, file);
    for (const m of text.matchAll(/i18nKey="([^"]+)"/g)) used.set(m[1] as string, file);
  }
  return used;
}

describe('i18n bundles', () => {
  const flat = { en: flatten(bundles.en), 'zh-CN': flatten(bundles['zh-CN']) };
  const keys = { en: baseKeys(flat.en), 'zh-CN': baseKeys(flat['zh-CN']) };

  it('have the same keys in every language', () => {
    const onlyEn = [...keys.en].filter((k) => !keys['zh-CN'].has(k));
    const onlyZh = [...keys['zh-CN']].filter((k) => !keys.en.has(k));
    expect({ onlyEn, onlyZh }).toEqual({ onlyEn: [], onlyZh: [] });
  });

  it('define every key the source uses', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used]
      .filter(([k]) => !keys.en.has(k) || !keys['zh-CN'].has(k))
      .map(([k, file]) => `${k} (${file.slice(root.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...flat.en]
      .filter(([k]) => flat['zh-CN'].has(k))
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(flat['zh-CN'].get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('really translate into Chinese', () => {
    const zh = [...flat['zh-CN'].values()];
    const withHan = zh.filter((v) => /\p{Script=Han}/u.test(v));
    // Product names, command names and "SQL"/"Ping" stay as they are; everything else is Chinese.
    expect(withHan.length / zh.length).toBeGreaterThan(0.85);
  });
});
