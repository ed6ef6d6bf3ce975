// WCAG 2.1 contrast, for the theme and for any colour the app computes (the SQL editor's dark palette).

export type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `rgb(a)(...)`; a translucent colour is laid over `under`. */
export function toRgb(color: string, under: Rgb = [255, 255, 255]): Rgb {
  if (color.startsWith('#')) {
    const h = color.length === 4 ? [...color.slice(1)].map((c) => c + c).join('') : color.slice(1, 7);
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b].map((v, i) => Math.round(v * a + (under[i] ?? 0) * (1 - a))) as Rgb;
}

export const toHex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of a (possibly translucent) text colour on an opaque background. */
export function contrast(fg: string, bg: string): number {
  const back = toRgb(bg);
  const [a, b] = [luminance(toRgb(fg, back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The ratio WCAG 2.1 AA asks of normal-size text. */
export const AA = 4.5;

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h / 6, s, l];
}

function fromHsl([h, s, l]: [number, number, number]): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255];
}

/**
 * A colour made for a light background, for a dark one: same hue, lightness turned over, then
 * lightened until it reads at AA on `bg`.
 */
export function forDarkBackground(color: string, bg: string): string {
  const [h, s, l] = toHsl(toRgb(color));
  let light = 1 - l;
  let out = toHex(fromHsl([h, s, light]));
  while (contrast(out, bg) < AA && light < 1) {
    light = Math.min(1, light + 0.02);
    out = toHex(fromHsl([h, s, light]));
  }
  return out;
}
