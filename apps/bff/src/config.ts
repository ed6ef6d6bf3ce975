// Every setting of the BFF: a config file (YAML or JSON; path from --config or VTDECK_CONFIG), then
// environment overrides, validated once at start. A bad setting stops the process with a message
// that names the key, e.g. `config: clusters[1].vtctld.url must be an http(s) URL`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { parse as parseYaml } from 'yaml';
import { type AuthSettings, AuthSettingsSchema, resolveAuthSettings } from './auth/settings';
import { AuthConfigError } from './auth/users';
import {
  MonitorConfigError,
  type MonitorSettings,
  MonitorSettingsSchema,
  resolveMonitorSettings,
} from './monitor/settings';

const NAME_PATTERN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
// `x-error` replaces the validator's generic wording for keys whose rule is not obvious.
const Url = Type.String({ pattern: '^https?://[^\\s/?#]+', 'x-error': 'must be an http(s) URL' });
const Millis = Type.Integer({ minimum: 1, maximum: 3_600_000 });

const VtctldSettings = Type.Object(
  {
    url: Url,
    timeoutMs: Type.Optional(Millis),
    commandTimeoutMs: Type.Optional(Millis),
    connections: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
  },
  { additionalProperties: false },
);

// Placeholders for later issues: typed and validated now so configs written today stay valid.
const KubernetesSettings = Type.Object(
  {
    kubeconfig: Type.Optional(Type.String()),
    context: Type.Optional(Type.String()),
    inCluster: Type.Optional(Type.Boolean()),
    namespace: Type.Optional(Type.String()),
    timeoutMs: Type.Optional(Millis),
  },
  { additionalProperties: false },
);
const MysqlUrl = Type.String({
  pattern: '^mysql://[^\\s/?#]+',
  'x-error': 'must be a mysql:// URL, e.g. mysql://user:password@vtgate:3306',
});
// vtgate's MySQL port. `flavor: mysql` is for a plain MySQL/MariaDB standing in for vtgate (the
// sandbox): it does not understand `USE ks@replica`, so the target is sent as plain `USE ks`.
const VtgateSettings = Type.Object(
  {
    url: MysqlUrl,
    dbaUrl: Type.Optional(MysqlUrl),
    poolSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
    flavor: Type.Optional(Type.String({ pattern: '^(vitess|mysql)$', 'x-error': 'must be vitess or mysql' })),
    connectTimeoutMs: Type.Optional(Millis),
  },
  { additionalProperties: false },
);
// The SQL console's limits, for every cluster.
const SqlSettings = Type.Object(
  {
    defaultLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    defaultMaxRows: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    defaultTimeoutMs: Type.Optional(Millis),
    maxTimeoutMs: Type.Optional(Millis),
    /** Why no vtgate is configured (the sandbox without mariadbd): the SQL routes answer 503 with it. */
    unavailableMessage: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
const RouterSettings = Type.Object(
  {
    name: Type.String({ pattern: NAME_PATTERN, 'x-error': 'must be a lower-case DNS label' }),
    url: Url,
    user: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    ca: Type.Optional(Type.String()),
    insecure: Type.Optional(Type.Boolean()),
    timeoutMs: Type.Optional(Millis),
  },
  { additionalProperties: false },
);

const ClusterSettings = Type.Object(
  {
    name: Type.String({ pattern: NAME_PATTERN, 'x-error': 'must be a lower-case DNS label, e.g. prod' }),
    title: Type.Optional(Type.String({ minLength: 1 })),
    default: Type.Optional(Type.Boolean()),
    vtctld: VtctldSettings,
    kubernetes: Type.Optional(KubernetesSettings),
    vtgate: Type.Optional(VtgateSettings),
    routers: Type.Optional(Type.Array(RouterSettings)),
  },
  { additionalProperties: false },
);

export const ConfigFile = Type.Object(
  {
    server: Type.Optional(
      Type.Object(
        {
          host: Type.Optional(Type.String({ minLength: 1 })),
          port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
          // How long SIGTERM waits for in-flight requests before cutting the connections left.
          shutdownTimeoutMs: Type.Optional(Millis),
        },
        { additionalProperties: false },
      ),
    ),
    logLevel: Type.Optional(
      Type.String({
        pattern: '^(fatal|error|warn|info|debug|trace|silent)$',
        'x-error': 'must be one of fatal, error, warn, info, debug, trace, silent',
      }),
    ),
    clusters: Type.Optional(Type.Array(ClusterSettings)),
    topology: Type.Optional(
      Type.Object(
        {
          cacheTtlMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
          concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
        },
        { additionalProperties: false },
      ),
    ),
    web: Type.Optional(
      Type.Object({ distDir: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
    // How the BFF polls MySQL Routers (defaults: 5 s, 720 samples = 1 h, connections 10 s, idle 30 s).
    routerPolling: Type.Optional(
      Type.Object(
        {
          intervalMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
          historySize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          connectionsIntervalMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
          connectionsIdleMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 3_600_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    sql: Type.Optional(SqlSettings),
    auth: Type.Optional(AuthSettingsSchema),
    // The monitoring wall and /metrics (monitor/settings.ts): poll interval, staleness, thresholds.
    monitor: Type.Optional(MonitorSettingsSchema),
  },
  { additionalProperties: false },
);
export type ConfigFile = Static<typeof ConfigFile>;

export interface VtctldConfig {
  url: string;
  timeoutMs: number;
  commandTimeoutMs: number;
  connections: number;
}

export interface ClusterConfig {
  name: string;
  title: string;
  default: boolean;
  vtctld: VtctldConfig;
  kubernetes?: Static<typeof KubernetesSettings>;
  vtgate?: VtgateConfig;
  routers: Static<typeof RouterSettings>[];
}

/** The effective configuration: every default applied, exactly one default cluster. */
export interface AppConfig {
  server: { host: string; port: number; shutdownTimeoutMs: number };
  logLevel: string;
  clusters: ClusterConfig[];
  topology: { cacheTtlMs: number; concurrency: number };
  web: { distDir: string };
  /** Overrides of the Router pollers' defaults (aggregate/routers). */
  routerPolling?: NonNullable<ConfigFile['routerPolling']>;
  sql: SqlConfig;
  /** sandbox mode: demo users and token on top of the file's, no sign-in setup required */
  sandbox: boolean;
  auth: AuthSettings;
  monitor: MonitorSettings;
}

export interface ResolveOptions {
  sandbox?: boolean;
  /** base of a relative audit log path; default process.cwd() */
  cwd?: string;
}

export interface VtgateConfig {
  url: string;
  dbaUrl?: string;
  poolSize: number;
  flavor: 'vitess' | 'mysql';
  connectTimeoutMs: number;
}

export interface SqlConfig {
  defaultLimit: number;
  defaultMaxRows: number;
  maxRows: number;
  defaultTimeoutMs: number;
  maxTimeoutMs: number;
  unavailableMessage?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEFAULT_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const checkFile = Compile(ConfigFile);

/** Parses a config file's text; `source` names the file in errors. */
export function parseConfigText(text: string, source: string): unknown {
  try {
    return source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(
      `config: ${source} is not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    );
  }
}

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`config: cannot read ${path}: ${(err as Error).message}`);
  }
  return parseConfigText(text, path) ?? {};
}

/**
 * Validates a parsed config file, applies env overrides (PORT, HOST, VTCTLD_URL, VTGATE_MYSQL_URL, LOG_LEVEL,
 * VTDECK_AUDIT_LOG, VTDECK_SESSION_SECRET, and `${NAME}` in any string value) and defaults; `options.sandbox`
 * adds the demo users. Throws ConfigError naming the first bad key.
 */
export function resolveConfig(
  file: unknown,
  env: NodeJS.ProcessEnv = {},
  options: ResolveOptions = {},
): AppConfig {
  const raw = interpolateEnv(structuredClone(file ?? {}), env, '') as ConfigFile;
  applyEnv(raw, env);
  const first = checkFile.Errors(raw)[0];
  if (first) throw new ConfigError(`config: ${describeError(first)}`);
  const config = withDefaults(raw);
  const sandbox = options.sandbox ?? false;
  try {
    const auth = resolveAuthSettings(raw.auth, { sandbox, env, cwd: options.cwd });
    return { ...config, sandbox, auth };
  } catch (err) {
    if (err instanceof AuthConfigError) throw new ConfigError(`config: ${err.problems.join('; ')}`);
    throw err;
  }
}

/**
 * `${NAME}` in a string value is the environment variable NAME (a Kubernetes Secret passed as env, say),
 * `$${` a literal `${`. An unset variable is an error naming the key, never an empty password.
 */
function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, at: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      const set = env[name];
      if (set === undefined) {
        throw new ConfigError(`config: ${at || '(top level)'} uses \${${name}}, but ${name} is not set`);
      }
      return set;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, at ? `${at}.${k}` : k)]),
    );
  }
  return value;
}

function applyEnv(raw: ConfigFile, env: NodeJS.ProcessEnv): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  if (env.PORT !== undefined || env.HOST !== undefined) raw.server = { ...raw.server };
  if (env.PORT !== undefined) {
    if (!/^\d+$/.test(env.PORT))
      throw new ConfigError(`config: PORT must be a port number, got "${env.PORT}"`);
    raw.server!.port = Number(env.PORT);
  }
  if (env.HOST !== undefined) raw.server!.host = env.HOST;
  if (env.LOG_LEVEL !== undefined) (raw as Record<string, unknown>).logLevel = env.LOG_LEVEL;
  if (env.VTCTLD_URL) {
    // VTCTLD_URL points the default cluster at a vtctld, creating a cluster "default" if none is set.
    const clusters = Array.isArray(raw.clusters) ? raw.clusters : [];
    const target = clusters.find((c) => c?.default) ?? clusters[0];
    if (target && typeof target === 'object') target.vtctld = { ...target.vtctld, url: env.VTCTLD_URL };
    else raw.clusters = [{ name: 'default', default: true, vtctld: { url: env.VTCTLD_URL } }];
  }
  if (env.VTGATE_MYSQL_URL) {
    // VTGATE_MYSQL_URL gives the default cluster its vtgate (other vtgate settings stay).
    const clusters = Array.isArray(raw.clusters) ? raw.clusters : [];
    const target = clusters.find((c) => c?.default) ?? clusters[0];
    if (target && typeof target === 'object') target.vtgate = { ...target.vtgate, url: env.VTGATE_MYSQL_URL };
  }
}

function withDefaults(raw: ConfigFile): Omit<AppConfig, 'sandbox' | 'auth'> {
  const clusters = raw.clusters ?? [];
  if (clusters.length === 0) {
    throw new ConfigError(
      'config: clusters must name at least one cluster (or set VTCTLD_URL, or use --sandbox)',
    );
  }
  const seen = new Set<string>();
  clusters.forEach((c, i) => {
    if (seen.has(c.name)) throw new ConfigError(`config: clusters[${i}].name "${c.name}" is used twice`);
    seen.add(c.name);
    try {
      new URL(c.vtctld.url);
    } catch {
      throw new ConfigError(`config: clusters[${i}].vtctld.url must be an http(s) URL`);
    }
  });
  const defaults = clusters.flatMap((c, i) => (c.default ? [i] : []));
  if (defaults.length > 1) {
    throw new ConfigError(`config: clusters[${defaults[1]}].default: only one cluster may be the default`);
  }
  const defaultIndex = defaults[0] ?? 0;
  return {
    server: {
      host: raw.server?.host ?? '127.0.0.1',
      port: raw.server?.port ?? 8080,
      shutdownTimeoutMs: raw.server?.shutdownTimeoutMs ?? 10_000,
    },
    logLevel: raw.logLevel ?? 'info',
    clusters: clusters.map((c, i) => ({
      name: c.name,
      title: c.title ?? c.name,
      default: i === defaultIndex,
      vtctld: {
        url: c.vtctld.url,
        timeoutMs: c.vtctld.timeoutMs ?? 5_000,
        commandTimeoutMs: c.vtctld.commandTimeoutMs ?? 120_000,
        connections: c.vtctld.connections ?? 32,
      },
      ...(c.kubernetes ? { kubernetes: c.kubernetes } : {}),
      ...(c.vtgate ? { vtgate: vtgateDefaults(c.vtgate) } : {}),
      routers: c.routers ?? [],
    })),
    topology: { cacheTtlMs: raw.topology?.cacheTtlMs ?? 2_000, concurrency: raw.topology?.concurrency ?? 32 },
    web: { distDir: raw.web?.distDir ?? DEFAULT_DIST },
    ...(raw.routerPolling ? { routerPolling: raw.routerPolling } : {}),
    sql: sqlDefaults(raw.sql ?? {}),
    monitor: monitorDefaults(raw.monitor),
  };
}

function monitorDefaults(m: ConfigFile['monitor']): MonitorSettings {
  try {
    return resolveMonitorSettings(m);
  } catch (err) {
    if (err instanceof MonitorConfigError) throw new ConfigError(`config: ${err.message}`);
    throw err;
  }
}

function vtgateDefaults(v: Static<typeof VtgateSettings>): VtgateConfig {
  return {
    url: v.url,
    ...(v.dbaUrl ? { dbaUrl: v.dbaUrl } : {}),
    poolSize: v.poolSize ?? 10,
    flavor: v.flavor === 'mysql' ? 'mysql' : 'vitess',
    connectTimeoutMs: v.connectTimeoutMs ?? 5_000,
  };
}

function sqlDefaults(s: Static<typeof SqlSettings>): SqlConfig {
  const maxRows = s.maxRows ?? 1_000_000;
  const maxTimeoutMs = s.maxTimeoutMs ?? 3_600_000;
  return {
    defaultLimit: s.defaultLimit ?? 1_000,
    defaultMaxRows: Math.min(s.defaultMaxRows ?? 10_000, maxRows),
    maxRows,
    defaultTimeoutMs: Math.min(s.defaultTimeoutMs ?? 300_000, maxTimeoutMs),
    maxTimeoutMs,
    ...(s.unavailableMessage ? { unavailableMessage: s.unavailableMessage } : {}),
  };
}

interface ValidationError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** `/clusters/1/vtctld/url` → `clusters[1].vtctld.url`. */
export function keyPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describeError(error: ValidationError): string {
  const at = keyPath(error.instancePath);
  const join = (key: string) => (at ? `${at}.${key}` : key);
  if (error.keyword === 'required') {
    const missing = (error.params.requiredProperties as string[] | undefined) ?? [];
    return `${join(missing[0] ?? '?')} is required`;
  }
  if (error.keyword === 'boolean' || error.keyword === 'additionalProperties')
    return `${at || '(top level)'} is not a known key`;
  const custom = schemaAt(error.schemaPath)?.['x-error'];
  return `${at || '(top level)'} ${typeof custom === 'string' ? custom : error.message}`;
}

function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = ConfigFile;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return node as Record<string, unknown> | undefined;
}

const SECRET_KEY = /pass(word)?|secret|token|credential|private/i;

/** The config as --print-config shows it: secrets and URL passwords replaced by "***". */
export function maskSecrets<T>(value: T): T {
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    if (typeof v !== 'string') return v;
    if (SECRET_KEY.test(key)) return '***';
    // Any scheme: mysql://user:password@vtgate carries one too.
    return v.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^/\s]*@/i, '$1***@');
  };
  return walk(value, '') as T;
}
