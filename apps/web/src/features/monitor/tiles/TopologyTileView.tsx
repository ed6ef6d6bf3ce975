import type { MonitorSamples, TopologyTile } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { STATE_FILL } from '../lib/colors';
import { formatCount } from '../lib/format';
import { Sparkline } from '../Sparkline';
import { Detail, Figure, Figures, Tile } from './Tile';

interface Props {
  cluster: string;
  tile: TopologyTile;
  history: MonitorSamples | undefined;
  windowMs: number;
  stale: number | null;
}

/** Keyspaces, shards without a primary, tablets not serving (by cell), from vtctld. */
export function TopologyTileView({ cluster, tile, history, windowMs, stale }: Props) {
  const { t } = useTranslation();
  return (
    <Tile
      kind="topology"
      cluster={cluster}
      state={tile.state}
      stale={stale}
      error={tile.error}
      breaches={tile.breaches}
      sparkline={
        <Sparkline
          testId="spark-tablets-not-serving"
          times={history?.times ?? []}
          values={history?.series.tabletsNotServing ?? []}
          windowMs={windowMs}
          color={STATE_FILL[tile.state].accent}
          label={t('monitor.spark.tabletsNotServing')}
        />
      }
    >
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
