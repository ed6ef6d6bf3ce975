import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { cellText, isNumericColumn } from './cells';

export interface SortSpec {
  column: number;
  dir: 'asc' | 'desc';
}

export interface ViewSpec {
  sort?: SortSpec;
  /** Case-insensitive substring, over every column or only `filterColumn`. */
  filter?: string;
  filterColumn?: number;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareNumbers(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return collator.compare(a, b);
  return x - y;
}

/** NULL sorts first ascending, as in MySQL. */
function comparator(col: SqlColumn | undefined, index: number) {
  const numeric = isNumericColumn(col);
  return (a: readonly SqlCell[], b: readonly SqlCell[]): number => {
    const x = cellText(a[index]);
    const y = cellText(b[index]);
    if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
    return numeric ? compareNumbers(x, y) : collator.compare(x, y);
  };
}

function matches(row: readonly SqlCell[], needle: string, column: number | undefined): boolean {
  if (column !== undefined) return (cellText(row[column]) ?? 'NULL').toLowerCase().includes(needle);
  for (const cell of row) if ((cellText(cell) ?? 'NULL').toLowerCase().includes(needle)) return true;
  return false;
}

/**
 * The grid's rows as indexes into the received rows, sorted and filtered on the client.
 * `undefined` means "all rows as received": no copy of a 100,000-entry array when nothing is asked.
 */
export function viewOrder(
  columns: SqlColumn[],
  rows: readonly SqlCell[][],
  spec: ViewSpec,
): number[] | undefined {
  const needle = spec.filter?.trim().toLowerCase() ?? '';
  if (!needle && !spec.sort) return undefined;
  let order: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!needle || matches(rows[i] as SqlCell[], needle, spec.filterColumn)) order.push(i);
  }
  if (spec.sort) {
    const { column, dir } = spec.sort;
    const cmp = comparator(columns[column], column);
    const sign = dir === 'asc' ? 1 : -1;
    // Ties keep the order vtgate sent (Array.prototype.sort is stable).
    order = order.sort((a, b) => sign * cmp(rows[a] as SqlCell[], rows[b] as SqlCell[]));
  }
  return order;
}

/** Fixed column widths from the header and the first rows: the grid never measures the DOM. */
export function columnWidths(columns: SqlColumn[], rows: readonly SqlCell[][], sample = 50): number[] {
  return columns.map((col, c) => {
    let longest = col.name.length + 4;
    for (let r = 0; r < Math.min(sample, rows.length); r++) {
      const cell = rows[r]?.[c];
      const len = cell === null || cell === undefined ? 4 : typeof cell === 'object' ? 19 : cell.length;
      if (len > longest) longest = len;
    }
    return Math.min(360, Math.max(72, Math.round(longest * 7.5 + 20)));
  });
}
