import type { ClusterMonitor } from '@vtdeck/contracts';
import { theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorState } from '../../api/monitorState';
import { statusText } from './lib/colors';
import { clock, serverNow, staleSince } from './lib/format';
import { Timeline } from './Timeline';
import { KubernetesTileView } from './tiles/KubernetesTileView';
import { RoutersTileView } from './tiles/RoutersTileView';
import { TopologyTileView } from './tiles/TopologyTileView';

export interface MonitorWallProps {
  state: MonitorState;
  now: number;
  /** Fills the viewport (kiosk) instead of flowing in the page. */
  fill: boolean;
  /** Shown left of the clock (the title line of the kiosk, or the page's own controls). */
  heading: ReactNode;
  showClusterNames: boolean;
}

/**
 * The wall: one row of tiles per cluster and the timeline beside them. Sizes are in `em` of the root,
 * so the same layout reads at 1920×1080 and 3840×2160 (the kiosk sets the root size from the width).
 */
export function MonitorWall({ state, now, fill, heading, showClusterNames }: MonitorWallProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const connection =
    state.connection === 'reconnecting' && state.retryAt !== null
      ? t('monitor.connection.reconnecting', {
          seconds: Math.max(0, Math.ceil((state.retryAt - now) / 1000)),
        })
      : t(`monitor.connection.${state.connection}`);
  return (
    <div
      data-testid="monitor-wall"
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) minmax(16em, 24%)',
        gridTemplateRows: 'auto minmax(0, 1fr)',
        gap: '0.8em',
        height: fill ? '100%' : undefined,
        minHeight: 0,
      }}
    >
      <header
        style={{ gridColumn: '1 / -1', display: 'flex', alignItems: 'center', gap: '1em', minWidth: 0 }}
      >
        <div style={{ flex: 1, minWidth: 0 }}>{heading}</div>
        <span
          data-testid="monitor-connection"
          data-state={state.connection}
          style={{
            fontSize: '0.9em',
            fontWeight: 600,
            color: statusText(state.connection === 'open' ? 'success' : 'warning', token.colorBgLayout),
          }}
        >
          {connection}
        </span>
        <span
          data-testid="monitor-clock"
          style={{
            fontSize: '1.4em',
            fontWeight: 600,
            fontVariantNumeric: 'tabular-nums',
            color: token.colorText,
          }}
        >
          {clock(serverNow(state, now))}
        </span>
      </header>
      <div
        style={{
          display: 'grid',
          gridAutoRows: fill ? 'minmax(0, 1fr)' : 'auto',
          gap: '0.8em',
          minHeight: 0,
        }}
      >
        {state.clusters.length === 0 ? (
          <p style={{ color: token.colorTextSecondary }}>{t('monitor.waiting')}</p>
        ) : (
          state.clusters.map((c) => (
            <ClusterRow key={c.cluster} cluster={c} state={state} now={now} showName={showClusterNames} />
          ))
        )}
      </div>
      <Timeline entries={state.timeline} showCluster={showClusterNames} />
    </div>
  );
}

function ClusterRow({
  cluster: c,
  state,
  now,
  showName,
}: {
  cluster: ClusterMonitor;
  state: MonitorState;
  now: number;
  showName: boolean;
}) {
  const { token } = theme.useToken();
  const history = state.history[c.cluster];
  const windowMs = state.timing?.historyMs ?? 3_600_000;
  const common = { cluster: c.cluster, history, windowMs };
  const tiles = [
    <TopologyTileView
      key="topology"
      {...common}
      tile={c.topology}
      stale={staleSince(c.topology, state, now)}
    />,
    c.kubernetes ? (
      <KubernetesTileView
        key="kubernetes"
        {...common}
        tile={c.kubernetes}
        stale={staleSince(c.kubernetes, state, now)}
      />
    ) : null,
    c.routers ? (
      <RoutersTileView key="routers" {...common} tile={c.routers} stale={staleSince(c.routers, state, now)} />
    ) : null,
  ].filter(Boolean);
  return (
    <section
      data-testid="monitor-cluster"
      data-cluster={c.cluster}
      style={{ display: 'flex', flexDirection: 'column', gap: '0.4em', minHeight: 0 }}
    >
      {showName ? (
        <h2 style={{ margin: 0, fontSize: '1.2em', fontWeight: 600, color: token.colorText }}>{c.title}</h2>
      ) : null}
      <div
        style={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gridTemplateColumns: `repeat(${tiles.length}, minmax(0, 1fr))`,
          gap: '0.8em',
        }}
      >
        {tiles}
      </div>
    </section>
  );
}
