// Help (the command list, or one command's usage) and the hidden Panic command.

import { GoPanic, VtError } from '../topo/errors';
import type { Command } from './types';

export const genericCommands: Command[] = [
  {
    name: 'Help',
    group: 'Generic',
    params: '[command name]',
    help: 'Prints the list of available commands, or help on a specific command.',
    async run(env) {
      if (env.args.length === 0) {
        env.log.printf('Available commands:\n\n');
        printAllCommands(env.log);
      } else if (env.args.length === 1) {
        try {
          await env.run([env.args[0]!, '--help']);
        } catch {
          // Help ignores the `flag: help requested` error of the command it describes.
        }
      } else {
        throw new VtError(
          'when calling the Help command, either specify a single argument that identifies the name of the command to get help with or do not specify any additional arguments',
        );
      }
    },
  },
  {
    name: 'Panic',
    group: 'Generic',
    params: '',
    help: 'HIDDEN Triggers a panic on the server side, to test the handling.',
    run() {
      throw new GoPanic('this command panics on purpose');
    },
  },
];

// Late-bound to avoid an import cycle with the registry.
let printAllCommands: (log: { printf(s: string): void }) => void = () => {};
export function bindCommandList(fn: typeof printAllCommands): void {
  printAllCommands = fn;
}
