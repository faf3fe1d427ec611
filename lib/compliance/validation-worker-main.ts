/** The entry of the synth validation's worker threads (./validation-worker.ts). */
import { isMainThread, workerData } from 'worker_threads';
import type { ValidationWorkerData } from './validation-worker';
import { serveValidation } from './validation-worker';

if (!isMainThread) serveValidation(workerData as ValidationWorkerData);
