import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigFile, maskSecrets, parseConfigText, resolveConfig } from '../src/config';

// config.example.yaml is the configuration's documentation: it must be a config the BFF accepts,
// and it must mention every key the config schema knows (a new key without a line there fails here).

const PATH = fileURLToPath(new URL('../../../config.example.yaml', import.meta.url));
const TEXT = readFileSync(PATH, 'utf8');
const ENV = {
  VTGATE_PASSWORD: 'vtgate-app-password',
  VTGATE_DBA_PASSWORD: 'vtgate-dba-password',
  ROUTER_PASSWORD: 'router-password',
  VTDECK_SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
  OIDC_CLIENT_SECRET: 'oidc-client-secret',
  METRICS_TOKEN: 'a-metrics-token-of-16-chars',
};

/** Every key path of a schema: `clusters[].vtctld.url`, `monitor.thresholds.podsFailed.red`... */
function keyPaths(schema: Record<string, unknown>, at = ''): string[] {
  const items = schema.items as Record<string, unknown> | undefined;
  if (items) return keyPaths(items, `${at}[]`);
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties) return [];
  return Object.entries(properties).flatMap(([key, child]) => {
    const path = at ? `${at}.${key}` : key;
    return [path, ...keyPaths(child, path)];
  });
}

describe('config.example.yaml', () => {
  it('is a valid configuration, with its secrets from the environment', () => {
    const config = resolveConfig(parseConfigText(TEXT, PATH), ENV);
    expect(config.clusters.map((c) => [c.name, c.default])).toEqual([
      ['prod', true],
      ['staging', false],
    ]);
    expect(config.clusters[0]?.routers[0]?.password).toBe(ENV.ROUTER_PASSWORD);
    expect(config.auth.session.secrets).toEqual([ENV.VTDECK_SESSION_SECRET]);
    expect(config.server.shutdownTimeoutMs).toBe(10_000);
    const printed = JSON.stringify(maskSecrets(config));
    for (const secret of Object.values(ENV)) expect(printed).not.toContain(secret);
  });

  it('mentions every key of the config schema', () => {
    const paths = keyPaths(ConfigFile as unknown as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(60);
    const undocumented = paths.filter((path) => {
      const key = path.split('.').at(-1)!.replace('[]', '');
      return !new RegExp(`(^|[\\s{,#])${key}:`, 'm').test(TEXT);
    });
    expect(undocumented).toEqual([]);
  });
});
