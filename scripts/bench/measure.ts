/**
 * Runs a command as a separate process and measures it: wall time around the
 * process, and its CPU time (user + system) and peak memory (maximum resident
 * set size) through GNU time (`/usr/bin/time -f "%U %S %M"`) when it is installed.
 * CPU time barely moves when other processes compete for the cores; wall time does.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const GNU_TIME = '/usr/bin/time';

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Kill the process (and its process group) after this long. */
  readonly timeoutMs: number;
}

export interface RunResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly wallMs: number;
  /** Peak resident set size in KiB; undefined without GNU time. */
  readonly maxRssKb?: number;
  /** User plus system CPU time in ms; undefined without GNU time. */
  readonly cpuMs?: number;
  readonly stdout: string;
  /** The last 64 KiB of standard error. */
  readonly stderrTail: string;
}

const TAIL = 64 * 1024;

/**
 * Parses the output file of `/usr/bin/time -f "%U %S %M"`: its last line holds user and
 * system seconds and the peak RSS in KiB (a line about a signal may come before it).
 */
export function parseTimeOutput(text: string): { cpuMs: number; maxRssKb: number } | undefined {
  const last = (text.trim().split('\n').pop() ?? '').trim();
  const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last);
  if (!match) return undefined;
  return { cpuMs: Math.round((Number(match[1]) + Number(match[2])) * 1000), maxRssKb: Number(match[3]) };
}

/** Runs `command` to completion and measures it. Never throws for a failing command. */
export async function runMeasured(command: readonly string[], options: RunOptions): Promise<RunResult> {
  const [program, ...args] = command;
  if (!program) throw new Error('runMeasured: empty command');
  const withTime = fs.existsSync(GNU_TIME);
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-bench-rss-')), 'rss.txt');
  const argv = withTime ? ['-f', '%U %S %M', '-o', rssFile, program, ...args] : args;
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  const started = performance.now();
  // A process group of its own, so a timeout ends the command and everything it started.
  const child = spawn(withTime ? GNU_TIME : program, argv, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (stdout.length < 4 * 1024 * 1024) stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-TAIL);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }, options.timeoutMs);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - started;
  const usage = withTime && fs.existsSync(rssFile) ? parseTimeOutput(fs.readFileSync(rssFile, 'utf8')) : undefined;
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return {
    ok: code === 0 && !timedOut,
    exitCode: code,
    signal,
    timedOut,
    wallMs,
    ...(usage ?? {}),
    stdout,
    stderrTail: stderr,
  };
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Total size in bytes of the files under `dir`. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}
