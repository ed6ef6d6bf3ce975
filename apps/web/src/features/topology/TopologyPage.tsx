import { CodeOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Space, Tooltip, Typography } from 'antd';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTopology } from '../../api/topology';
import { useCluster } from '../../shared/hooks/useCluster';
import { paths } from '../../shared/lib/paths';
import { ErrorState } from '../../shared/ui/ErrorState';
import { LoadingState } from '../../shared/ui/LoadingState';
import { DetailPanel } from './DetailPanel';
import { countTablets } from './lib/lookup';
import { TopologyTree, type TreeTarget } from './tree/TopologyTree';

export function TopologyPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const deferredQ = useDeferredValue(q);
  const topology = useTopology(cluster);
  const target: TreeTarget = { keyspace: params.keyspace, shard: params.shard, tablet: params.tablet };

  // The search text lives in the URL so a filtered view can be shared; typing replaces, not pushes.
  const setQuery = (value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );

  const select = (to: TreeTarget) => {
    const suffix = q ? `?q=${encodeURIComponent(q)}` : '';
    navigate(paths.topology(cluster, to.keyspace, to.shard, to.tablet) + suffix);
  };

  if (topology.isPending) return <LoadingState minHeight={320} />;
  if (topology.isError) return <ErrorState error={topology.error} onRetry={() => void topology.refetch()} />;
  const topo = topology.data;

  return (
    <Flex vertical gap={12} style={{ height: 'calc(100vh - 96px)', minHeight: 480 }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('topology.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="topology-summary">
          {t('topology.summary', {
            keyspaces: topo.items.length,
            tablets: countTablets(topo),
            cells: topo.cells.join(', ') || '—',
          })}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('topology.generatedAt', { time: new Date(topo.generatedAt).toLocaleTimeString() })}
        </Typography.Text>
        <Tooltip title={t('common.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            loading={topology.isFetching}
            onClick={() => void topology.refetch()}
            data-testid="refresh-topology"
            aria-label={t('common.refresh')}
          />
        </Tooltip>
        <Link to={paths.section(cluster, 'vtctl')}>
          <Button icon={<CodeOutlined />} data-testid="open-vtctl">
            {t('vtctl.open')}
          </Button>
        </Link>
      </Flex>
      {topo.errors.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="topology-errors"
          title={t('topology.partial', { count: topo.errors.length })}
          description={
            <Space orientation="vertical" size={0}>
              {topo.errors.map((e) => (
                <Typography.Text key={`${e.source}:${e.kind}`}>
                  <Typography.Text code>{e.source}</Typography.Text> {e.kind}: {e.message}
                </Typography.Text>
              ))}
            </Space>
          }
        />
      ) : null}
      <Flex gap={16} style={{ flex: 1, minHeight: 0 }}>
        <Card
          size="small"
          style={{ width: 480, flexShrink: 0, display: 'flex', flexDirection: 'column' }}
          styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 } }}
        >
          <Input
            allowClear
            data-testid="topology-search"
            prefix={<SearchOutlined />}
            placeholder={t('topology.searchPlaceholder')}
            aria-label={t('topology.searchPlaceholder')}
            value={q}
            onChange={(e) => setQuery(e.target.value)}
          />
          <TopologyTree topology={topo} query={deferredQ} selected={target} onSelect={select} />
        </Card>
        <div style={{ flex: 1, minWidth: 0, overflow: 'auto' }} data-testid="detail-panel">
          <DetailPanel topology={topo} target={target} />
        </div>
      </Flex>
    </Flex>
  );
}
