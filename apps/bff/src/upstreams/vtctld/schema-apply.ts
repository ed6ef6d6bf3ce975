// `POST /api/schema/apply` answers 200 and streams plain text even when the change fails
// (reference 2.9): the status is committed with the first line. The only way to know the outcome is
// to read the markers vtctld writes, in order: OnReadSuccess → OnValidation{Success,Fail} →
// "Executor succeeds: {json}" (printed even when execution failed) → "schema change failed, …".
// Anything else after OnReadSuccess is an error vtctld appended (missing master, unknown keyspace…).

export interface ExecuteResult {
  FailedShards: { Shard: string; Err: string }[] | null;
  SuccessShards: { Shard: string }[] | null;
  CurSQLIndex: number;
  Sqls: string[] | null;
  ExecutorErr: string;
  TotalTimeSpent: number;
}

export type SchemaApplyStage = 'read' | 'open' | 'validation' | 'execution' | 'done';

export interface SchemaApplyOutcome {
  ok: boolean;
  /** "" when ok, else the failure vtctld reported, in its own words. */
  error: string;
  /** The step that failed, or 'done'. */
  stage: SchemaApplyStage;
  sqls: string[];
  result: ExecuteResult | null;
  /** The text exactly as vtctld sent it: what the seed route returns as Output. */
  text: string;
}

const READ = 'OnReadSuccess, sqls: [';
const VALIDATION_FAIL = 'OnValidationFail, error: ';
const VALIDATION_OK = 'OnValidationSuccess, sqls: [';
const EXECUTED = 'Executor succeeds: ';
const FAILED = 'schema change failed, ExecuteResult: ';
const BENIGN_LOG = /^[IW]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} \S+:\d+\] .*$/gm;

/** vtctld's own split: on `;`, trimmed, empties dropped. */
export function splitSql(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads vtctld's schema/apply text. `sentSql`, when given, lets the parser skip the SQL echoes
 * exactly, since statements may themselves contain newlines or `]`.
 */
export function parseSchemaApplyOutput(text: string, sentSql?: string): SchemaApplyOutcome {
  const sqls = sentSql === undefined ? undefined : splitSql(sentSql);
  const done = (
    stage: SchemaApplyStage,
    error: string,
    result: ExecuteResult | null = null,
  ): SchemaApplyOutcome => ({
    ok: error === '',
    error,
    stage: error === '' ? 'done' : stage,
    sqls: sqls ?? result?.Sqls ?? [],
    result,
    text,
  });

  const read = text.indexOf(READ);
  if (read < 0) return done('read', firstLine(text) || 'vtctld sent an empty answer');
  let pos = skipEcho(text, read + READ.length, sqls);

  const validationFail = text.indexOf(VALIDATION_FAIL, pos);
  const validationOk = text.indexOf(VALIDATION_OK, pos);
  if (validationFail >= 0 && (validationOk < 0 || validationFail < validationOk)) {
    return done('validation', dedupeRepeated(text.slice(validationFail + VALIDATION_FAIL.length)));
  }
  if (validationOk < 0) {
    const leftover = errorLines(text.slice(pos));
    if (leftover) return done('open', leftover);
    const nothingToDo = sqls ? sqls.length === 0 : text.slice(read + READ.length, pos).trim() === ']';
    return done('open', nothingToDo ? '' : 'vtctld ended the answer before validating the change');
  }
  pos = skipEcho(text, validationOk + VALIDATION_OK.length, sqls);

  const executed = text.indexOf(EXECUTED, pos);
  if (executed < 0) {
    return done(
      'execution',
      errorLines(text.slice(pos)) || 'vtctld ended the answer before executing the change',
    );
  }
  const json = scanJsonObject(text, executed + EXECUTED.length);
  if (!json) return done('execution', 'vtctld sent an unreadable executor result');
  const result = json.value as ExecuteResult;
  let tail = text.slice(json.end);
  const failedAt = tail.indexOf(FAILED);
  if (failedAt >= 0) {
    const block = scanJsonObject(tail, failedAt + FAILED.length);
    tail = tail.slice(0, failedAt) + (block ? tail.slice(block.end) : '');
  }
  const problems = [
    result.ExecutorErr,
    ...(result.FailedShards ?? []).map((f) => `shard ${f.Shard}: ${f.Err}`),
    errorLines(tail),
  ].filter(Boolean);
  if (problems.length === 0 && failedAt >= 0) problems.push('schema change failed');
  return done('execution', [...new Set(problems)].join('; '), result);
}

/** Skips the `%v` echo of the statements, which ends with `]` and a newline. */
function skipEcho(text: string, start: number, sqls: string[] | undefined): number {
  const echo = sqls ? `${sqls.join(' ')}]` : undefined;
  let end: number;
  if (echo !== undefined && text.startsWith(echo, start)) end = start + echo.length;
  else {
    const close = text.indexOf(']\n', start);
    end = close < 0 ? text.length : close + 1;
  }
  return text[end] === '\n' ? end + 1 : end;
}

/** What is left once benign log lines are gone; E-lines stay, they are errors. */
function errorLines(text: string): string {
  return text
    .replace(BENIGN_LOG, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** After OnValidationFail vtctld writes the error twice (the marker, then http.Error). */
function dedupeRepeated(rest: string): string {
  const t = rest.replace(/\s+$/, '');
  const half = (t.length - 1) / 2;
  if (Number.isInteger(half) && t[half] === '\n' && t.slice(0, half) === t.slice(half + 1))
    return t.slice(0, half);
  return t;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? ''
  );
}

/** Finds the JSON object starting at `start` (after optional spaces), honouring strings. */
export function scanJsonObject(text: string, start: number): { value: unknown; end: number } | null {
  let i = start;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  if (text[i] !== '{') return null;
  let depth = 0;
  let inString = false;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        try {
          return { value: JSON.parse(text.slice(i, j + 1)), end: j + 1 };
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}
