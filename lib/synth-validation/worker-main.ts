/** The entry of the synth validation's worker threads (./worker-pool.ts): answers each job it is posted, in order. */
import { isMainThread, workerData } from 'worker_threads';
import { evaluateJob, messageOf } from './jobs';
import type { ValidationJob } from './jobs';
import type { ValidationWorkerData } from './worker-pool';

function serve(data: ValidationWorkerData): void {
  const signal = new Int32Array(data.signal);
  data.port.on('message', (job: ValidationJob) => {
    let answer: unknown;
    try {
      answer = evaluateJob(job);
    } catch (error) {
      answer = { error: messageOf(error) };
    }
    data.port.postMessage(answer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

if (!isMainThread) serve(workerData as ValidationWorkerData);
