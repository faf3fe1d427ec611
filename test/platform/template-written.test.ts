/**
 * Each platform stack's template is announced to its app's listeners as soon
 * as the synthesizer has written it, final and within its budget.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_sqs as sqs } from 'aws-cdk-lib';
import { onTemplateWritten } from '../../lib/platform/template-written';
import type { WrittenTemplate } from '../../lib/platform/template-written';
import { withinStackLimits } from '../../lib/stacks/private/resource-budget';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-written-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('each stack\'s template, as written, with its construct path, account and region; the next stack not yet written', () => {
  const app = new App({ outdir: dir });
  const stacks = ['First', 'Second'].map((name) => {
    const stack = new Stack(app, name, withinStackLimits({ env: { account: '111111111111', region: 'eu-west-1' } }, 'split the stack'));
    new sqs.Queue(stack, 'Queue');
    return stack;
  });
  const told: Array<WrittenTemplate & { content: string; othersWritten: number }> = [];
  onTemplateWritten(app, (t) => told.push({
    ...t,
    content: fs.readFileSync(t.templatePath, 'utf8'),
    othersWritten: stacks.filter((s) => fs.existsSync(path.join(dir, s.templateFile)) && path.join(dir, s.templateFile) !== t.templatePath).length,
  }));
  app.synth();
  expect(told.map(({ templatePath, stackConstructPath, accountId, region }) => [path.relative(dir, templatePath), stackConstructPath, accountId, region]))
    .toEqual([['First.template.json', 'First', '111111111111', 'eu-west-1'], ['Second.template.json', 'Second', '111111111111', 'eu-west-1']]);
  for (const t of told) expect(t.content).toBe(fs.readFileSync(t.templatePath, 'utf8'));
  expect(told.map((t) => t.othersWritten)).toEqual([0, 1]);
});

test('a stack without an account or region says so; another app\'s listener hears nothing; a stack over its budget is not announced', () => {
  const app = new App({ outdir: dir });
  new sqs.Queue(new Stack(app, 'Agnostic', withinStackLimits({}, 'split the stack')), 'Queue');
  const other = new App({ outdir: path.join(dir, 'other') });
  const heardByOther: WrittenTemplate[] = [];
  onTemplateWritten(other, (t) => heardByOther.push(t));
  const told: WrittenTemplate[] = [];
  onTemplateWritten(app, (t) => told.push(t));
  app.synth();
  expect(told).toEqual([{ templatePath: path.join(dir, 'Agnostic.template.json'), stackConstructPath: 'Agnostic' }]);
  expect(heardByOther).toEqual([]);

  const tight = new App({ outdir: path.join(dir, 'tight') });
  new sqs.Queue(new Stack(tight, 'Big', withinStackLimits({}, { fix: 'split the stack', maxTemplateBytes: 10 })), 'Queue');
  const heard: WrittenTemplate[] = [];
  onTemplateWritten(tight, (t) => heard.push(t));
  expect(() => tight.synth()).toThrow(/expected a template of at most 10 bytes/);
  expect(heard).toEqual([]);
});
