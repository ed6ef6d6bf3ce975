import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { Popover, Typography } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cellView, hexPreview, isJsonColumn, POPOVER_BYTES } from '../lib/cells';

/** Rendered only when its popover opens: pretty-printing is not done for every visible cell. */
function Detail({ cell, column }: { cell: SqlCell; column: SqlColumn | undefined }) {
  const { t } = useTranslation();
  const v = cellView(cell, column);
  if (v.kind === 'json') {
    return (
      <pre className="vt-sql-popover-pre" data-testid="sql-cell-json">
        {v.pretty}
      </pre>
    );
  }
  if (v.kind === 'binary') {
    const groups = v.hex.match(/.{1,32}/g) ?? [];
    return (
      <div data-testid="sql-cell-binary">
        <Typography.Text type="secondary">{t('sql.cell.bytes', { count: v.bytes })}</Typography.Text>
        <pre className="vt-sql-popover-pre">
          {groups.map((g) => g.replace(/(..)/g, '$1 ').trim()).join('\n')}
        </pre>
        {v.bytes > POPOVER_BYTES ? (
          <Typography.Text type="secondary">{t('sql.cell.hexCut', { count: POPOVER_BYTES })}</Typography.Text>
        ) : null}
      </div>
    );
  }
  return null;
}

/** JSON-looking text cheaply: the full parse waits for the popover. */
const jsonish = (s: string, col: SqlColumn | undefined) => isJsonColumn(col) || /^\s*[[{]/.test(s);

/** One grid cell. NULL is a badge, never the text "NULL"; binary shows its first bytes in hex. */
export const CellContent = memo(function CellContent({
  cell,
  column,
}: {
  cell: SqlCell | undefined;
  column?: SqlColumn;
}) {
  if (cell === null || cell === undefined) {
    return (
      <span className="vt-sql-null" data-testid="sql-null">
        NULL
      </span>
    );
  }
  if (typeof cell === 'object') {
    return (
      <Popover trigger="click" content={<Detail cell={cell} column={column} />} destroyOnHidden>
        <span className="vt-sql-binary" data-testid="sql-binary">
          {hexPreview(cell.base64)}
        </span>
      </Popover>
    );
  }
  if (jsonish(cell, column) && cellView(cell, column).kind === 'json') {
    return (
      <Popover trigger="click" content={<Detail cell={cell} column={column} />} destroyOnHidden>
        <span className="vt-sql-json" data-testid="sql-json">
          {cell}
        </span>
      </Popover>
    );
  }
  return <>{cell}</>;
});
