import type { Breach, MonitorSamples, MonitorSeriesName, SourceError, TileState } from '@vtdeck/contracts';
import { theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STATE_FILL, statusText } from '../lib/colors';
import { clock } from '../lib/format';
import { Sparkline } from '../Sparkline';

export type TileKind = 'topology' | 'kubernetes' | 'routers';

/** What every tile view is given by the wall. */
export interface TileViewProps<T> {
  cluster: string;
  tile: T;
  history: MonitorSamples | undefined;
  windowMs: number;
  /** Time the data went stale (shown as "stale since HH:MM:SS"), or null. */
  stale: number | null;
}

interface TileProps
  extends TileViewProps<{ state: TileState; error: SourceError | null; breaches: Breach[] }> {
  kind: TileKind;
  /** The series drawn as the tile's sparkline. */
  series: MonitorSeriesName;
  children: ReactNode;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** One tile of the wall: its colour, why it has it, the numbers, and an hour of one of them. */
export function Tile({ kind, cluster, tile, history, windowMs, stale, series, children }: TileProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { state, error, breaches } = tile;
  const fill = STATE_FILL[state];
  return (
    <section
      data-testid="monitor-tile"
      data-tile={kind}
      data-cluster={cluster}
      data-state={state}
      data-stale={stale !== null}
      aria-label={`${cluster} ${t(`monitor.tile.${kind}`)}: ${t(`monitor.state.${state}`)}`}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: '0.5em',
        minWidth: 0,
        minHeight: 0,
        padding: '0.75em 0.9em',
        borderRadius: '0.5em',
        background: token.colorBgContainer,
        border: `1px ${stale !== null ? 'dashed' : 'solid'} ${token.colorBorderSecondary}`,
        borderTop: `0.4em solid ${fill.accent}`,
        boxShadow: state === 'red' ? `inset 0 0 0 2px ${fill.accent}` : undefined,
        overflow: 'hidden',
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', gap: '0.5em' }}>
        <h3 style={{ margin: 0, fontSize: '1.1em', fontWeight: 600, flex: 1, color: token.colorText }}>
          {t(`monitor.tile.${kind}`)}
        </h3>
        <span
          data-testid="tile-state"
          style={{
            background: fill.bg,
            color: fill.fg,
            borderRadius: '1em',
            padding: '0.1em 0.7em',
            fontSize: '0.85em',
            fontWeight: 600,
            whiteSpace: 'nowrap',
          }}
        >
          {t(`monitor.state.${state}`)}
        </span>
      </header>
      {stale !== null ? (
        <div style={{ fontSize: '0.85em' }}>
          <strong data-testid="tile-stale" style={{ color: statusText('warning', token.colorBgContainer) }}>
            {t('monitor.staleSince', { time: clock(stale) })}
          </strong>
        </div>
      ) : null}
      {error ? (
        <div style={{ fontSize: '0.85em', wordBreak: 'break-word' }}>
          <span data-testid="tile-error" style={{ color: statusText('danger', token.colorBgContainer) }}>
            {t('monitor.sourceError', { message: error.message })}
          </span>
        </div>
      ) : null}
      <div>{children}</div>
      {breaches.length ? (
        <ul style={{ margin: 0, paddingLeft: '1.1em', fontSize: '0.85em', color: token.colorText }}>
          {breaches.map((b) => (
            <li key={b.metric}>
              {t('monitor.breach', {
                metric: t(`monitor.metric.${b.metric}`),
                value: b.value,
                threshold: b.threshold,
                level: t(`monitor.level.${b.level}`),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {/* The sparkline takes whatever height the tile has left (a wall tile is tall). */}
      <div style={{ flex: 1, minHeight: '4em', display: 'flex', flexDirection: 'column' }}>
        <Sparkline
          testId={`spark-${kebab(series)}`}
          times={history?.times ?? []}
          values={history?.series[series] ?? []}
          windowMs={windowMs}
          color={fill.accent}
          label={t(`monitor.spark.${series}`)}
        />
      </div>
    </section>
  );
}

/** A big number with its label. */
export function Figure({ label, value, alert }: { label: string; value: ReactNode; alert?: boolean }) {
  const { token } = theme.useToken();
  return (
    <div style={{ minWidth: 0, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' }}>
      <div style={{ fontSize: '0.8em', lineHeight: 1.2, color: token.colorTextSecondary }}>{label}</div>
      <div
        style={{
          fontSize: '2em',
          lineHeight: 1.15,
          fontWeight: 600,
          fontVariantNumeric: 'tabular-nums',
          color: alert ? statusText('danger', token.colorBgContainer) : token.colorText,
        }}
      >
        {value}
      </div>
    </div>
  );
}

export function Figures({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(9em, 1fr))',
        gap: '0.4em 0.9em',
      }}
    >
      {children}
    </div>
  );
}

/** A line of small print under the figures (by cell, by phase...). */
export function Detail({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginTop: '0.4em', fontSize: '0.85em', color: token.colorTextSecondary }}>{children}</div>
  );
}
