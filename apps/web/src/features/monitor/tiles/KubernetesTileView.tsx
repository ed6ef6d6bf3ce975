import type { KubernetesTile, MonitorSamples } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { STATE_FILL } from '../lib/colors';
import { formatCount } from '../lib/format';
import { Sparkline } from '../Sparkline';
import { Detail, Figure, Figures, Tile } from './Tile';

interface Props {
  cluster: string;
  tile: KubernetesTile;
  history: MonitorSamples | undefined;
  windowMs: number;
  stale: number | null;
}

/** Pods by phase, not ready, restarts in the last hour, from the Kubernetes API. */
export function KubernetesTileView({ cluster, tile, history, windowMs, stale }: Props) {
  const { t } = useTranslation();
  const phases = Object.entries(tile.phases).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Tile
      kind="kubernetes"
      cluster={cluster}
      state={tile.state}
      stale={stale}
      error={tile.error}
      breaches={tile.breaches}
      sparkline={
        <Sparkline
          testId="spark-pods-not-ready"
          times={history?.times ?? []}
          values={history?.series.podsNotReady ?? []}
          windowMs={windowMs}
          color={STATE_FILL[tile.state].accent}
          label={t('monitor.spark.podsNotReady')}
        />
      }
    >
      <Figures>
        <Figure label={t('monitor.metric.pods')} value={formatCount(tile.pods)} />
        <Figure
          label={t('monitor.metric.podsNotReady')}
          value={formatCount(tile.podsNotReady)}
          alert={tile.podsNotReady > 0}
        />
        <Figure label={t('monitor.metric.podsPending')} value={formatCount(tile.podsPending)} />
        <Figure
          label={t('monitor.metric.podRestartsLastHour')}
          value={formatCount(tile.podRestartsLastHour)}
          alert={tile.podRestartsLastHour > 0}
        />
      </Figures>
      <Detail>
        {phases.length
          ? phases.map(([phase, n]) => t('monitor.phaseLine', { phase, count: n })).join(' · ')
          : t('monitor.noPods')}
      </Detail>
    </Tile>
  );
}
