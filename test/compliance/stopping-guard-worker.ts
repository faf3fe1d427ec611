/**
 * A compliance rules worker entry that stops before answering, for the tests
 * of what happens then (GuardWorker.start(sources, STOPPING_WORKER)).
 */
import { isMainThread } from 'worker_threads';

export const STOPPING_WORKER = 'test/compliance/stopping-guard-worker.ts';

if (!isMainThread) process.exit(3);
