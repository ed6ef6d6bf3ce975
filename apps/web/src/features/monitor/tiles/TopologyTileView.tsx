import type { TopologyTile } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format';
import { Detail, Figure, Figures, Tile, type TileViewProps } from './Tile';

/** Keyspaces, shards without a primary, tablets not serving (by cell), from vtctld. */
export function TopologyTileView(props: TileViewProps<TopologyTile>) {
  const { t } = useTranslation();
  const { tile } = props;
  return (
    <Tile kind="topology" series="tabletsNotServing" {...props}>
      <Figures>
        <Figure label={t('monitor.metric.keyspaces')} value={formatCount(tile.keyspaces)} />
        <Figure label={t('monitor.metric.shards')} value={formatCount(tile.shards)} />
        <Figure
          label={t('monitor.metric.shardsWithoutPrimary')}
          value={formatCount(tile.shardsWithoutPrimary)}
          alert={tile.shardsWithoutPrimary > 0}
        />
        <Figure
          label={t('monitor.metric.tabletsNotServing')}
          value={`${formatCount(tile.tabletsNotServing)} / ${formatCount(tile.tablets)}`}
          alert={tile.tabletsNotServing > 0}
        />
      </Figures>
      {tile.cells.length ? (
        <Detail>
          {t('monitor.byCell')}{' '}
          {tile.cells
            .map((c) => t('monitor.cellLine', { cell: c.cell, notServing: c.notServing, tablets: c.tablets }))
            .join(' · ')}
        </Detail>
      ) : null}
    </Tile>
  );
}
