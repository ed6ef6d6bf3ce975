import { theme } from 'antd';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { niceMax, timeLabel } from './scale';

export interface Series {
  name: string;
  /** One value per time; null leaves a gap (the Router was down, the route did not exist). */
  values: (number | null)[];
  color?: string;
}

export interface LineChartProps {
  /** Epoch milliseconds, ascending. */
  times: number[];
  series: Series[];
  height?: number;
  formatValue?: (v: number) => string;
  /** Draw areas under the lines (for a single series). */
  area?: boolean;
  testId?: string;
  emptyText?: string;
}

export const PALETTE = [
  '#1677ff',
  '#52c41a',
  '#fa8c16',
  '#eb2f96',
  '#722ed1',
  '#13c2c2',
  '#faad14',
  '#2f54eb',
];
const PAD = { top: 8, right: 12, bottom: 22 };

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

interface Segment {
  d: string;
  x0: number;
  x1: number;
  /** The last point, marked so a lone sample shows too. */
  end: [number, number];
}

/** Paths of one series, broken at nulls. */
function segments(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | null = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (cur) out.push(cur);
      cur = null;
      return;
    }
    const px = x(i);
    const py = y(v);
    const point = `${px.toFixed(1)},${py.toFixed(1)}`;
    if (cur) {
      cur.d += `L${point}`;
      cur.x1 = px;
      cur.end = [px, py];
    } else cur = { d: `M${point}`, x0: px, x1: px, end: [px, py] };
  });
  if (cur) out.push(cur);
  return out;
}

/**
 * A small time-series line chart in plain SVG (no chart library: the routers chunk stays small).
 * Hovering shows the values at the nearest sample.
 */
export function LineChart({
  times,
  series,
  height = 160,
  formatValue = (v) => String(Math.round(v * 100) / 100),
  area = false,
  testId,
  emptyText,
}: LineChartProps) {
  const { token } = theme.useToken();
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  const max = useMemo(
    () => niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)))),
    [series],
  );
  const ticks = points === 0 ? [0] : [0, max / 2, max];
  // Room for the longest y label (about 6.5 px per character at 11 px).
  const left = Math.max(28, Math.ceil(Math.max(...ticks.map((v) => formatValue(v).length)) * 6.5) + 10);
  const innerW = Math.max(1, width - left - PAD.right);
  const innerH = height - PAD.top - PAD.bottom;
  const t0 = times[0] ?? 0;
  const span = Math.max(1, (times[times.length - 1] ?? 0) - t0);
  const x = (i: number) => left + (times.length < 2 ? innerW : (((times[i] ?? t0) - t0) / span) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  // Short spans need seconds to tell the labels apart.
  const withSeconds = span < 10 * 60_000;
  const xTicks =
    times.length < 2
      ? []
      : times.length < 5
        ? [0, times.length - 1]
        : [0, Math.floor((times.length - 1) / 2), times.length - 1];
  const colored = series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length] }));

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    if (times.length === 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    let best = 0;
    for (let i = 1; i < times.length; i++) if (Math.abs(x(i) - px) < Math.abs(x(best) - px)) best = i;
    setHover(best);
  };

  return (
    <div ref={ref} style={{ position: 'relative', width: '100%' }} data-testid={testId} data-points={points}>
      {width > 0 ? (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={series.map((s) => s.name).join(', ') || emptyText}
          style={{ display: 'block', color: token.colorTextSecondary, fontSize: 11 }}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        >
          {ticks.map((v) => (
            <g key={v}>
              <line
                x1={left}
                x2={width - PAD.right}
                y1={y(v)}
                y2={y(v)}
                stroke={token.colorBorderSecondary}
              />
              <text x={left - 6} y={y(v) + 4} textAnchor="end" fill="currentColor">
                {points === 0 ? '' : formatValue(v)}
              </text>
            </g>
          ))}
          {xTicks.map((i, k) => (
            <text
              key={i}
              x={x(i)}
              y={height - 6}
              textAnchor={k === 0 ? 'start' : k === xTicks.length - 1 ? 'end' : 'middle'}
              fill="currentColor"
            >
              {timeLabel(times[i] ?? 0, withSeconds)}
            </text>
          ))}
          {colored.map((s) =>
            segments(s.values, x, y).map((seg) => (
              <g key={`${s.name}-${seg.x0}`}>
                {area ? (
                  <path
                    d={`${seg.d}L${seg.x1.toFixed(1)},${y(0)}L${seg.x0.toFixed(1)},${y(0)}Z`}
                    fill={s.color}
                    opacity={0.12}
                  />
                ) : null}
                <path d={seg.d} fill="none" stroke={s.color} strokeWidth={1.6} data-testid="chart-series" />
                <circle cx={seg.end[0]} cy={seg.end[1]} r={2.5} fill={s.color} />
              </g>
            )),
          )}
          {hover !== null ? (
            <line
              x1={x(hover)}
              x2={x(hover)}
              y1={PAD.top}
              y2={PAD.top + innerH}
              stroke={token.colorTextTertiary}
            />
          ) : null}
          {points === 0 && emptyText ? (
            <text x={left + innerW / 2} y={PAD.top + innerH / 2} textAnchor="middle" fill="currentColor">
              {emptyText}
            </text>
          ) : null}
        </svg>
      ) : (
        <div style={{ height }} />
      )}
      {hover !== null ? (
        <div
          style={{
            position: 'absolute',
            top: 4,
            left: Math.min(Math.max(0, x(hover) + 8), Math.max(0, width - 180)),
            pointerEvents: 'none',
            background: token.colorBgElevated,
            boxShadow: token.boxShadowSecondary,
            borderRadius: token.borderRadiusSM,
            padding: '4px 8px',
            fontSize: 12,
            minWidth: 140,
          }}
        >
          <div style={{ color: token.colorTextSecondary }}>{timeLabel(times[hover] ?? 0, true)}</div>
          {colored.map((s) => (
            <div key={s.name} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <span style={{ width: 8, height: 8, borderRadius: 4, background: s.color, flex: 'none' }} />
              <span style={{ flex: 1 }}>{s.name}</span>
              <span>
                {s.values[hover] === null || s.values[hover] === undefined
                  ? '—'
                  : formatValue(s.values[hover] as number)}
              </span>
            </div>
          ))}
        </div>
      ) : null}
      {colored.length > 1 ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px', fontSize: 12, paddingLeft: left }}>
          {colored.map((s) => (
            <span key={s.name} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
              <span style={{ width: 10, height: 3, background: s.color }} />
              {s.name}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
