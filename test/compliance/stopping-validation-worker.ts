/**
 * A validation worker entry that stops before answering, for the tests of
 * what happens then (ValidationWorker.start(job, STOPPING_WORKER)).
 */
import { isMainThread } from 'worker_threads';

export const STOPPING_WORKER = 'test/compliance/stopping-validation-worker.ts';

if (!isMainThread) process.exit(3);
