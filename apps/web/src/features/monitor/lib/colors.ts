import type { TileState, TimelineLevel } from '@vtdeck/contracts';

// Tile colours read at a glance from across a room; each pill's text meets WCAG AA on its fill.
export const STATE_FILL: Record<TileState, { bg: string; fg: string; accent: string }> = {
  green: { bg: '#237804', fg: '#ffffff', accent: '#52c41a' },
  amber: { bg: '#fadb14', fg: '#000000', accent: '#faad14' },
  red: { bg: '#a8071a', fg: '#ffffff', accent: '#ff4d4f' },
  unknown: { bg: '#595959', fg: '#ffffff', accent: '#8c8c8c' },
};

export const LEVEL_COLOR: Record<TimelineLevel, string> = {
  critical: '#ff4d4f',
  warning: '#faad14',
  ok: '#52c41a',
  info: '#1677ff',
};

type StatusText = 'success' | 'warning' | 'danger';

// Status colours as text, chosen for the background they sit on (AA on antd's light and dark surfaces).
const TEXT: Record<'light' | 'dark', Record<StatusText, string>> = {
  light: { success: '#237804', warning: '#874d00', danger: '#a8071a' },
  dark: { success: '#73d13d', warning: '#ffc53d', danger: '#ff7875' },
};

function isDark(background: string): boolean {
  const hex = /^#([0-9a-f]{6})$/i.exec(background)?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0) < 128;
}

/** A status colour for text on `background` (the container's colour from the theme). */
export function statusText(kind: StatusText, background: string): string {
  return TEXT[isDark(background) ? 'dark' : 'light'][kind];
}
