import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useVtctl } from '../../../api/vtctl';
import { useCluster } from '../../../shared/hooks/useCluster';
import { paths } from '../../../shared/lib/paths';
import { CommandResult } from '../../../shared/ui/CommandResult';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { loadHistory, pushHistory } from './history';
import { SplitError, splitCommandLine } from './shellSplit';

/** A free vtctl command line, for everything the panels do not offer. */
export function VtctlPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const vtctl = useVtctl(cluster);
  const [line, setLine] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [history, setHistory] = useState<string[]>(loadHistory);
  // Position while walking the history with the arrow keys; -1 = the line being typed.
  const [cursor, setCursor] = useState(-1);

  const run = () => {
    let args: string[];
    try {
      args = splitCommandLine(line);
    } catch (err) {
      setParseError(err instanceof SplitError ? err.message : String(err));
      return;
    }
    if (args.length === 0) return;
    setParseError(null);
    setHistory((h) => pushHistory(h, line.trim()));
    setCursor(-1);
    vtctl.mutate(args);
  };

  const recall = (dir: 1 | -1) => {
    const next = Math.min(history.length - 1, Math.max(-1, cursor + dir));
    setCursor(next);
    setLine(next === -1 ? '' : (history[next] ?? ''));
  };

  return (
    <Flex vertical gap={16} data-testid="vtctl-console">
      <Flex align="center" gap={12}>
        <Link to={paths.section(cluster, 'topology')}>
          <Button icon={<ArrowLeftOutlined />} aria-label={t('vtctl.back')} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('vtctl.title', { cluster })}
        </Typography.Title>
      </Flex>
      <Alert type="info" showIcon data-testid="vtctl-permission-note" title={t('vtctl.permissionNote')} />
      <Card size="small">
        <Space.Compact style={{ width: '100%' }}>
          <Input
            data-testid="vtctl-input"
            aria-label={t('vtctl.inputLabel')}
            prefix={<Typography.Text type="secondary">vtctl</Typography.Text>}
            placeholder="GetSchema zone1-0000000100"
            value={line}
            status={parseError ? 'error' : undefined}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => {
              setLine(e.target.value);
              setParseError(null);
            }}
            onPressEnter={run}
            onKeyDown={(e) => {
              if (e.key === 'ArrowUp') {
                e.preventDefault();
                recall(1);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                recall(-1);
              }
            }}
          />
          <Button type="primary" onClick={run} loading={vtctl.isPending} data-testid="vtctl-run">
            {t('vtctl.run')}
          </Button>
        </Space.Compact>
        <Typography.Text type={parseError ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {parseError ? t('vtctl.parseError', { reason: parseError }) : t('vtctl.hint')}
        </Typography.Text>
      </Card>
      <Flex gap={16} align="flex-start" wrap>
        <Card
          size="small"
          title={t('vtctl.result')}
          style={{ flex: 2, minWidth: 360 }}
          data-testid="vtctl-result"
        >
          {vtctl.variables && !vtctl.isPending ? (
            <CommandResult args={vtctl.variables} result={vtctl.data} error={vtctl.error} />
          ) : (
            <EmptyState description={t('vtctl.nothingYet')} />
          )}
        </Card>
        <Card
          size="small"
          title={
            <Space>
              <HistoryOutlined />
              {t('vtctl.history')}
            </Space>
          }
          style={{ flex: 1, minWidth: 260 }}
        >
          <List
            data-testid="vtctl-history"
            size="small"
            dataSource={history}
            locale={{ emptyText: <Typography.Text type="secondary">{t('vtctl.noHistory')}</Typography.Text> }}
            renderItem={(h) => (
              <List.Item style={{ cursor: 'pointer' }} onClick={() => setLine(h)}>
                <Typography.Text code ellipsis style={{ maxWidth: '100%' }}>
                  {h}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Flex>
    </Flex>
  );
}
