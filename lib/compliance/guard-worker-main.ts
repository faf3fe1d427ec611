/** The entry of the compliance rules worker thread (./guard-worker.ts). */
import { isMainThread, workerData } from 'worker_threads';
import type { GuardWorkerData } from './guard-worker';
import { serveGuardEvaluation } from './guard-worker';

if (!isMainThread) serveGuardEvaluation(workerData as GuardWorkerData);
