import type { RoutersTile } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format';
import { Detail, Figure, Figures, Tile, type TileViewProps } from './Tile';

/** Routes alive and dead, connections, blocked hosts, metadata refresh, from the MySQL Routers. */
export function RoutersTileView(props: TileViewProps<RoutersTile>) {
  const { t } = useTranslation();
  const { tile } = props;
  return (
    <Tile kind="routers" series="activeConnections" {...props}>
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
