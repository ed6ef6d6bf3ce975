// One vtctl command: its place in the help list, its flags (Go flag package) and its body.

import type { FlagDef, FlagValue } from '../flags';
import type { Logger } from '../logger';
import type { TabletMysql } from '../mysql';
import type { Topology } from '../topo/topology';

export type CommandGroup =
  | 'Tablets'
  | 'Shards'
  | 'Keyspaces'
  | 'Generic'
  | 'Schema, Version, Permissions'
  | 'Serving Graph'
  | 'Replication Graph';

export interface VtctldSettings {
  /** vtctld's -cell flag: what `local` means in /api/srv_keyspace/local/... */
  localCell?: string;
  /** vtctld's -disable_active_reparents. */
  disableActiveReparents?: boolean;
}

export interface CommandEnv {
  topo: Topology;
  log: Logger;
  settings: VtctldSettings;
  /** The command's flag values and positional arguments after Go flag parsing. */
  flags: Record<string, FlagValue>;
  args: string[];
  /** The tablets' MySQL, when the sandbox runs one for this cluster. */
  mysql?: TabletMysql;
  /** Runs another vtctl command line with the same logger (Help <cmd> uses it). */
  run(args: string[]): Promise<void>;
}

export interface Command {
  name: string;
  group: CommandGroup;
  params: string;
  /** Starts with HIDDEN for commands left out of the command list. */
  help: string;
  flags?: FlagDef[];
  run(env: CommandEnv): void | Promise<void>;
}

export const boolFlag = (name: string, usage: string, def = false): FlagDef => ({
  name,
  kind: 'bool',
  def,
  usage,
});
export const stringFlag = (name: string, usage: string, def = ''): FlagDef => ({
  name,
  kind: 'string',
  def,
  usage,
});
export const durationFlag = (name: string, usage: string, defMs: number): FlagDef => ({
  name,
  kind: 'duration',
  def: defMs,
  usage,
});
