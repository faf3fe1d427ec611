// One temporary folder for the whole jest run, removed by test/global-teardown.ts.
// Workers and the commands tests spawn inherit TMPDIR, so nothing they write
// under the temporary folder outlives the run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export default function globalSetup(): void {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-test-run-'));
  process.env.OAAS_TEST_PARENT_TMPDIR = os.tmpdir();
  process.env.TMPDIR = run;
}
