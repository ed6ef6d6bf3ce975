import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { type MouseEvent, type KeyboardEvent as ReactKeyboardEvent, useEffect, useRef } from 'react';
import { isNumericColumn } from '../lib/cells';
import type { SortSpec } from '../lib/gridView';
import { CellContent } from './CellContent';

export const ROW_HEIGHT = 28;
const HEAD_HEIGHT = 40;
const NUM_WIDTH = 64;

export interface CellRef {
  /** Position in the view (sorted, filtered). */
  row: number;
  col: number;
}

export interface GridBodyProps {
  columns: SqlColumn[];
  rows: readonly SqlCell[][];
  /** View position → index in `rows`; undefined = as received. */
  order: readonly number[] | undefined;
  count: number;
  widths: number[];
  /** Bumped when rows were appended: the virtualizer must see the new count. */
  version: number;
  sort: SortSpec | undefined;
  selected: CellRef | null;
  onSelect(cell: CellRef): void;
  onSort(column: number): void;
  onCellMenu(cell: CellRef): void;
  onCopy(): void;
}

function cellOf(e: MouseEvent): CellRef | null {
  const el = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
  if (!el) return null;
  return { row: Number(el.dataset.r), col: Number(el.dataset.c) };
}

/**
 * Rows and columns are both virtualized: only the cells in view exist in the DOM, so 100,000
 * rows of 40 columns cost what one screen costs. Widths are fixed per column (no measuring).
 */
export function GridBody(p: GridBodyProps) {
  const scroll = useRef<HTMLDivElement>(null);
  const rowV = useVirtualizer({
    count: p.count,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: p.columns.length,
    getScrollElement: () => scroll.current,
    estimateSize: (i) => p.widths[i] ?? 120,
    overscan: 4,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: widths are decided once the first rows arrive.
  useEffect(() => colV.measure(), [p.widths]);

  const totalWidth = NUM_WIDTH + colV.getTotalSize();
  const cols = colV.getVirtualItems();

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const s = p.selected;
    if ((e.ctrlKey || e.metaKey) && e.key === 'c') {
      e.preventDefault();
      p.onCopy();
      return;
    }
    if (!s) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const next = {
      row: Math.max(0, Math.min(p.count - 1, s.row + m[0])),
      col: Math.max(0, Math.min(p.columns.length - 1, s.col + m[1])),
    };
    p.onSelect(next);
    rowV.scrollToIndex(next.row);
    colV.scrollToIndex(next.col);
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualized grid places its cells absolutely; table elements cannot be laid out that way
    <div
      ref={scroll}
      className="vt-sql-grid"
      role="grid"
      aria-rowcount={p.count}
      aria-colcount={p.columns.length}
      tabIndex={0}
      data-testid="sql-grid"
      data-version={p.version}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        const c = cellOf(e);
        if (c) p.onSelect(c);
      }}
      onContextMenu={(e) => {
        const c = cellOf(e);
        if (c) {
          p.onSelect(c);
          p.onCellMenu(c);
        }
      }}
    >
      <div style={{ width: totalWidth, height: HEAD_HEIGHT + rowV.getTotalSize(), position: 'relative' }}>
        {/* biome-ignore lint/a11y/useSemanticElements: a virtualized grid places its cells absolutely; table elements cannot be laid out that way */}
        <div
          className="vt-sql-grid-head"
          style={{ width: totalWidth, height: HEAD_HEIGHT }}
          role="row"
          tabIndex={-1}
        >
          <div className="vt-sql-grid-th vt-sql-grid-num" style={{ width: NUM_WIDTH, height: HEAD_HEIGHT }}>
            #
          </div>
          {cols.map((vc) => {
            const col = p.columns[vc.index] as SqlColumn;
            const dir = p.sort?.column === vc.index ? p.sort.dir : undefined;
            return (
              // biome-ignore lint/a11y/useSemanticElements: a virtualized grid places its cells absolutely; table elements cannot be laid out that way
              <div
                key={vc.key}
                role="columnheader"
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    p.onSort(vc.index);
                  }
                }}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                className="vt-sql-grid-th"
                data-testid="sql-grid-header"
                style={{ left: NUM_WIDTH + vc.start, width: vc.size, height: HEAD_HEIGHT }}
                title={`${col.name} ${col.type}`}
                onClick={() => p.onSort(vc.index)}
              >
                <span>
                  {col.name}{' '}
                  {dir === 'asc' ? <ArrowUpOutlined /> : dir === 'desc' ? <ArrowDownOutlined /> : null}
                </span>
                <small>{col.type.toLowerCase()}</small>
              </div>
            );
          })}
        </div>
        {rowV.getVirtualItems().map((vr) => {
          const rowIndex = p.order ? (p.order[vr.index] as number) : vr.index;
          const row = p.rows[rowIndex] ?? [];
          return (
            // biome-ignore lint/a11y/useSemanticElements: a virtualized grid places its cells absolutely; table elements cannot be laid out that way
            <div
              key={vr.key}
              role="row"
              tabIndex={-1}
              className="vt-sql-grid-row"
              data-testid="sql-grid-row"
              style={{ top: HEAD_HEIGHT + vr.start, height: ROW_HEIGHT, width: totalWidth }}
            >
              <div
                className="vt-sql-grid-td vt-sql-grid-num"
                style={{ width: NUM_WIDTH, height: ROW_HEIGHT }}
              >
                {vr.index + 1}
              </div>
              {cols.map((vc) => {
                const col = p.columns[vc.index];
                const selected = p.selected?.row === vr.index && p.selected.col === vc.index;
                return (
                  // biome-ignore lint/a11y/useSemanticElements: a virtualized grid places its cells absolutely; table elements cannot be laid out that way
                  <div
                    key={vc.key}
                    role="gridcell"
                    tabIndex={-1}
                    data-r={vr.index}
                    data-c={vc.index}
                    className={`vt-sql-grid-td${isNumericColumn(col) ? ' is-num' : ''}${selected ? ' is-selected' : ''}`}
                    style={{ left: NUM_WIDTH + vc.start, width: vc.size, height: ROW_HEIGHT }}
                  >
                    <CellContent cell={row[vc.index]} column={col} />
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
