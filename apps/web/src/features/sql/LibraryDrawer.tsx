import { DeleteOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Input, List, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMs } from './results/StatementMeta';
import { type HistoryEntry, type SavedQuery, searchHistory } from './state/library';

export interface LibraryDrawerProps {
  open: boolean;
  history: HistoryEntry[];
  saved: SavedQuery[];
  onClose(): void;
  onOpen(sql: string, keyspace: string | undefined): void;
  onDeleteSaved(id: string): void;
  onClearHistory(): void;
}

const STATUS_COLOR = { done: 'success', failed: 'error', cancelled: 'default' } as const;

/** The user's history (last 500 runs) and saved queries, searchable; a click opens one in a new tab. */
export function LibraryDrawer(p: LibraryDrawerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const history = searchHistory(p.history, query);
  const saved = searchHistory(p.saved, query);
  const sqlText = (sql: string) => (
    <Typography.Paragraph code ellipsis={{ rows: 3 }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
      {sql}
    </Typography.Paragraph>
  );
  return (
    <Drawer
      open={p.open}
      onClose={p.onClose}
      size={520}
      title={t('sql.library.title')}
      data-testid="sql-library"
    >
      <Flex vertical gap={12}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('sql.library.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="sql-library-search"
        />
        <Tabs
          items={[
            {
              key: 'history',
              label: t('sql.library.history', { count: p.history.length }),
              children: (
                <Flex vertical gap={8}>
                  <List
                    size="small"
                    dataSource={history}
                    locale={{ emptyText: t('sql.library.noHistory') }}
                    pagination={history.length > 50 ? { pageSize: 50, size: 'small' } : false}
                    renderItem={(h) => (
                      <List.Item
                        data-testid="sql-history-item"
                        style={{ cursor: 'pointer' }}
                        onClick={() => p.onOpen(h.sql, h.keyspace)}
                      >
                        <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                          {sqlText(h.sql)}
                          <Flex gap={6} align="center">
                            <Tag color={STATUS_COLOR[h.status]}>{t(`sql.library.status.${h.status}`)}</Tag>
                            <Typography.Text type="secondary">
                              {h.keyspace} · {dayjs(h.at).format('YYYY-MM-DD HH:mm:ss')}
                              {h.elapsedMs !== undefined ? ` · ${formatMs(h.elapsedMs)}` : ''}
                              {h.rows ? ` · ${t('sql.rows', { count: h.rows })}` : ''}
                            </Typography.Text>
                          </Flex>
                        </Flex>
                      </List.Item>
                    )}
                  />
                  {p.history.length > 0 ? (
                    <Button
                      size="small"
                      danger
                      onClick={p.onClearHistory}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t('sql.library.clearHistory')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'saved',
              label: t('sql.library.saved', { count: p.saved.length }),
              children: (
                <List
                  size="small"
                  dataSource={saved}
                  locale={{ emptyText: t('sql.library.noSaved') }}
                  renderItem={(s) => (
                    <List.Item
                      data-testid="sql-saved-item"
                      actions={[
                        <Button
                          key="delete"
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('sql.library.delete')}
                          onClick={() => p.onDeleteSaved(s.id)}
                        />,
                      ]}
                    >
                      <Flex
                        vertical
                        gap={2}
                        style={{ width: '100%', minWidth: 0, cursor: 'pointer' }}
                        onClick={() => p.onOpen(s.sql, s.keyspace)}
                      >
                        <Typography.Text strong>{s.name}</Typography.Text>
                        {sqlText(s.sql)}
                      </Flex>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      </Flex>
    </Drawer>
  );
}
