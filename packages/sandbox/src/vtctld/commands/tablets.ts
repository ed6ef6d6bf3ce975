// Tablet commands: GetTablet, ListAllTablets, ChangeTabletType (and its older name ChangeSlaveType),
// Ping, RefreshState, DeleteTablet.

import { jsonpb } from '../encoding/jsonpb';
import { tabletPb } from '../encoding/records';
import {
  aliasProtoText,
  isTrivialTypeChange,
  parseTabletAlias,
  parseTabletTypeArg,
  tabletTypeName,
} from '../names';
import { VtError } from '../topo/errors';
import { fmtTabletAwkable } from '../wrangler/awk';
import { deleteTablet } from '../wrangler/delete';
import { changeType, rpc } from '../wrangler/tmc';
import { printJson } from './keyspaces';
import { boolFlag, type Command } from './types';

function changeTypeCommand(name: 'ChangeTabletType' | 'ChangeSlaveType', help: string): Command {
  return {
    name,
    group: 'Tablets',
    params: '[-dry-run] <tablet alias> <tablet type>',
    help,
    flags: [boolFlag('dry-run', 'Lists the proposed change without actually executing it')],
    run(env) {
      if (env.args.length !== 2) {
        throw new VtError(`the <tablet alias> and <db type> arguments are required for the ${name} command`);
      }
      const alias = parseTabletAlias(env.args[0]!);
      const newType = parseTabletTypeArg(env.args[1]!);
      if (env.flags['dry-run']) {
        let t: ReturnType<typeof env.topo.getTablet>;
        try {
          t = env.topo.getTablet(alias);
        } catch (err) {
          throw new VtError(`failed reading tablet ${aliasProtoText(alias)}: ${(err as Error).message}`);
        }
        if (!isTrivialTypeChange(t.type, newType)) {
          throw new VtError(
            `invalid type transition ${aliasProtoText(alias)}: ${tabletTypeName(t.type)} -> ${tabletTypeName(newType)}`,
          );
        }
        env.log.printf(`- ${fmtTabletAwkable(t)}\n`);
        env.log.printf(`+ ${fmtTabletAwkable({ ...t, type: newType })}\n`);
        return;
      }
      const t = env.topo.getTablet(alias);
      if (!isTrivialTypeChange(t.type, newType)) {
        throw new VtError(
          `tablet ${aliasProtoText(alias)} type change ${tabletTypeName(t.type)} -> ${tabletTypeName(newType)} is not an allowed transition for ${name}`,
        );
      }
      changeType(t, newType);
    },
  };
}

function tabletRpcCommand(name: 'Ping' | 'RefreshState', help: string): Command {
  return {
    name,
    group: 'Tablets',
    params: '<tablet alias>',
    help,
    run(env) {
      if (env.args.length !== 1)
        throw new VtError(`the <tablet alias> argument is required for the ${name} command`);
      rpc(env.topo.getTablet(parseTabletAlias(env.args[0]!)));
    },
  };
}

export const tabletCommands: Command[] = [
  {
    name: 'GetTablet',
    group: 'Tablets',
    params: '<tablet alias>',
    help: 'Outputs a JSON structure that contains information about the Tablet.',
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <tablet alias> argument is required for the GetTablet command');
      printJson(env, jsonpb(tabletPb(env.topo.getTablet(parseTabletAlias(env.args[0]!)))));
    },
  },
  changeTypeCommand(
    'ChangeTabletType',
    'Changes the db type for the specified tablet, if possible. This command is used primarily to arrange replicas, and it will not convert a master.\nNOTE: This command automatically updates the serving graph.\n',
  ),
  changeTypeCommand(
    'ChangeSlaveType',
    'DEPRECATED -- Use ChangeTabletType instead. Changes the db type for the specified tablet, if possible. This command is used primarily to arrange replicas, and it will not convert a master.\nNOTE: This command automatically updates the serving graph.\n',
  ),
  tabletRpcCommand(
    'Ping',
    'Checks that the specified tablet is awake and responding to RPCs. This command can be blocked by other in-flight operations.',
  ),
  tabletRpcCommand('RefreshState', 'Reloads the tablet record on the specified tablet.'),
  {
    name: 'DeleteTablet',
    group: 'Tablets',
    params: '[-allow_master] <tablet alias> ...',
    help: 'Deletes tablet(s) from the topology.',
    flags: [
      boolFlag('allow_master', 'Allows for the master tablet of a shard to be deleted. Use with caution.'),
    ],
    run(env) {
      if (env.args.length === 0) {
        throw new VtError(
          'the <tablet alias> argument must be used to specify at least one tablet when calling the DeleteTablet command',
        );
      }
      for (const a of env.args) deleteTablet(env.topo, parseTabletAlias(a), Boolean(env.flags.allow_master));
    },
  },
  {
    name: 'ListAllTablets',
    group: 'Generic',
    params: '[<cell_name1>,<cell_name2>,...]',
    help: 'Lists all tablets in an awkable format.',
    run(env) {
      const cells = env.args.length === 1 ? env.args[0]!.split(',') : env.topo.knownCells();
      for (const cell of cells) {
        let tablets: ReturnType<typeof env.topo.tabletsInCell>;
        try {
          tablets = env.topo.tabletsInCell(cell);
        } catch (err) {
          throw new VtError(`cannot get tablets for cell ${cell}: ${(err as Error).message}`);
        }
        for (const t of tablets) env.log.printf(`${fmtTabletAwkable(t)}\n`);
      }
    },
  },
];
