import type { MonitorSamples, RoutersTile } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { STATE_FILL } from '../lib/colors';
import { formatCount } from '../lib/format';
import { Sparkline } from '../Sparkline';
import { Detail, Figure, Figures, Tile } from './Tile';

interface Props {
  cluster: string;
  tile: RoutersTile;
  history: MonitorSamples | undefined;
  windowMs: number;
  stale: number | null;
}

/** Routes alive and dead, connections, blocked hosts, metadata refresh, from the MySQL Routers. */
export function RoutersTileView({ cluster, tile, history, windowMs, stale }: Props) {
  const { t } = useTranslation();
  return (
    <Tile
      kind="routers"
      cluster={cluster}
      state={tile.state}
      stale={stale}
      error={tile.error}
      breaches={tile.breaches}
      sparkline={
        <Sparkline
          testId="spark-active-connections"
          times={history?.times ?? []}
          values={history?.series.activeConnections ?? []}
          windowMs={windowMs}
          color={STATE_FILL[tile.state].accent}
          label={t('monitor.spark.activeConnections')}
        />
      }
    >
      <Figures>
        <Figure
          label={t('monitor.metric.routersUp')}
          value={`${formatCount(tile.routers - tile.routersDown)} / ${formatCount(tile.routers)}`}
          alert={tile.routersDown > 0}
        />
        <Figure
          label={t('monitor.metric.routesAlive')}
          value={`${formatCount(tile.routesAlive)} / ${formatCount(tile.routes)}`}
          alert={tile.routesDead > 0}
        />
        <Figure label={t('monitor.metric.activeConnections')} value={formatCount(tile.activeConnections)} />
        <Figure label={t('monitor.metric.blockedHosts')} value={formatCount(tile.blockedHosts)} />
      </Figures>
      <Detail>
        {tile.metadataRefreshFailing
          ? t('monitor.metadataFailing', { count: tile.metadataRefreshFailing })
          : t('monitor.metadataOk')}
      </Detail>
    </Tile>
  );
}
