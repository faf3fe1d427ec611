/** A validation worker entry that stops before answering, for the tests of what happens then. */
import { isMainThread } from 'worker_threads';

export const STOPPING_WORKER = 'test/synth-validation/stopping-worker.ts';

if (!isMainThread) process.exit(3);
