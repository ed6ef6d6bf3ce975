import { describe, expect, it } from 'vitest';
import { ConfigError, maskSecrets, parseConfigText, resolveConfig } from '../src/config';

const cluster = (name: string, url = 'http://127.0.0.1:15000') => ({ name, vtctld: { url } });

describe('config', () => {
  it('applies defaults and picks the first cluster as default', () => {
    const config = resolveConfig({ clusters: [cluster('prod'), cluster('staging')] });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.clusters.map((c) => [c.name, c.default, c.title])).toEqual([
      ['prod', true, 'prod'],
      ['staging', false, 'staging'],
    ]);
    expect(config.clusters[0]?.vtctld).toMatchObject({ timeoutMs: 5000, connections: 32 });
    expect(config.topology).toEqual({ cacheTtlMs: 2000, concurrency: 32 });
  });

  it('names the bad key', () => {
    const bad = (file: unknown) => () => resolveConfig(file);
    expect(bad({ clusters: [cluster('prod'), cluster('staging', 'ftp://x')] })).toThrow(
      'config: clusters[1].vtctld.url must be an http(s) URL',
    );
    expect(bad({ clusters: [{ name: 'prod' }] })).toThrow('config: clusters[0].vtctld is required');
    expect(bad({ clusters: [cluster('Prod')] })).toThrow(
      'config: clusters[0].name must be a lower-case DNS label',
    );
    expect(bad({ clusters: [cluster('prod')], server: { port: 'x' } })).toThrow(
      'config: server.port must be integer',
    );
    expect(bad({ clusters: [cluster('prod')], servre: {} })).toThrow('config: servre is not a known key');
    expect(bad({ clusters: [cluster('a'), cluster('a')] })).toThrow(
      'config: clusters[1].name "a" is used twice',
    );
    expect(bad({})).toThrow(ConfigError);
  });

  it('takes PORT, HOST and VTCTLD_URL from the environment', () => {
    const config = resolveConfig({}, { PORT: '9090', HOST: '0.0.0.0', VTCTLD_URL: 'http://vtctld:15000' });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9090 });
    expect(config.clusters).toMatchObject([
      { name: 'default', default: true, vtctld: { url: 'http://vtctld:15000' } },
    ]);
    const over = resolveConfig(
      { clusters: [cluster('prod'), { ...cluster('staging'), default: true }] },
      {
        VTCTLD_URL: 'http://other:1',
      },
    );
    expect(over.clusters[1]?.vtctld.url).toBe('http://other:1');
    expect(() => resolveConfig({}, { PORT: 'eighty' })).toThrow('config: PORT must be a port number');
  });

  it('parses YAML and JSON and masks secrets', () => {
    const file = parseConfigText(
      'clusters:\n  - name: prod\n    vtctld: { url: "http://u:pw@h:1" }\n',
      'c.yaml',
    );
    const config = resolveConfig(file);
    expect(maskSecrets(config).clusters[0]?.vtctld.url).toBe('http://u:***@h:1');
    expect(maskSecrets({ routers: [{ password: 'x' }] })).toEqual({ routers: [{ password: '***' }] });
    expect(() => parseConfigText('{', 'c.json')).toThrow('config: c.json is not valid JSON');
  });
});
