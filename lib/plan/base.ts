/**
 * The base a plan compares against, as `--base` names it:
 *  - a cloud assembly (a saved `cdk.out`: a folder with manifest.json),
 *  - a rendered manifests folder (a saved `dist/k8s`),
 *  - a folder holding both (`cdk.out/` and `dist/k8s/`), or one of each given twice,
 *  - or a git ref of the workspace's repository: checked out into a
 *    temporary worktree and synthesized there, offline. When the code differs
 *    from the commit's (and the workspace lives in this project's
 *    repository), the commit is synthesized with its own code, so code
 *    changes show; otherwise the commit's definition is synthesized in
 *    process, which gives the same output faster.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatDiagnostic } from '../definition/diagnostics';
import { loadWorkspace, readWorkspaceFolder } from '../definition/loader';
import type { WorkspaceModel } from '../definition/model';
import { synthesizeWithOwnApp } from './base-app';
import { PlanInputError } from './errors';
import { changedFiles, repositoryOf, resolveCommit, withWorktree } from './git';
import type { VersionOutputs } from './outputs';
import { readSavedManifests, readSavedTemplates, synthesizeVersion } from './synthesis';

export type BaseSource =
  | { readonly kind: 'folder'; readonly assembly?: string; readonly manifests?: string; readonly label: string }
  | { readonly kind: 'git'; readonly repo: string; readonly ref: string; readonly commit: string; readonly label: string };

/** Which code synthesizes a git base: `own` the commit's, `current` this checkout's, `auto` the commit's only when it differs. */
export type BaseCode = 'auto' | 'own' | 'current';

/**
 * Files of the repository that do not shape the output, left out when
 * deciding whether the code differs: the definitions, tests, docs, scripts.
 */
const NOT_CODE = [':(exclude)node_modules', ':(exclude)examples', ':(exclude)test', ':(exclude)docs', ':(exclude)scripts', ':(exclude)schema', ':(exclude).ci', ':(exclude,glob)**/*.md'];

function hasYaml(dir: string, depth = 0): boolean {
  if (depth > 6) return false;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) return true;
    if (entry.isDirectory() && hasYaml(path.join(dir, entry.name), depth + 1)) return true;
  }
  return false;
}

const EXPECTED = 'expected a saved cdk.out (a cloud assembly), a rendered manifests folder (dist/k8s), a folder holding both, or a git ref';

/** What each `--base` value names; throws PlanInputError with what was expected. */
export function resolveBase(values: readonly string[], workspaceDir: string, cwd = process.cwd()): BaseSource {
  if (values.length === 0) throw new PlanInputError(`--base: ${EXPECTED}, got none.`);
  const folders = values.map((v) => ({ value: v, full: path.resolve(cwd, v) })).filter((v) => fs.existsSync(v.full));
  if (folders.length === 0 && values.length === 1) {
    const ref = values[0]!;
    const repo = repositoryOf(workspaceDir);
    if (!repo) throw new PlanInputError(`--base ${ref}: ${EXPECTED}; there is no such folder, and the workspace (${workspaceDir}) is not in a git repository.`);
    const commit = resolveCommit(repo, ref);
    if (!commit) throw new PlanInputError(`--base ${ref}: ${EXPECTED}; there is no such folder, and the repository ${repo} has no commit named "${ref}". Try a branch, a tag, a commit or HEAD~1.`);
    return { kind: 'git', repo, ref, commit, label: ref };
  }
  let assembly: string | undefined;
  let manifests: string | undefined;
  const set = (kind: 'assembly' | 'manifests', dir: string, value: string) => {
    if ((kind === 'assembly' ? assembly : manifests) !== undefined) throw new PlanInputError(`--base ${value}: a second ${kind === 'assembly' ? 'cloud assembly' : 'manifests folder'}; give at most one of each.`);
    if (kind === 'assembly') assembly = dir;
    else manifests = dir;
  };
  for (const value of values) {
    const full = path.resolve(cwd, value);
    if (!fs.existsSync(full)) throw new PlanInputError(`--base ${value}: ${EXPECTED}; there is no such folder (a git ref is accepted only as the one --base).`);
    if (!fs.statSync(full).isDirectory()) throw new PlanInputError(`--base ${value}: ${EXPECTED}; got a file.`);
    if (fs.existsSync(path.join(full, 'manifest.json'))) {
      set('assembly', full, value);
      continue;
    }
    const nestedAssembly = path.join(full, 'cdk.out');
    const nestedManifests = path.join(full, 'dist', 'k8s');
    const holdsAssembly = fs.existsSync(path.join(nestedAssembly, 'manifest.json'));
    const holdsManifests = fs.existsSync(nestedManifests) && fs.statSync(nestedManifests).isDirectory();
    if (holdsAssembly || holdsManifests) {
      if (holdsAssembly) set('assembly', nestedAssembly, value);
      if (holdsManifests) set('manifests', nestedManifests, value);
      continue;
    }
    if (fs.existsSync(path.join(full, 'workspace.yml'))) {
      throw new PlanInputError(`--base ${value}: ${EXPECTED}; got a workspace definition. Synthesize it first (npx cdk synth -c workspace=${value}) and pass cdk.out and dist/k8s, or give the git ref it is committed at.`);
    }
    if (!hasYaml(full)) throw new PlanInputError(`--base ${value}: ${EXPECTED}; the folder holds neither manifest.json nor rendered YAML manifests.`);
    set('manifests', full, value);
  }
  return { kind: 'folder', ...(assembly !== undefined ? { assembly } : {}), ...(manifests !== undefined ? { manifests } : {}), label: values.join(' + ') };
}

