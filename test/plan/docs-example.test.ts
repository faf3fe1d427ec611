/**
 * The worked example in README.md and docs/reviewing-changes.md, and the
 * docs' table of rules, are what scripts/plan-example.ts generates: a real
 * plan of the starter workspace, with the compliance gate of the new version.
 */
import * as fs from 'fs';
import * as path from 'path';
import { documentsWith, examplePlanMarkdown, README_EDITS } from '../../scripts/plan-example';

const ROOT = path.resolve(__dirname, '..', '..');

test('README.md and docs/reviewing-changes.md hold the generated example and rules table', () => {
  const markdown = examplePlanMarkdown();
  expect(markdown).toMatch(/^## oaas plan: \d+ changes, approval required\n/);
  expect(markdown).toContain('### Compliance gate (new version)');
  for (const [file, expected] of Object.entries(documentsWith(markdown, examplePlanMarkdown(README_EDITS)))) {
    const actual = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const lines = actual.split('\n');
    const differs = expected.split('\n').findIndex((line, i) => line !== lines[i]);
    if (actual !== expected) throw new Error(`${file} is out of date from line ${differs + 1}: run npm run docs:plan-example and commit the result`);
  }
});
