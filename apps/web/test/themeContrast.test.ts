import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { themeConfig } from '../src/app/theme';
import { AA, contrast } from '../src/shared/lib/contrast';

// The axe run in e2e finds contrast problems on the pages it visits; this covers every colour the
// theme hands out, including states no page happens to show (a failed pod, a warning tag).
describe.each(['light', 'dark'] as const)('the %s theme', (mode) => {
  const config = themeConfig(mode);
  const t = theme.getDesignToken(config) as unknown as Record<string, string>;
  const surfaces = [t.colorBgContainer, t.colorBgLayout, t.controlItemBgActive] as string[];
  const below = (pairs: [string, string, string][]) =>
    pairs.filter(([, fg, bg]) => contrast(fg, bg) < AA).map(([what, fg, bg]) => `${what}: ${fg} on ${bg}`);

  it('keeps links and secondary text readable on every surface', () => {
    const pairs = surfaces.flatMap((bg): [string, string, string][] => [
      ['link', t.colorLink as string, bg],
      ['secondary text', t.colorTextSecondary as string, bg],
      ['tertiary text', t.colorTextTertiary as string, bg],
      ['description', t.colorTextDescription as string, bg],
    ]);
    pairs.push(['placeholder', t.colorTextPlaceholder as string, t.colorBgContainer as string]);
    expect(below(pairs)).toEqual([]);
  });

  it('keeps every tag colour readable on its own background', () => {
    const tag = config.components?.Tag as Record<string, string>;
    const presets = Object.keys(tag).filter((k) => /^[a-z]+7$/.test(k));
    expect(presets.length).toBe(13);
    const pairs = presets.map((k): [string, string, string] => [
      k,
      tag[k] as string,
      t[`${k.slice(0, -1)}1`] as string,
    ]);
    expect(below(pairs)).toEqual([]);
  });

  it('keeps status colours readable as text, on their own background and on every surface', () => {
    const pairs: [string, string, string][] = [];
    for (const s of ['Success', 'Error', 'Warning', 'Info']) {
      for (const bg of [t[`color${s}Bg`] as string, ...surfaces]) {
        pairs.push([s, t[`color${s}`] as string, bg], [`${s}Text`, t[`color${s}Text`] as string, bg]);
      }
    }
    expect(below(pairs)).toEqual([]);
  });

  it('keeps the selected menu item, the selected tab and a hovered button readable', () => {
    const menu = config.components?.Menu as Record<string, string>;
    const tabs = config.components?.Tabs as Record<string, string>;
    const button = config.components?.Button as Record<string, string>;
    const on = (what: string, fg: string) => surfaces.map((bg): [string, string, string] => [what, fg, bg]);
    expect(
      below([
        ['menu', menu.itemSelectedColor as string, t.colorPrimaryBg as string],
        ...on('tab', tabs.itemSelectedColor as string),
        ...on('button hover', button.defaultHoverColor as string),
      ]),
    ).toEqual([]);
  });
});

describe('the SQL editor in the dark theme', () => {
  it('turns every highlight colour into one readable on the dark editor', async () => {
    const { defaultHighlightStyle } = await import('@codemirror/language');
    const { forDarkBackground } = await import('../src/shared/lib/contrast');
    const bg = theme.getDesignToken(themeConfig('dark')).colorBgContainer;
    const colors = defaultHighlightStyle.specs.flatMap((s) => (typeof s.color === 'string' ? [s.color] : []));
    expect(colors.length).toBeGreaterThan(10);
    const below = colors.filter((c) => contrast(forDarkBackground(c, bg), bg) < AA);
    expect(below).toEqual([]);
    // The hue survives: keywords stay purple, strings red.
    expect(forDarkBackground('#708', bg)).toMatch(/^#[a-f0-9]{6}$/);
    expect(forDarkBackground('#708', bg)).not.toBe(forDarkBackground('#a11', bg));
  });
});
