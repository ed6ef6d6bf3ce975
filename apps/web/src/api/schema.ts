import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, ClientCodes } from './errors';
import { topologyKeys } from './topologyKeys';
import { runVtctl } from './vtctl';

/** One entry of `table_definitions` in vtctl's `GetSchema` output (jsonpb, original field names). */
export interface TableDefinition {
  name: string;
  schema: string;
  columns: string[];
  primaryKeyColumns: string[];
  type: string;
  dataLength: number;
  rowCount: number;
}

export interface TabletSchema {
  databaseSchema: string;
  tables: TableDefinition[];
  version: string;
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
// uint64 fields arrive quoted ("16384"); numbers are accepted too.
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);

/** Parses `GetSchema <alias>` output; anything that is not the expected JSON is a bad response, not a crash. */
export function parseSchemaOutput(output: string): TabletSchema {
  let raw: Raw;
  try {
    raw = JSON.parse(output) as Raw;
  } catch {
    throw new ApiError({
      status: 200,
      code: ClientCodes.badResponse,
      message: 'GetSchema did not print JSON',
      source: 'vtctld',
      output,
    });
  }
  const defs = Array.isArray(raw.table_definitions) ? (raw.table_definitions as Raw[]) : [];
  return {
    databaseSchema: str(raw.database_schema),
    version: str(raw.version),
    tables: defs.map((d) => ({
      name: str(d.name),
      schema: str(d.schema),
      columns: strs(d.columns),
      primaryKeyColumns: strs(d.primary_key_columns),
      type: str(d.type),
      dataLength: num(d.data_length),
      rowCount: num(d.row_count),
    })),
  };
}

export const tabletSchemaQueryOptions = (cluster: string, alias: string) =>
  queryOptions({
    queryKey: topologyKeys.schema(cluster, alias),
    queryFn: async ({ signal }) =>
      parseSchemaOutput((await runVtctl(cluster, ['GetSchema', alias], signal)).Output),
    staleTime: 30_000,
  });

export function useTabletSchema(cluster: string, alias: string) {
  return useQuery(tabletSchemaQueryOptions(cluster, alias));
}
