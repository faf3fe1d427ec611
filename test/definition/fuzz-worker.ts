/**
 * The worker thread of the fuzz tests (test/helpers/bounded-loader.ts): loads
 * one workspace per message, in memory or from a folder, and answers with the
 * problems of the result, so the test can bound each load's time and memory.
 */
import { parentPort } from 'worker_threads';
import { loadWorkspace, loadWorkspaceTexts } from '../../lib/definition/loader';
import type { SourceCache } from '../../lib/definition/loader';
import type { BoundedRequest, BoundedAnswer } from '../helpers/bounded-loader';
import { problemsOf } from '../helpers/diagnostic-shape';

/**
 * Parses of the files the first cached request held (the unchanged example
 * files of every mutation), reused by later cached requests; parses of any
 * other text are dropped after their load.
 */
const sources: SourceCache = new Map();
let kept: Set<string> | undefined;

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: BoundedRequest) => {
    const started = Date.now();
    let answer: BoundedAnswer;
    try {
      const cache = request.kind === 'texts' && request.cache ? sources : undefined;
      const result = request.kind === 'texts' ? loadWorkspaceTexts(request.texts, '.', [], cache) : loadWorkspace(request.folder);
      if (cache) {
        kept ??= new Set(cache.keys());
        for (const key of cache.keys()) if (!kept.has(key)) cache.delete(key);
      }
      answer = {
        id: request.id,
        valid: result.model !== undefined,
        problems: problemsOf(result, request.kind === 'texts' ? request.texts : {}),
        codes: [...new Set(result.diagnostics.map((d) => d.code))].sort(),
        ms: Date.now() - started,
      };
    } catch (error) {
      answer = { id: request.id, valid: false, problems: [`threw ${(error as Error).stack ?? String(error)}`], codes: [], ms: Date.now() - started };
    }
    port.postMessage(answer);
  });
}
