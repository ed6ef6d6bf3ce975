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

/** The first argument of every `t(...)` call (up to its first top-level `,` or `)`). */
function firstArguments(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bt\(/g)) {
    let depth = 0;
    let quote = '';
    let i = (m.index ?? 0) + 2;
    const start = i;
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(' || c === '{' || c === '[') depth++;
      else if ((c === ')' || c === ',') && depth === 0) break;
      else if (c === ')' || c === '}' || c === ']') depth--;
    }
    out.push(text.slice(start, i));
  }
  return out;
}

const KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;

/** Keys the source names: `t('a.b')`, either side of `t(cond ? 'a.b' : 'a.c')`, `i18nKey="a.b"`. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const arg of firstArguments(text)) {
      for (const m of arg.matchAll(/(['"])([^'"`$]+)\1/g))
        if (KEY.test(m[2] as string)) used.set(m[2] as string, file);
      const plain = /^\s*`([^`$]+)`\s*$/.exec(arg);
      if (plain) used.set(plain[1] as string, file);
    }
    for (const m of text.matchAll(/i18nKey="([^"]+)"/g)) used.set(m[1] as string, file);
  }
  return used;
}

/** Keys built at run time, `t(`k8s.deleteTitle.${kind}`)`: the part before the first `${`. */
function dynamicPrefixes(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sourceFiles(root)) {
    for (const arg of firstArguments(readFileSync(file, 'utf8'))) {
      const m = /^\s*`([^`$]*)\$\{/.exec(arg);
      if (m) out.set(m[1] as string, file);
    }
  }
  return out;
}

// Text a person reads, written straight into JSX instead of through t(): SQL words, command names,
// flags and file formats are the same in every language and may stay.
const VERBATIM = /^(-[\w-]+|[A-Z][A-Z0-9_]*|vtctl|[A-Z][a-z]+[A-Z]\w*)$/;

function untranslatedText(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(root).filter((f) => f.endsWith('.tsx'))) {
    const text = readFileSync(file, 'utf8');
    const at = (index: number) => `${file.slice(root.length + 1)}:${text.slice(0, index).split('\n').length}`;
    // JSX text: between a tag's `>` and the next `<` or `{`, holding at least one word.
    for (const m of text.matchAll(/(?<![=\-/])>([^<>{}]*)(?=<|\{)/g)) {
      const s = (m[1] as string).trim();
      if (!/\p{L}{2,}/u.test(s) || /[;=()&|?:[\]]/.test(s)) continue;
      if (!VERBATIM.test(s)) out.push(`${at(m.index ?? 0)} ${JSON.stringify(s)}`);
    }
    // Attributes a screen reader reads out.
    for (const m of text.matchAll(/\b(aria-label|aria-description|alt)="([^"]*)"/g)) {
      out.push(`${at(m.index ?? 0)} ${m[1]}=${JSON.stringify(m[2])}`);
    }
  }
  return out;
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

  it('define a group for every key built at run time', () => {
    const missing = [...dynamicPrefixes()]
      .filter(([prefix]) => {
        const group = prefix.replace(/\.$/, '');
        const children = (lang: 'en' | 'zh-CN') =>
          [...flat[lang].keys()].filter((k) => k.startsWith(`${group}.`));
        return !prefix.endsWith('.') || children('en').length === 0 || children('zh-CN').length === 0;
      })
      .map(([prefix, file]) => `${prefix}\${…} (${file.slice(root.length + 1)})`);
    expect(dynamicPrefixes().size).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('leave no words for people outside the bundles', () => {
    expect(untranslatedText()).toEqual([]);
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
