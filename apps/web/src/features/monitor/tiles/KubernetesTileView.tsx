import type { KubernetesTile } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format';
import { Detail, Figure, Figures, Tile, type TileViewProps } from './Tile';

/** Pods by phase, not ready, restarts in the last hour, from the Kubernetes API. */
export function KubernetesTileView(props: TileViewProps<KubernetesTile>) {
  const { t } = useTranslation();
  const { tile } = props;
  const phases = Object.entries(tile.phases).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Tile kind="kubernetes" series="podsNotReady" {...props}>
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
