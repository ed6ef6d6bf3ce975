// The command registry, in vtctl's group order (reference 4.4).

import type { Logger } from '../logger';
import { fetchCommands } from './fetch';
import { bindCommandList, genericCommands } from './generic';
import { keyspaceCommands } from './keyspaces';
import { reparentCommands } from './reparent';
import { schemaCommands } from './schema';
import { shardCommands } from './shards';
import { tabletCommands } from './tablets';
import type { Command, CommandGroup } from './types';

export const GROUPS: CommandGroup[] = [
  'Tablets',
  'Shards',
  'Keyspaces',
  'Generic',
  'Schema, Version, Permissions',
  'Serving Graph',
  'Replication Graph',
];

export const COMMANDS: Command[] = [
  ...tabletCommands,
  ...fetchCommands,
  ...shardCommands,
  ...keyspaceCommands,
  ...genericCommands,
  ...schemaCommands,
  ...reparentCommands,
];

export function findCommand(name: string): Command | undefined {
  const lower = name.toLowerCase();
  return COMMANDS.find((c) => c.name.toLowerCase() === lower);
}

/** vtctl.PrintAllCommands: per group a header, one line per visible command, then a blank line. */
export function printAllCommands(log: Pick<Logger, 'printf'>): void {
  for (const group of GROUPS) {
    const cmds = COMMANDS.filter((c) => c.group === group && !c.help.startsWith('HIDDEN'));
    if (cmds.length === 0) continue;
    log.printf(`${group}:\n`);
    for (const c of cmds) log.printf(`  ${c.name} ${c.params}\n`);
    log.printf('\n');
  }
}

bindCommandList(printAllCommands);
