/** `oaas schema [folder]`: write the JSON Schemas of the workspace files. */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { jsonSchemaFiles } from '../definition/json-schema';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Write the JSON Schemas of the workspace files (for editors) to a folder.')
    .argument('[folder]', 'output folder', 'schema')
    .action((folder: string) => {
      fs.mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(jsonSchemaFiles())) {
        fs.writeFileSync(path.join(folder, name), text);
        process.stdout.write(`wrote ${path.join(folder, name)}\n`);
      }
    });
}
