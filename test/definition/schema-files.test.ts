import * as fs from 'fs';
import * as path from 'path';
import { jsonSchemaFiles } from '../../lib/definition/json-schema';

const root = path.join(__dirname, '..', '..');

describe('JSON Schemas in schema/', () => {
  const generated = jsonSchemaFiles();

  test.each(Object.keys(generated))('%s matches the zod schema (run `npm run schema` after changing it)', (name) => {
    const committed = fs.readFileSync(path.join(root, 'schema', name), 'utf8');
    expect(committed).toBe(generated[name]);
  });

  test('every example file starts with the yaml-language-server modeline pointing at an existing schema', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.yml')) files.push(full);
      }
    };
    walk(path.join(root, 'examples'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const first = fs.readFileSync(file, 'utf8').split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect({ file, modeline: match !== null }).toEqual({ file, modeline: true });
      expect(fs.existsSync(path.resolve(path.dirname(file), match![1]!))).toBe(true);
    }
  });
});
