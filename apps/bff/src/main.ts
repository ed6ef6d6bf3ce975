// The BFF process: `tsx src/main.ts [--config file] [--sandbox] [--print-config]`.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Sandbox } from '@vtdeck/sandbox';
import { buildApp } from './app';
import { DEMO_ADMIN_TOKEN, DEMO_USERS } from './auth/demo-auth';
import {
  type AppConfig,
  ConfigError,
  type ConfigFile,
  maskSecrets,
  readConfigFile,
  resolveConfig,
} from './config';
import { sandboxClusterConfig } from './sandbox-clusters';

const USAGE = `usage: vtdeck-bff [--config <file.yaml|json>] [--sandbox] [--print-config]
  --config        config file (default: $VTDECK_CONFIG)
  --sandbox       start the sandbox fakes in-process and use them as the clusters
  --print-config  print the effective config (secrets masked) and exit
env: PORT (8080), HOST (127.0.0.1), VTCTLD_URL and VTGATE_MYSQL_URL (of the default cluster), LOG_LEVEL,
     VTDECK_AUDIT_LOG (.vtdeck/audit.log), VTDECK_SESSION_SECRET; \${NAME} in the file is env NAME.
every key: config.example.yaml`;

/** In sandbox mode the clusters are the sandbox's, whatever the file says. */
function sandboxClusters(file: ConfigFile, sandbox: Sandbox): ConfigFile {
  return {
    ...file,
    clusters: sandbox.clusters.map((c, i) => ({
      ...sandboxClusterConfig(c),
      title: `${c.name.charAt(0).toUpperCase()}${c.name.slice(1)} (sandbox)`,
      default: i === 0,
    })),
    sql: {
      ...file.sql,
      ...unavailableSql(sandbox),
    },
  };
}

/** Without mariadbd the SQL console says how to get it rather than failing obscurely. */
function unavailableSql(sandbox: Sandbox): { unavailableMessage?: string } {
  const missing = sandbox.clusters.find((c) => !c.vtgate.available)?.vtgate;
  return missing && !missing.available
    ? { unavailableMessage: `sandbox vtgate unavailable: ${missing.reason}` }
    : {};
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'print-config': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const configPath = values.config ?? process.env.VTDECK_CONFIG;
  let file = (configPath ? readConfigFile(configPath) : {}) as ConfigFile;
  const env = { ...process.env };
  let sandbox: Sandbox | undefined;
  if (values.sandbox) {
    // Loaded only here: a production BFF never imports the fakes.
    const { startSandbox } = await import('@vtdeck/sandbox');
    // A fixed control port lets e2e tests inject faults into the sandbox this process runs.
    const controlPort = Number(process.env.VTDECK_SANDBOX_CONTROL_PORT ?? 0);
    sandbox = await startSandbox(controlPort > 0 ? { controlPort } : {});
    file = sandboxClusters(file, sandbox);
    delete env.VTCTLD_URL;
  }

  let config: AppConfig;
  try {
    config = resolveConfig(file, env, { sandbox: Boolean(sandbox) });
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
  if (values['print-config']) {
    console.log(JSON.stringify(maskSecrets(config), null, 2));
    await sandbox?.close();
    return;
  }

  const app = await buildApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal means "now"
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // app.close() takes no new requests (503), ends open streams (app.closing) and waits for the
    // requests in flight; past the deadline the connections left are cut so the process still exits.
    const deadline = setTimeout(() => {
      app.log.warn({ timeoutMs: config.server.shutdownTimeoutMs }, 'shutdown deadline: closing connections');
      app.server.closeAllConnections();
    }, config.server.shutdownTimeoutMs);
    await app.close();
    clearTimeout(deadline);
    await sandbox?.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.server.host, port: config.server.port });
  const { port } = app.server.address() as AddressInfo;
  const consoleUrl = `http://${config.server.host}:${port}`;
  console.log(`vtdeck console: ${consoleUrl}`);
  // One JSON line for scripts: where the console is and how to sign in to the sandbox.
  if (config.sandbox) {
    console.log(JSON.stringify({ console: consoleUrl, users: DEMO_USERS, token: DEMO_ADMIN_TOKEN }));
  }
  if (sandbox) {
    for (const c of sandbox.clusters) console.log(`sandbox ${c.name} vtctld: ${c.vtctld.url}`);
    console.log(`sandbox control: ${sandbox.controlUrl}`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
