import { theme } from 'antd';
import { useTranslation } from 'react-i18next';

export interface SparklineProps {
  /** Epoch ms, ascending. */
  times: number[];
  /** One per time; null leaves a gap (the source failed). */
  values: (number | null)[];
  /** The span drawn, ending at the newest sample: an hour of history fills the width. */
  windowMs: number;
  color: string;
  label: string;
  testId?: string;
}

const W = 1000;
const H = 100;

/** Paths of the series, broken at nulls, in a 1000 × 100 box stretched to the tile's width. */
function paths(times: number[], values: (number | null)[], windowMs: number, max: number) {
  const end = times[times.length - 1] ?? 0;
  const x = (t: number) => Math.max(0, ((t - (end - windowMs)) / windowMs) * W);
  const y = (v: number) => H - 4 - (v / max) * (H - 8);
  const out: { line: string; area: string }[] = [];
  let line = '';
  let first = 0;
  let last = 0;
  const flush = () => {
    if (line) out.push({ line, area: `${line}L${last.toFixed(1)},${H}L${first.toFixed(1)},${H}Z` });
    line = '';
  };
  for (const [i, v] of values.entries()) {
    const t = times[i];
    if (v === null || t === undefined || t < end - windowMs) {
      flush();
      continue;
    }
    const px = x(t);
    const point = `${px.toFixed(1)},${y(v).toFixed(1)}`;
    if (!line) first = px;
    line += line ? `L${point}` : `M${point}`;
    last = px;
  }
  flush();
  return out;
}

/** A small line of the last hour, drawn in plain SVG (no chart library on the wall). */
export function Sparkline({ times, values, windowMs, color, label, testId }: SparklineProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const numbers = values.filter((v): v is number => v !== null);
  const max = Math.max(1, ...numbers);
  const latest = [...values].reverse().find((v) => v !== null);
  return (
    <figure
      style={{ margin: 0, flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      data-testid={testId}
      data-points={numbers.length}
    >
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        style={{ display: 'block', width: '100%', flex: 1, minHeight: '3em' }}
      >
        <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} stroke={token.colorBorderSecondary} strokeWidth={1} />
        {paths(times, values, windowMs, max).map((p) => (
          <g key={p.line.slice(0, 24)}>
            <path d={p.area} fill={color} opacity={0.18} />
            <path d={p.line} fill="none" stroke={color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          </g>
        ))}
      </svg>
      <figcaption
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          gap: '0.5em',
          fontSize: '0.75em',
          color: token.colorTextSecondary,
        }}
      >
        <span>{label}</span>
        <span>
          {t('monitor.sparkSummary', {
            latest: latest ?? '–',
            max: numbers.length ? Math.max(...numbers) : '–',
          })}
        </span>
      </figcaption>
    </figure>
  );
}
