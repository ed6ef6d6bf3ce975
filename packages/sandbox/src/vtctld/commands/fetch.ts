// ExecuteFetchAsDba / ExecuteFetchAsApp: one SQL statement on a tablet's MySQL, printed as vtctl
// does (tablewriter table, or `-json`). The sandbox's MySQL is the cluster's MariaDB, one database per
// keyspace; without it the command fails the way a tablet without a reachable mysqld would.

import { formatFetchJson } from '../../vtgate/fetch';
import { renderTableWrites } from '../encoding/tablewriter';
import { refreshServedSchema } from '../mysql';
import { aliasString, parseTabletAlias } from '../names';
import { mysqlRpcError } from '../schema-change';
import { VtError } from '../topo/errors';
import { dbName, rpc } from '../wrangler/tmc';
import { printJson } from './keyspaces';
import { boolFlag, type Command } from './types';

const maxRowsFlag = {
  name: 'max_rows',
  kind: 'int' as const,
  def: 10_000,
  usage: 'Specifies the maximum number of rows to allow in fetch',
};

function fetchCommand(name: 'ExecuteFetchAsApp' | 'ExecuteFetchAsDba'): Command {
  const dba = name === 'ExecuteFetchAsDba';
  return {
    name,
    group: 'Tablets',
    params: dba
      ? '[-max_rows=10000] [-disable_binlogs] [-json] <tablet alias> <sql command>'
      : '[-max_rows=10000] [-json] [-use_pool] <tablet alias> <sql command>',
    help: `Runs the given SQL command as a ${dba ? 'DBA' : 'App'} on the remote tablet.`,
    flags: dba
      ? [
          maxRowsFlag,
          boolFlag('disable_binlogs', 'Disables writing to binlogs during the query'),
          boolFlag(
            'reload_schema',
            'Indicates whether the tablet schema will be reloaded after executing the SQL command. The default value is <code>false</code>, which indicates that the tablet schema will not be reloaded.',
          ),
          boolFlag('json', 'Output JSON instead of human-readable table'),
        ]
      : [
          maxRowsFlag,
          boolFlag('use_pool', 'Use connection from pool'),
          boolFlag('json', 'Output JSON instead of human-readable table'),
        ],
    async run(env) {
      if (env.args.length !== 2) {
        throw new VtError(
          `the <tablet alias> and <sql command> arguments are required for the ${name} command`,
        );
      }
      const tablet = env.topo.getTablet(parseTabletAlias(env.args[0]!));
      const sql = env.args[1]!;
      rpc(tablet);
      if (!env.mysql) {
        throw new VtError(
          `rpc error: code = Unavailable desc = tablet ${aliasString(tablet.alias)} has no MySQL in this sandbox (its MariaDB is not running)`,
        );
      }
      if (!env.mysql.serves(tablet.keyspace)) {
        throw new VtError(
          `rpc error: code = Unknown desc = Unknown database '${dbName(tablet)}' (errno 1049) (sqlstate 42000) during query: ${sql}`,
        );
      }
      let result: Awaited<ReturnType<typeof env.mysql.executeFetch>>;
      try {
        result = await env.mysql.executeFetch(tablet.keyspace, sql, {
          maxRows: Number(env.flags.max_rows),
          account: dba ? 'dba' : 'app',
        });
      } catch (err) {
        throw new VtError(mysqlRpcError(err, sql));
      }
      if (dba && env.flags.reload_schema) await refreshServedSchema(env.topo, env.mysql, tablet.keyspace);
      if (env.flags.json) return printJson(env, formatFetchJson(result));
      // Era B prints nothing for a result without rows.
      if (result.rows.length === 0) return;
      const header = (result.fields ?? []).map((f) => f.name);
      const writes = renderTableWrites(
        header,
        result.rows.map((row) => row.map((cell) => cell ?? '')),
      );
      for (const w of writes) env.log.printf(w);
    },
  };
}

export const fetchCommands: Command[] = [
  fetchCommand('ExecuteFetchAsApp'),
  fetchCommand('ExecuteFetchAsDba'),
];
