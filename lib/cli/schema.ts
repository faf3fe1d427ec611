/** `oaas schema [folder]`: write the JSON Schemas of the workspace files. */
import * as path from 'path';
import type { Command } from 'commander';
import { jsonSchemaFiles } from '../definition/json-schema';
import { UnsafeTargetError, writeFileSafely } from '../fs/write-file';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Write the JSON Schemas of the workspace files (for editors) to a folder.')
    .argument('[folder]', 'output folder', 'schema')
    .action((folder: string) => {
      if (folder.trim() === '') {
        process.stderr.write('oaas schema: expected a folder, got an empty path. Give a folder such as schema.\n');
        process.exitCode = 2;
        return;
      }
      for (const [name, text] of Object.entries(jsonSchemaFiles())) {
        try {
          writeFileSafely(path.join(folder, name), text);
        } catch (error) {
          if (!(error instanceof UnsafeTargetError)) throw error;
          process.stderr.write(`oaas schema: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        process.stdout.write(`wrote ${path.join(folder, name)}\n`);
      }
    });
}