/** The base version: its outputs and, for git bases, its definition and the code files that differ from it. */
export interface BaseVersion {
  readonly outputs: VersionOutputs;
  /** The base's workspace files (git bases), to tell which keys changed. */
  readonly texts?: Readonly<Record<string, string>>;
  readonly model?: WorkspaceModel;
  /** Code files that differ between the commit and the working tree (when the workspace is in this project's repository). */
  readonly codeFiles: readonly string[];
  readonly notes: readonly string[];
}

export interface ReadBaseOptions {
  readonly workspaceDir: string;
  /** The project whose code runs this command: its repository and node_modules. */
  readonly projectRoot: string;
  readonly environment?: string;
  readonly code: BaseCode;
}

function readFolderBase(source: Extract<BaseSource, { kind: 'folder' }>): BaseVersion {
  return {
    outputs: {
      ...(source.assembly !== undefined ? { templates: readSavedTemplates(source.assembly) } : {}),
      ...(source.manifests !== undefined ? { manifests: readSavedManifests(source.manifests) } : {}),
    },
    codeFiles: [],
    notes: [],
  };
}

async function readGitBase(source: Extract<BaseSource, { kind: 'git' }>, options: ReadBaseOptions): Promise<BaseVersion> {
  const relative = path.relative(source.repo, fs.realpathSync(options.workspaceDir));
  const sameProject = fs.realpathSync(options.projectRoot) === source.repo;
  const workspaceSpec = relative === '' ? [] : [`:(exclude)${relative}`];
  const codeFiles = sameProject ? changedFiles(source.repo, source.commit, ['.', ...NOT_CODE, ...workspaceSpec]) : [];
  const own = options.code === 'own' || (options.code === 'auto' && sameProject && codeFiles.length > 0);
  if (options.code === 'own' && !sameProject) {
    throw new PlanInputError(`--base-code own: the workspace's repository (${source.repo}) is not this project's (${options.projectRoot}), so the commit holds no code to synthesize with.`);
  }
  return withWorktree(source.repo, source.commit, async (checkout) => {
    const workspace = path.join(checkout, relative);
    if (!fs.existsSync(workspace)) throw new PlanInputError(`--base ${source.label}: the workspace folder ${relative || '.'} does not exist at that commit.`);
    const texts = readWorkspaceFolder(workspace).texts;
    const loaded = loadWorkspace(workspace);
    if (!loaded.model) {
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `  ${source.label}:${relative}/${formatDiagnostic(d)}`);
      throw new PlanInputError(`--base ${source.label}: the workspace definition at that commit is invalid (${loaded.errorCount} error(s)):\n${errors.join('\n')}`);
    }
    const notes = own
      ? [`The base (${source.label}, ${source.commit.slice(0, 12)}) was synthesized with its own code${codeFiles.length > 0 ? `: ${codeFiles.length} code file(s) differ from it` : ''}.`]
      : [`The base (${source.label}, ${source.commit.slice(0, 12)}) was synthesized from its definition with this checkout's code${sameProject && codeFiles.length === 0 ? ', which is the same as the commit\'s' : ''}.`];
    if (own) {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-plan-base-out-'));
      try {
        await synthesizeWithOwnApp(checkout, {
          workspace, outdir: path.join(out, 'cdk.out'), k8sOut: path.join(out, 'k8s'), nodeModules: path.join(options.projectRoot, 'node_modules'), label: source.label,
          ...(options.environment !== undefined ? { environment: options.environment } : {}),
        });
        const k8s = path.join(out, 'k8s');
        if (!fs.existsSync(k8s)) notes.push('The base\'s code wrote no Kubernetes manifests.');
        return {
          outputs: { templates: readSavedTemplates(path.join(out, 'cdk.out')), ...(fs.existsSync(k8s) ? { manifests: readSavedManifests(k8s) } : {}) },
          texts, model: loaded.model, codeFiles, notes,
        };
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
    const environment = options.environment !== undefined && loaded.model.environments.some((e) => e.name === options.environment) ? options.environment : undefined;
    if (options.environment !== undefined && environment === undefined) {
      return { outputs: { templates: [], manifests: [] }, texts, model: loaded.model, codeFiles, notes: [...notes, `The base has no environment "${options.environment}": all of it is new.`] };
    }
    const version = synthesizeVersion(loaded.model, { ...(environment !== undefined ? { environment } : {}) });
    try {
      return { outputs: { templates: version.templates, manifests: version.manifests }, texts, model: loaded.model, codeFiles, notes };
    } finally {
      version.dispose();
    }
  });
}

export async function readBase(source: BaseSource, options: ReadBaseOptions): Promise<BaseVersion> {
  return source.kind === 'folder' ? readFolderBase(source) : readGitBase(source, options);
}
