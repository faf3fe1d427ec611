import * as fs from 'fs';

export default function globalTeardown(): void {
  const run = process.env.TMPDIR;
  if (run && process.env.OAAS_TEST_PARENT_TMPDIR) {
    process.env.TMPDIR = process.env.OAAS_TEST_PARENT_TMPDIR;
    fs.rmSync(run, { recursive: true, force: true });
  }
}
