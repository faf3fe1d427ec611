import * as fs from 'fs';
import * as path from 'path';

/** Every file under `dir`, by its `/`-separated path relative to `dir`, with its text (or base64 of its bytes). */
export function readTree(dir: string, encoding: 'utf8' | 'base64' = 'utf8'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full).toString(encoding));
    }
  };
  walk(dir);
  return out;
}
