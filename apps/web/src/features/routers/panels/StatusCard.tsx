import type { RouterDetail } from '@vtdeck/contracts';
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatTime } from '../lib/format';

export function StatusCard({ detail }: { detail: RouterDetail }) {
  const { t } = useTranslation();
  const p = detail.process;
  return (
    <Card
      size="small"
      title={t('routers.status.title')}
      data-testid="router-status"
      style={{ height: '100%' }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'version', label: t('routers.status.version'), children: p.version },
          { key: 'edition', label: t('routers.status.edition'), children: p.edition },
          { key: 'hostname', label: t('routers.status.hostname'), children: p.hostname ?? '—' },
          { key: 'pid', label: t('routers.status.pid'), children: p.processId },
          {
            key: 'uptime',
            label: t('routers.uptime'),
            children: <span data-testid="router-uptime">{formatDuration(p.uptimeSeconds)}</span>,
          },
          { key: 'started', label: t('routers.status.started'), children: formatTime(p.timeStarted) },
          ...(detail.routing
            ? [
                {
                  key: 'total',
                  label: t('routers.status.totalConnections'),
                  children: `${detail.routing.currentTotalConnections} / ${detail.routing.maxTotalConnections}`,
                },
              ]
            : []),
          { key: 'url', label: t('routers.status.url'), children: detail.url },
        ]}
      />
    </Card>
  );
}
