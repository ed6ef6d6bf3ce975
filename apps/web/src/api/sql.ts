import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SqlAnalysis,
  SqlCancelResult,
  SqlEvent,
  SqlRequest,
  SqlSchema,
  SqlTabletType,
  StatementAnalysis,
} from '@vtdeck/contracts';
import { ApiError } from './errors';
import { apiFetch, apiStream, enc } from './http';
import { readNdjson } from './sqlStream';

export const sqlKeys = {
  all: ['sql'] as const,
  cluster: (cluster: string) => [...sqlKeys.all, cluster] as const,
  schema: (cluster: string) => [...sqlKeys.cluster(cluster), 'schema'] as const,
  analyze: (cluster: string, req: SqlAnalyzeRequest) =>
    [...sqlKeys.cluster(cluster), 'analyze', req] as const,
};

const base = (cluster: string) => `/api/v2/clusters/${enc(cluster)}/sql`;

export const CONFIRMATION_REQUIRED = 'CONFIRMATION_REQUIRED';

/** A 409: the script holds guarded statements (DROP, TRUNCATE, UPDATE/DELETE without WHERE). */
export class ConfirmationRequiredError extends ApiError {
  readonly statements: StatementAnalysis[];

  constructor(message: string, statements: StatementAnalysis[]) {
    super({ status: 409, code: CONFIRMATION_REQUIRED, message });
    this.statements = statements;
  }
}

export function isConfirmationRequired(err: unknown): err is ConfirmationRequiredError {
  return err instanceof ConfirmationRequiredError;
}

/** A 400 for a script that does not parse, with where it stops parsing (offset in the sent text). */
export class SqlSyntaxError extends ApiError {
  readonly offset: number | undefined;

  constructor(code: string, message: string, offset: number | undefined) {
    super({ status: 400, code, message });
    this.offset = offset;
  }
}

function refine(status: number, body: unknown): ApiError | undefined {
  const b = body as { code?: unknown; message?: unknown; statements?: unknown; parseError?: unknown } | null;
  const message = String(b?.message ?? '');
  if (status === 409 && b?.code === CONFIRMATION_REQUIRED && Array.isArray(b.statements)) {
    return new ConfirmationRequiredError(message, b.statements as StatementAnalysis[]);
  }
  const parseError = b?.parseError as { offset?: unknown } | undefined;
  if (status === 400 && parseError && typeof b?.code === 'string') {
    return new SqlSyntaxError(
      b.code,
      message,
      typeof parseError.offset === 'number' ? parseError.offset : undefined,
    );
  }
  return undefined;
}

/**
 * Runs a script and yields its events as they arrive. Refusals come before the first byte, as
 * errors: `ConfirmationRequiredError` (409), or an `ApiError` (403 denied, 400 bad request...).
 */
export async function* runSql(
  cluster: string,
  req: SqlRequest,
  signal?: AbortSignal,
): AsyncGenerator<SqlEvent> {
  const res = await apiStream(base(cluster), { json: req, signal, refine });
  yield* readNdjson<SqlEvent>(res.body as ReadableStream<Uint8Array>);
}

export interface RunSqlVariables {
  req: SqlRequest;
  /** Called for every event, in order, as it arrives. */
  onEvent: (event: SqlEvent) => void;
  signal?: AbortSignal;
}

// A script that may change tables makes the completion schema stale.
const CHANGES_SCHEMA = /\b(create|alter|drop|rename|truncate)\b/i;

/**
 * Running SQL is a mutation: it may write, and it is never repeated behind the user's back.
 * The events go to `onEvent` (a ref-backed store), not into react-query's cache.
 */
export function useRunSql(cluster: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, RunSqlVariables>({
    mutationFn: async ({ req, onEvent, signal }) => {
      for await (const event of runSql(cluster, req, signal)) onEvent(event);
    },
    onSettled: (_d, _e, { req }) =>
      CHANGES_SCHEMA.test(req.sql)
        ? queryClient.invalidateQueries({ queryKey: sqlKeys.schema(cluster) })
        : undefined,
  });
}

export function cancelSql(cluster: string, id: string): Promise<SqlCancelResult> {
  return apiFetch<SqlCancelResult>(`${base(cluster)}/${enc(id)}/cancel`, { method: 'POST', json: {} });
}

export function fetchSqlSchema(cluster: string, signal?: AbortSignal): Promise<SqlSchema> {
  return apiFetch<SqlSchema>(`${base(cluster)}/schema`, { signal });
}

export const sqlSchemaQueryOptions = (cluster: string) =>
  queryOptions({
    queryKey: sqlKeys.schema(cluster),
    queryFn: ({ signal }) => fetchSqlSchema(cluster, signal),
    // Completion can live with a schema a minute old; a DDL run invalidates it at once.
    staleTime: 60_000,
  });

export function useSqlSchema(cluster: string) {
  return useQuery(sqlSchemaQueryOptions(cluster));
}

export interface SqlAnalyzeRequest {
  keyspace: string;
  sql: string;
  tabletType?: SqlTabletType;
}

export function analyzeSql(
  cluster: string,
  req: SqlAnalyzeRequest,
  signal?: AbortSignal,
): Promise<SqlAnalysis> {
  return apiFetch<SqlAnalysis>(`${base(cluster)}/analyze`, { json: req, signal });
}

/**
 * Analysis only reads (a POST because scripts are long): a query, keyed by its input. The caller
 * debounces the text; the previous answer stays on screen while the next one loads.
 */
export const sqlAnalysisQueryOptions = (cluster: string, req: SqlAnalyzeRequest) =>
  queryOptions({
    queryKey: sqlKeys.analyze(cluster, req),
    queryFn: ({ signal }) => analyzeSql(cluster, req, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });

export function useSqlAnalysis(cluster: string, req: SqlAnalyzeRequest | undefined) {
  const fallback: SqlAnalyzeRequest = { keyspace: '', sql: '' };
  return useQuery({
    ...sqlAnalysisQueryOptions(cluster, req ?? fallback),
    enabled: !!req && !!req.keyspace && !!req.sql.trim(),
    placeholderData: keepPreviousData,
  });
}
