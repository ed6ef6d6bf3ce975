// Schema and VSchema commands: GetSchema, GetVSchema, ApplyVSchema; and the serving-graph reader
// GetSrvKeyspace.

import { jsonpb } from '../encoding/jsonpb';
import { schemaPb, srvKeyspacePb } from '../encoding/records';
import { parseTabletAlias } from '../names';
import { runSchemaChange } from '../schema-change';
import { noNode, topoPath, VtError } from '../topo/errors';
import type { VSchema } from '../topo/types';
import { applyVSchemaDdl, parseVSchemaJson, renderVSchema } from '../vschema';
import { loadTabletSchema } from '../wrangler/schema';
import { printJson } from './keyspaces';
import { boolFlag, type Command, durationFlag, stringFlag } from './types';

const list = (s: unknown) => (String(s) ? String(s).split(',') : []);

function readServerFile(path: string): never {
  // The file would be read on the vtctld host, where the sandbox keeps no files.
  throw new VtError(`open ${path}: no such file or directory`);
}

export const schemaCommands: Command[] = [
  {
    name: 'GetSchema',
    group: 'Schema, Version, Permissions',
    params:
      '[-tables=<table1>,<table2>,...] [-exclude_tables=<table1>,<table2>,...] [-include-views] <tablet alias>',
    help: 'Displays the full schema for a tablet, or just the schema for the specified tables in that tablet.',
    flags: [
      stringFlag(
        'tables',
        'Specifies a comma-separated list of tables for which we should gather information. Each is either an exact match, or a regular expression of the form /regexp/',
      ),
      stringFlag(
        'exclude_tables',
        'Specifies a comma-separated list of tables to exclude. Each is either an exact match, or a regular expression of the form /regexp/',
      ),
      boolFlag('include-views', 'Includes views in the output'),
      boolFlag('table_names_only', 'Only displays table names that match'),
    ],
    async run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <tablet alias> argument is required for the GetSchema command');
      const alias = parseTabletAlias(env.args[0]!);
      const sd = await loadTabletSchema(env.topo, env.mysql, alias, {
        tables: list(env.flags.tables),
        excludeTables: list(env.flags.exclude_tables),
        includeViews: Boolean(env.flags['include-views']),
      });
      if (env.flags.table_names_only) {
        for (const t of sd.tables) env.log.printf(`${t.name}\n`);
        return;
      }
      printJson(env, jsonpb(schemaPb(sd)));
    },
  },
  {
    name: 'GetVSchema',
    group: 'Schema, Version, Permissions',
    params: '<keyspace>',
    help: 'Displays the VTGate routing schema.',
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace> argument is required for the GetVSchema command');
      const ks = env.args[0]!;
      const vs = env.topo.keyspaces.get(ks)?.vschema;
      if (!vs) throw noNode(topoPath('keyspaces', ks, 'VSchema'));
      env.log.printf(`${renderVSchema(vs)}\n`);
    },
  },
  {
    name: 'ApplyVSchema',
    group: 'Schema, Version, Permissions',
    params:
      '{-vschema=<vschema> || -vschema_file=<vschema file> || -sql=<sql> || -sql_file=<sql file>} [-cells=c1,c2,...] [-skip_rebuild] [-dry-run] <keyspace>',
    help: 'Applies the VTGate routing schema to the provided keyspace. Shows the result after application.',
    flags: [
      stringFlag('vschema', 'Identifies the VTGate routing schema'),
      stringFlag('vschema_file', 'Identifies the VTGate routing schema file'),
      stringFlag(
        'sql',
        'A vschema ddl SQL statement (e.g. `add vindex`, `alter table t add vindex hash(id)`, etc)',
      ),
      stringFlag(
        'sql_file',
        'A vschema ddl SQL statement (e.g. `add vindex`, `alter table t add vindex hash(id)`, etc)',
      ),
      boolFlag('dry-run', 'If set, do not save the altered vschema, simply echo to console.'),
      boolFlag('skip_rebuild', 'If set, do no rebuild the SrvSchema objects.'),
      stringFlag(
        'cells',
        'If specified, limits the rebuild to the cells, after upload. Ignored if skipRebuild is set.',
      ),
    ],
    run(env) {
      const { flags, args, topo, log } = env;
      if (args.length !== 1)
        throw new VtError('the <keyspace> argument is required for the ApplyVSchema command');
      const keyspace = args[0]!;
      const sqlMode = (flags.sql !== '') !== (flags.sql_file !== '');
      const jsonMode = (flags.vschema !== '') !== (flags.vschema_file !== '');
      if (sqlMode && jsonMode) {
        throw new VtError(
          'only one of the sql, sql_file, vschema, or vschema_file flags may be specified when calling the ApplyVSchema command',
        );
      }
      if (!sqlMode && !jsonMode) {
        throw new VtError(
          'one of the sql, sql_file, vschema, or vschema_file flags must be specified when calling the ApplyVSchema command',
        );
      }
      const ks = topo.keyspaces.get(keyspace);
      if (!ks) throw new VtError(`keyspace(${keyspace}) doesn't exist, check if the keyspace is initialized`);
      let vs: VSchema;
      if (sqlMode) {
        const sql = flags.sql_file ? readServerFile(String(flags.sql_file)) : String(flags.sql);
        vs = applyVSchemaDdl(ks.vschema ?? {}, sql);
      } else {
        vs = parseVSchemaJson(
          flags.vschema_file ? readServerFile(String(flags.vschema_file)) : String(flags.vschema),
        );
      }
      log.printf(
        `New VSchema object:\n${renderVSchema(vs)}\nIf this is not what you expected, check the input data (as JSON parsing will skip unexpected fields).\n`,
      );
      if (flags['dry-run']) {
        log.printf('Dry run: Skipping update of VSchema\n');
        return;
      }
      ks.vschema = vs;
      if (flags.skip_rebuild) {
        log.warning(
          'Skipping rebuild of SrvVSchema, will need to run RebuildVSchemaGraph for changes to take effect',
          'vtctl.go:2318',
        );
      }
    },
  },
  {
    name: 'GetSrvKeyspace',
    group: 'Serving Graph',
    params: '<cell> <keyspace>',
    help: 'Outputs a JSON structure that contains information about the SrvKeyspace.',
    run(env) {
      if (env.args.length !== 2)
        throw new VtError('the <cell> and <keyspace> arguments are required for the GetSrvKeyspace command');
      printJson(env, jsonpb(srvKeyspacePb(env.topo.getSrvKeyspace(env.args[0]!, env.args[1]!))));
    },
  },
];

