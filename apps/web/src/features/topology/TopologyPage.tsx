import { CodeOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Space, Tooltip, Typography } from 'antd';
import {
  memo,
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
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

/** How long typing must pause before the search is written to the URL. */
const SEARCH_TO_URL_MS = 250;

// The panel does not depend on the search: typing must not re-render it.
const MemoDetailPanel = memo(DetailPanel);

export function TopologyPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const urlQ = search.get('q') ?? '';
  // The box answers every keystroke from local state; the tree follows a deferred copy, and the URL
  // (the shareable part) is written once typing pauses, so a keystroke re-renders neither the route
  // nor ten thousand rows.
  const [q, setQ] = useState(urlQ);
  const deferredQ = useDeferredValue(q);
  const latestQ = useRef(q);
  latestQ.current = q;
  const topology = useTopology(cluster);
  const { keyspace, shard, tablet } = params;
  const target: TreeTarget = useMemo(() => ({ keyspace, shard, tablet }), [keyspace, shard, tablet]);

  // Values written to the URL and not seen back yet. The router commits a navigation as a transition,
  // so the echo of a write can arrive after more typing; it must not put the older text back.
  const written = useRef<string[]>([]);

  // The URL changed under the box (back/forward, a shared link): the box follows it.
  useEffect(() => {
    const echo = written.current.lastIndexOf(urlQ);
    if (echo >= 0) {
      written.current.splice(0, echo + 1);
      return;
    }
    written.current = [];
    if (urlQ !== latestQ.current) setQ(urlQ);
  }, [urlQ]);

  // Typing replaces the URL's search, not pushes; once per pause, as a transition.
  useEffect(() => {
    if (q === urlQ) return;
    const id = window.setTimeout(() => {
      written.current.push(q);
      startTransition(() =>
        setSearch(
          (prev) => {
            const next = new URLSearchParams(prev);
            if (q) next.set('q', q);
            else next.delete('q');
            return next;
          },
          { replace: true },
        ),
      );
    }, SEARCH_TO_URL_MS);
    return () => window.clearTimeout(id);
  }, [q, urlQ, setSearch]);

  const select = useCallback(
    (to: TreeTarget) => {
      const cur = latestQ.current;
      const suffix = cur ? `?q=${encodeURIComponent(cur)}` : '';
      navigate(paths.topology(cluster, to.keyspace, to.shard, to.tablet) + suffix);
    },
    [navigate, cluster],
  );

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
            onChange={(e) => setQ(e.target.value)}
          />
          <TopologyTree topology={topo} query={deferredQ} selected={target} onSelect={select} />
        </Card>
        <div style={{ flex: 1, minWidth: 0, overflow: 'auto' }} data-testid="detail-panel">
          <MemoDetailPanel topology={topo} target={target} />
        </div>
      </Flex>
    </Flex>
  );
}
