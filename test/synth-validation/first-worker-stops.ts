/** A validation worker entry whose first worker stops before answering while the others serve as usual. */
import { isMainThread, workerData } from 'worker_threads';
import type { ValidationWorkerData } from '../../lib/synth-validation/worker-pool';

export const FIRST_WORKER_STOPS = 'test/synth-validation/first-worker-stops.ts';

if (!isMainThread) {
  if ((workerData as ValidationWorkerData).index === 0) process.exit(3);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../lib/synth-validation/worker-main');
}
