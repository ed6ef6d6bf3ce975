import { CopyOutlined, DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { Button, Dropdown, Flex, Input, type MenuProps, message, Select, Space, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellText } from '../lib/cells';
import { copyText } from '../lib/clipboard';
import { download, rowTsv, toCsv, toJson, uniqueKeys } from '../lib/exporters';
import { columnWidths, type SortSpec, viewOrder } from '../lib/gridView';
import { type CellRef, GridBody } from './GridBody';

export interface ResultGridProps {
  columns: SqlColumn[];
  rows: readonly SqlCell[][];
  version: number;
  /** For export file names. */
  name: string;
}

const nextSort = (cur: SortSpec | undefined, column: number): SortSpec | undefined => {
  if (cur?.column !== column) return { column, dir: 'asc' };
  return cur.dir === 'asc' ? { column, dir: 'desc' } : undefined;
};

/** A result set: filter, sort, copy and export over the rows received so far. */
export function ResultGrid({ columns, rows, version, name }: ResultGridProps) {
  const { t } = useTranslation();
  const [msg, holder] = message.useMessage();
  const [sort, setSort] = useState<SortSpec>();
  const [filterText, setFilterText] = useState('');
  const filter = useDeferredValue(filterText);
  const [filterColumn, setFilterColumn] = useState<number | undefined>();
  const [selected, setSelected] = useState<CellRef | null>(null);
  const [menuCell, setMenuCell] = useState<CellRef | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `rows` grows in place; `version` says it did.
  const order = useMemo(
    () => viewOrder(columns, rows, { sort, filter, filterColumn }),
    [columns, rows, version, sort, filter, filterColumn],
  );
  const count = order ? order.length : rows.length;
  const hasRows = rows.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: widths come from the first rows and then stay put.
  const widths = useMemo(() => columnWidths(columns, rows), [columns, hasRows]);

  const rowAt = (viewRow: number) => rows[order ? (order[viewRow] as number) : viewRow] ?? [];
  const copy = async (text: string, what: string) => {
    try {
      await copyText(text);
      msg.success(t('sql.grid.copied', { what }));
    } catch (err) {
      msg.error(String(err));
    }
  };
  const copyCell = (c: CellRef) => copy(cellText(rowAt(c.row)[c.col]) ?? 'NULL', t('sql.grid.cell'));
  const copyRow = (c: CellRef) => copy(rowTsv(rowAt(c.row)), t('sql.grid.row'));
  const copyRowJson = (c: CellRef) => {
    const keys = uniqueKeys(columns);
    const row = rowAt(c.row);
    const obj = Object.fromEntries(keys.map((k, i) => [k, cellText(row[i])]));
    return copy(JSON.stringify(obj, null, 2), t('sql.grid.row'));
  };
  const copyColumn = (col: number) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(cellText(rowAt(i)[col]) ?? 'NULL');
    return copy(out.join('\n'), t('sql.grid.column'));
  };

  const menu: MenuProps['items'] = [
    { key: 'cell', label: t('sql.grid.copyCell'), icon: <CopyOutlined /> },
    { key: 'row', label: t('sql.grid.copyRow') },
    { key: 'rowJson', label: t('sql.grid.copyRowJson') },
    { key: 'column', label: t('sql.grid.copyColumn') },
    { type: 'divider' },
    { key: 'asc', label: t('sql.grid.sortAsc') },
    { key: 'desc', label: t('sql.grid.sortDesc') },
    { key: 'filter', label: t('sql.grid.filterValue') },
  ];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    const c = menuCell;
    if (!c) return;
    if (key === 'cell') void copyCell(c);
    if (key === 'row') void copyRow(c);
    if (key === 'rowJson') void copyRowJson(c);
    if (key === 'column') void copyColumn(c.col);
    if (key === 'asc' || key === 'desc') setSort({ column: c.col, dir: key });
    if (key === 'filter') {
      setFilterColumn(c.col);
      setFilterText(cellText(rowAt(c.row)[c.col]) ?? 'NULL');
    }
  };

  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const exportAs = (kind: 'csv' | 'json') =>
    kind === 'csv'
      ? download(`${name}-${stamp}.csv`, toCsv(columns, rows, order), 'text/csv;charset=utf-8')
      : download(`${name}-${stamp}.json`, toJson(columns, rows, order), 'application/json');

  return (
    <Flex vertical gap={8} style={{ height: '100%', minHeight: 0 }}>
      {holder}
      <Flex gap={8} align="center" wrap>
        <Space.Compact>
          <Select
            size="small"
            style={{ width: 150 }}
            value={filterColumn ?? -1}
            onChange={(v) => setFilterColumn(v === -1 ? undefined : v)}
            aria-label={t('sql.grid.filterColumn')}
            options={[
              { value: -1, label: t('sql.grid.allColumns') },
              ...columns.map((c, i) => ({ value: i, label: c.name })),
            ]}
          />
          <Input
            size="small"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('sql.grid.filter')}
            aria-label={t('sql.grid.filter')}
            data-testid="sql-grid-filter"
            value={filterText}
            onChange={(e) => setFilterText(e.target.value)}
            style={{ width: 220 }}
          />
        </Space.Compact>
        <Typography.Text type="secondary" data-testid="sql-grid-count">
          {order
            ? t('sql.grid.showing', { shown: count, total: rows.length })
            : t('sql.rows', { count: rows.length })}
        </Typography.Text>
        <Flex flex={1} />
        <Button
          size="small"
          icon={<CopyOutlined />}
          disabled={!selected}
          onClick={() => selected && copyCell(selected)}
          data-testid="sql-copy-cell"
        >
          {t('sql.grid.copyCell')}
        </Button>
        <Button
          size="small"
          disabled={!selected}
          onClick={() => selected && copyRow(selected)}
          data-testid="sql-copy-row"
        >
          {t('sql.grid.copyRow')}
        </Button>
        <Button
          size="small"
          disabled={!selected}
          onClick={() => selected && copyColumn(selected.col)}
          data-testid="sql-copy-column"
        >
          {t('sql.grid.copyColumn')}
        </Button>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => exportAs('csv')}
          data-testid="sql-export-csv"
        >
          CSV
        </Button>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => exportAs('json')}
          data-testid="sql-export-json"
        >
          JSON
        </Button>
      </Flex>
      <Dropdown trigger={['contextMenu']} menu={{ items: menu, onClick: onMenu }}>
        <div style={{ flex: 1, minHeight: 120, position: 'relative' }}>
          <GridBody
            columns={columns}
            rows={rows}
            order={order}
            count={count}
            widths={widths}
            version={version}
            sort={sort}
            selected={selected}
            onSelect={setSelected}
            onSort={(c) => setSort((s) => nextSort(s, c))}
            onCellMenu={setMenuCell}
            onCopy={() => selected && copyCell(selected)}
          />
        </div>
      </Dropdown>
    </Flex>
  );
}
