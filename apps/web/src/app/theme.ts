import { type ThemeConfig, theme } from 'antd';
import { AA, contrast } from '../shared/lib/contrast';
import type { ThemeMode } from './preferences';

// WCAG 2.1 AA wants 4.5:1 for text. antd's defaults miss it for secondary text (45 % alpha), links,
// status colours used as text and several preset tag colours. The fix is made here, from the palette
// antd itself derives, so every page gets it and no component carries its own colour.

const SEED = { colorPrimary: '#1668dc', borderRadius: 6 };

const PRESETS = [
  'blue',
  'purple',
  'cyan',
  'green',
  'magenta',
  'pink',
  'red',
  'orange',
  'yellow',
  'volcano',
  'geekblue',
  'lime',
  'gold',
] as const;
const STATUS = { Success: 'green', Error: 'red', Warning: 'gold', Info: 'blue' } as const;

type Tokens = Record<string, unknown>;

/** The first colour that reads at AA on every background (the last one if none does). */
function firstReadable(candidates: string[], backgrounds: string[]): string {
  return (
    candidates.find((c) => backgrounds.every((bg) => contrast(c, bg) >= AA)) ?? (candidates.at(-1) as string)
  );
}

/** Darker shades in light mode, lighter ones in dark mode: antd's palettes run that way. */
const shades = (t: Tokens, color: string) => [7, 8, 9].map((i) => String(t[`${color}${i}`]));

const cache = new Map<ThemeMode, ThemeConfig>();

/** antd's theme for `mode`, with every text colour at AA. Computed once per mode. */
export function themeConfig(mode: ThemeMode): ThemeConfig {
  let config = cache.get(mode);
  if (!config) {
    config = compute(mode);
    cache.set(mode, config);
  }
  return config;
}

function compute(mode: ThemeMode): ThemeConfig {
  const dark = mode === 'dark';
  const algorithm = dark ? theme.darkAlgorithm : theme.defaultAlgorithm;
  // The algorithm alone (not getDesignToken, which builds every alias too): a few ms a call.
  const derive = (extra: Tokens = {}) =>
    algorithm({ ...theme.defaultSeed, ...SEED, ...extra }) as unknown as Tokens;
  const base = derive();
  const str = (k: string) => String(base[k]);
  // Where text sits: cards, the page, and selected rows or menu items (controlItemBgActive).
  const surfaces = [str('colorBgContainer'), str('colorBgLayout'), str('colorPrimaryBg')];

  // Seeds that are also text: status colours (tags, Typography, danger buttons, the monitor's
  // states) and links. Their tinted backgrounds and borders stay antd's own.
  const blues = [str('colorPrimary'), ...shades(base, 'blue')];
  const candidates: Record<string, string[]> = { colorLink: blues };
  const backgrounds: Record<string, string[]> = { colorLink: surfaces };
  for (const [s, palette] of Object.entries(STATUS)) {
    candidates[`color${s}`] = [str(`color${s}`), ...shades(base, palette)];
    backgrounds[`color${s}`] = [str(`color${s}Bg`), ...surfaces];
  }
  // A seed is judged as derived (the dark algorithm shifts it): one derivation per rank of candidate
  // serves every seed at once, since each is derived on its own.
  const chosen: Tokens = {};
  const derived: Tokens = {};
  for (let rank = 0; rank < 4; rank++) {
    const open = Object.keys(candidates).filter((k) => !(k in chosen));
    if (open.length === 0) break;
    const trial = Object.fromEntries(open.map((k) => [k, candidates[k]?.[rank] ?? candidates[k]?.at(-1)]));
    const out = dark ? derive(trial) : trial;
    for (const k of open) {
      const readable = (backgrounds[k] ?? []).every((bg) => contrast(String(out[k]), bg) >= AA);
      if (readable || rank === 3) {
        chosen[k] = trial[k];
        derived[k] = out[k];
      }
    }
  }
  const status: Tokens = {};
  for (const s of Object.keys(STATUS)) {
    const key = `color${s}`;
    status[key] = chosen[key];
    status[`${key}Text`] = derived[key];
    for (const keep of ['Bg', 'BgHover', 'Border', 'BorderHover'])
      status[`${key}${keep}`] = base[`${key}${keep}`];
  }
  const link = String(chosen.colorLink);
  // Hover and pressed text (a default button with its menu open): the next readable shade.
  const hover = firstReadable(
    blues.filter((c) => c !== link),
    surfaces,
  );
  const secondary = dark ? 'rgba(255, 255, 255, 0.55)' : 'rgba(0, 0, 0, 0.6)';
  const tag: Tokens = {};
  for (const c of PRESETS) tag[`${c}7`] = firstReadable(shades(base, c), [str(`${c}1`)]);
  return {
    algorithm,
    token: {
      ...SEED,
      ...status,
      colorLink: link,
      colorTextTertiary: secondary,
      colorTextDescription: secondary,
      colorTextPlaceholder: dark ? 'rgba(255, 255, 255, 0.5)' : 'rgba(0, 0, 0, 0.55)',
    },
    components: {
      Tag: tag,
      Button: { defaultHoverColor: hover, defaultActiveColor: hover },
      // Primary as text: readable in dark mode only a few shades lighter than the button fill.
      Menu: { itemSelectedColor: firstReadable(blues, [str('colorPrimaryBg')]) },
      Tabs: { itemSelectedColor: firstReadable(blues, surfaces) },
    },
  };
}
