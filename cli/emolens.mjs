#!/usr/bin/env node
// `emolens` command line: runs the wasm build in Node. Each command lives in cli/commands/<name>.mjs
// and exports `summary` (one line for help) and `run(args)` (args after the command name; returns
// the exit code). Errors a user can fix print one line, no stack.
import { commandNames, loadCommand, UsageError } from './command-table.mjs';

function usage() {
  return [
    'usage: emolens <command> [options]',
    '',
    'commands:',
    ...commandNames().map((name) => `  ${name}`),
    '',
    "run 'emolens <command> --help' for a command's options",
  ].join('\n');
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`emolens: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error?.name === 'EmolensError') {
    process.stderr.write(`emolens: ${error.message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  } else {
    throw error;
  }
}
