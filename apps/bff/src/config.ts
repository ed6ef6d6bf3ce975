// Every setting of the BFF: a config file (YAML or JSON; path from --config or VTDECK_CONFIG), then
// environment overrides, validated once at start. A bad setting stops the process with a message
// that names the key, e.g. `config: clusters[1].vtctld.url must be an http(s) URL`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { parse as parseYaml } from 'yaml';

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
  },
  { additionalProperties: false },
);
const VtgateSettings = Type.Object({ mysqlUrl: Type.String() }, { additionalProperties: false });
const RouterSettings = Type.Object(
  {
    name: Type.String({ pattern: NAME_PATTERN, 'x-error': 'must be a lower-case DNS label' }),
    url: Url,
    user: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    ca: Type.Optional(Type.String()),
    insecure: Type.Optional(Type.Boolean()),
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
  vtgate?: Static<typeof VtgateSettings>;
  routers: Static<typeof RouterSettings>[];
}

/** The effective configuration: every default applied, exactly one default cluster. */
export interface AppConfig {
  server: { host: string; port: number };
  logLevel: string;
  clusters: ClusterConfig[];
  topology: { cacheTtlMs: number; concurrency: number };
  web: { distDir: string };
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
 * Validates a parsed config file, applies env overrides (PORT, HOST, VTCTLD_URL, LOG_LEVEL) and
 * defaults. Throws ConfigError naming the first bad key.
 */
export function resolveConfig(file: unknown, env: NodeJS.ProcessEnv = {}): AppConfig {
  const raw = structuredClone(file ?? {}) as ConfigFile;
  applyEnv(raw, env);
  const first = checkFile.Errors(raw)[0];
  if (first) throw new ConfigError(`config: ${describeError(first)}`);
  return withDefaults(raw);
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
}

function withDefaults(raw: ConfigFile): AppConfig {
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
    server: { host: raw.server?.host ?? '127.0.0.1', port: raw.server?.port ?? 8080 },
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
      ...(c.vtgate ? { vtgate: c.vtgate } : {}),
      routers: c.routers ?? [],
    })),
    topology: { cacheTtlMs: raw.topology?.cacheTtlMs ?? 2_000, concurrency: raw.topology?.concurrency ?? 32 },
    web: { distDir: raw.web?.distDir ?? DEFAULT_DIST },
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
    return v.replace(/^(https?:\/\/[^:/@\s]+:)[^@/\s]+@/, '$1***@');
  };
  return walk(value, '') as T;
}
