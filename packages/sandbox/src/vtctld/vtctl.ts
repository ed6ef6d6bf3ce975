// vtctl.RunCommand: look the command up (case-insensitively), parse its flags with Go's rules, run
// it, and return the `{Error, Output}` pair that POST /api/vtctl/ sends back.

import { findCommand, printAllCommands } from './commands';
import type { Command, VtctldSettings } from './commands/types';
import { FlagError, FlagSet } from './flags';
import { Logger } from './logger';
import type { TabletMysql } from './mysql';
import { GoPanic } from './topo/errors';
import type { Topology } from './topo/topology';

export interface VtctlResult {
  Error: string;
  Output: string;
}

function usage(log: Logger, typed: string, cmd: Command, set: FlagSet): void {
  log.printf(`Usage: ${typed} ${cmd.params}\n\n`);
  log.printf(`${cmd.help}\n\n`);
  for (const line of set.printDefaults()) log.printf(line);
}

/** Runs one command line; throws the command's error (a GoPanic passes through untouched). */
export async function runCommand(
  topo: Topology,
  settings: VtctldSettings,
  log: Logger,
  args: string[],
  mysql?: TabletMysql,
): Promise<void> {
  if (args.length === 0) {
    log.printf('No command specified. Please see the list below:\n\n');
    printAllCommands(log);
    throw new Error('no command was specified');
  }
  const typed = args[0]!;
  const cmd = findCommand(typed);
  if (!cmd) {
    log.printf(`Unknown command: ${typed}\n`);
    throw new Error('unknown command');
  }
  const set = new FlagSet(cmd.flags ?? []);
  let parsed: ReturnType<FlagSet['parse']>;
  try {
    parsed = set.parse(args.slice(1));
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    if (err.printed) log.printf(err.printed);
    usage(log, typed, cmd, set);
    throw err;
  }
  await cmd.run({
    topo,
    log,
    settings,
    flags: parsed.values,
    args: parsed.args,
    mysql,
    run: (next) => runCommand(topo, settings, log, next, mysql),
  });
}

export async function runVtctl(
  topo: Topology,
  settings: VtctldSettings,
  args: string[],
  mysql?: TabletMysql,
): Promise<VtctlResult> {
  const log = new Logger();
  let error = '';
  try {
    await runCommand(topo, settings, log, args, mysql);
  } catch (err) {
    if (err instanceof GoPanic) throw err;
    error = (err as Error).message;
  }
  return { Error: error, Output: log.output() };
}
