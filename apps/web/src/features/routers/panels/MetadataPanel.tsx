import type { MetadataCache } from '@vtdeck/contracts';
import { Alert, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format';

/** The metadata cache: which InnoDB cluster the Router follows and whether its refreshes work. */
export function MetadataPanel({ caches }: { caches: MetadataCache[] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('routers.metadata.title')}
      data-testid="router-metadata"
      style={{ height: '100%' }}
    >
      {caches.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('routers.metadata.none')} />
      ) : (
        caches.map((m) => (
          <Flex key={m.name} vertical gap={8}>
            {m.failing ? (
              <Alert
                type="error"
                showIcon
                title={t('routers.metadata.failing')}
                description={t('routers.metadata.failingSince', {
                  time: formatTime(m.timeLastRefreshFailed),
                })}
                data-testid="metadata-failing"
              />
            ) : null}
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: t('routers.metadata.name'), children: m.name },
                { key: 'cluster', label: t('routers.metadata.cluster'), children: m.clusterName || '—' },
                {
                  key: 'gr',
                  label: t('routers.metadata.groupReplicationId'),
                  children: (
                    <Typography.Text copyable={!!m.groupReplicationId}>
                      {m.groupReplicationId || '—'}
                    </Typography.Text>
                  ),
                },
                { key: 'ttl', label: t('routers.metadata.ttl'), children: `${m.timeRefreshInMs} ms` },
                {
                  key: 'refresh',
                  label: t('routers.metadata.refreshes'),
                  children: (
                    <span data-testid="metadata-refreshes">
                      <Tag color="success">
                        {t('routers.metadata.succeeded', { count: m.refreshSucceeded })}
                      </Tag>
                      <Tag color={m.refreshFailed > 0 ? 'error' : 'default'}>
                        {t('routers.metadata.failed', { count: m.refreshFailed })}
                      </Tag>
                    </span>
                  ),
                },
                {
                  key: 'host',
                  label: t('routers.metadata.lastRefreshHost'),
                  children: m.lastRefreshHostname
                    ? `${m.lastRefreshHostname}:${m.lastRefreshPort ?? ''}`
                    : '—',
                },
                {
                  key: 'ok',
                  label: t('routers.metadata.lastSucceeded'),
                  children: formatTime(m.timeLastRefreshSucceeded),
                },
                {
                  key: 'failed',
                  label: t('routers.metadata.lastFailed'),
                  children: (
                    <Typography.Text type={m.failing ? 'danger' : undefined}>
                      {formatTime(m.timeLastRefreshFailed)}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'nodes',
                  label: t('routers.metadata.nodes', { count: m.nodes.length }),
                  children: (
                    <Flex vertical>
                      {m.nodes.map((n) => (
                        <Typography.Text key={`${n.hostname}:${n.port}`} style={{ fontSize: 12 }}>
                          {n.hostname}:{n.port}
                        </Typography.Text>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        ))
      )}
    </Card>
  );
}