schemaCommands.push({
  name: 'ApplySchema',
  group: 'Schema, Version, Permissions',
  params:
    '[-allow_long_unavailability] [-wait_replicas_timeout=10s] {-sql=<sql> || -sql-file=<filename>} <keyspace>',
  help: 'Applies the schema change to the specified keyspace on every master, running in parallel on all shards. The changes are then propagated to replicas via replication.',
  flags: [
    boolFlag(
      'allow_long_unavailability',
      'Allow large schema changes which incur a longer unavailability of the database.',
    ),
    stringFlag('sql', 'A list of semicolon-delimited SQL commands'),
    stringFlag('sql-file', 'Identifies the file that contains the SQL commands'),
    durationFlag(
      'wait_replicas_timeout',
      'The amount of time to wait for replicas to receive the schema change via replication.',
      10_000,
    ),
  ],
  async run(env) {
    if (env.args.length !== 1)
      throw new VtError('the <keyspace> argument is required for the commandApplySchema command');
    const sql = String(env.flags.sql);
    const file = String(env.flags['sql-file']);
    if (sql && file) throw new VtError('action requires only one of sql or sql-file');
    if (!sql && !file) throw new VtError('action requires one of sql or sql-file');
    const text = file ? readServerFile(file) : sql;
    const err = await runSchemaChange(env.topo, env.args[0]!, text, () => {}, {
      allowLongUnavailability: Boolean(env.flags.allow_long_unavailability),
      mysql: env.mysql,
    });
    if (err) throw new VtError(err);
  },
});
