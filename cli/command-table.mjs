// The CLI's commands, loaded on demand so `emolens analyze` never loads the peers' TF.js.
import { parseArgs } from 'node:util';

const COMMANDS = ['analyze', 'eval', 'eval-detect', 'bench'];

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export function commandNames() {
  return COMMANDS;
}

export async function loadCommand(name) {
  if (!COMMANDS.includes(name)) return null;
  return import(`./commands/${name}.mjs`);
}

/** node:util parseArgs with the CLI's conventions: unknown options and bad values are UsageErrors. */
export function parseCommandArgs(args, options, { allowPositionals = false } = {}) {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
}
