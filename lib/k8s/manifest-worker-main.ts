/** The entry of the manifest worker thread (./manifest-worker.ts). */
import { parentPort, workerData } from 'worker_threads';
import type { ManifestJobInput } from './manifest-job';
import { runManifestJob } from './manifest-job';

if (parentPort) {
  const port = parentPort;
  runManifestJob(workerData as ManifestJobInput, (message) => port.postMessage(message));
}
