// Every test file writes under a temporary folder of its own, removed when the
// file's tests end. Apps without an outdir (aws-cdk-lib), cdk8s's Testing.app
// and the tests' own mkdtemp calls all write under os.tmpdir(): without this a
// full run left several GB of cloud assemblies behind. The test sandbox's
// process.env is a copy, so os.tmpdir itself is pointed at the folder
// (child processes get the run's folder from test/global-setup.ts).
import * as fs from 'fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the real module object: an ES namespace import is a copy with read-only getters
import os = require('os');
import * as path from 'path';

const original = os.tmpdir;
const own = fs.mkdtempSync(path.join(original(), 'file-'));
os.tmpdir = () => own;

afterAll(() => {
  os.tmpdir = original;
  fs.rmSync(own, { recursive: true, force: true });
});
