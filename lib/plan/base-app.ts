/**
 * Synthesizes a checkout of another commit with that commit's own code, as
 * the CDK CLI runs an app: the `app` command of its cdk.json in a child
 * process, with the cloud assembly folder in CDK_OUTDIR and its cdk.json
 * context plus the workspace, the manifests folder and the environment in
 * CDK_CONTEXT_JSON, offline and with the CDK's validation off. The checkout
 * borrows this checkout's node_modules.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PlanInputError } from './errors';
import { str } from './private/json';

export interface OwnAppOptions {
  /** The workspace folder inside the checkout. */
  readonly workspace: string;
  /** Where the cloud assembly goes. */
  readonly outdir: string;
  /** Where the rendered manifests go. */
  readonly k8sOut: string;
  readonly environment?: string;
  /** node_modules the checkout uses when it has none. */
  readonly nodeModules: string;
  /** How the base is named in messages (`HEAD~1`). */
  readonly label: string;
}

/** The part of a child's stderr a message can carry. */
function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function synthesizeWithOwnApp(checkout: string, options: OwnAppOptions): Promise<void> {
  const cdkJson = path.join(checkout, 'cdk.json');
  if (!fs.existsSync(cdkJson)) {
    throw new PlanInputError(`--base ${options.label}: expected a cdk.json with the app command at that commit, found none. Compare with this checkout's code instead: --base-code current.`);
  }
  const config = JSON.parse(fs.readFileSync(cdkJson, 'utf8')) as { app?: string; context?: Record<string, unknown> };
  if (typeof config.app !== 'string') throw new PlanInputError(`--base ${options.label}: expected cdk.json to name the app ("app": "node bin/app.js"), got none.`);
  const modules = path.join(checkout, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(options.nodeModules, modules, 'dir');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('CDK_')) delete env[key];
  Object.assign(env, {
    CDK_OUTDIR: options.outdir,
    CDK_CONTEXT_JSON: JSON.stringify({
      ...config.context,
      workspace: options.workspace,
      k8sOut: options.k8sOut,
      ...(options.environment !== undefined ? { env: options.environment } : {}),
    }),
    CDK_VALIDATION: 'false',
  });
  const stderr: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(config.app!, { cwd: checkout, env, shell: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    const cause = code === 2 ? 'its workspace definition is invalid' : 'its synth failed';
    throw new PlanInputError(`--base ${options.label}: ${cause} (exit code ${str(code)}):\n${tail(stderr.join(''))}`);
  }
}
