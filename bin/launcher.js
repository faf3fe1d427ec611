'use strict';
/**
 * Runs a TypeScript entry point of this repository from a bundle in build/,
 * rebuilt by esbuild whenever it could be stale, so nothing needs to run
 * before `npx cdk synth` or `node bin/oaas.js` on a fresh clone.
 *
 *   require('./launcher').load('lib/cli/main.ts', (exports) => ...)   from bin/*.js
 *   node bin/launcher.js <entry.ts> [args...]                          runs an entry
 *   node bin/launcher.js --build <entry.ts>...                         only (re)builds
 *
 * Why a bundle: the tsx require hook transforms and source-maps every file on
 * each run; one plain-JS file loads in a fraction of that. Packages stay
 * external (aws-cdk-lib, cdk8s, ... are required from node_modules as usual).
 *
 * Why it cannot go stale: next to each bundle, build/<name>.stamp.json lists
 * every file esbuild read (from its metafile), the folders holding them, the
 * tsconfig, this launcher and the esbuild version, each with its size, inode,
 * mtime and ctime. Before loading, every one is stat-ed (cheap) and any
 * difference at all (not only "newer") triggers a rebuild; a file added to or
 * removed from one of those folders changes the folder's mtime, so new files
 * that could change what an import resolves to are caught as well. ctime cannot
 * be set back by tools that preserve mtimes (cp -p, tar, rsync). The stamp also
 * records the bundle's own inode and size, so a bundle written by a concurrent
 * build after the stamp fails the check instead of being trusted. Bundle and
 * stamp are written to temporary files and renamed into place.
 *
 * Falls back to the tsx require hook when esbuild is not
 * installed, or the build fails or cannot be written; a source error then
 * surfaces exactly as it did under tsx.
 *
 * Source maps: the bundle has a linked .map, but Node only uses it when
 * debugging is asked for: `--debug` on the command line, CDK_DEBUG (set by
 * `cdk synth --debug`) or NODE_OPTIONS=--enable-source-maps. Otherwise stack
 * traces (which the CDK captures for every resource) stay cheap.
 * OAAS_NO_BUNDLE=1 forces the tsx path.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'build');
/** Bump when the build options below change, so older bundles are rebuilt. */
const FORMAT = 2;
/** Files that shape every bundle besides the sources esbuild reads. */
const EXTRA_INPUTS = ['tsconfig.json', 'bin/launcher.js'];

function debugRequested(argv = process.argv) {
  const flag = (value) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return flag(process.env.CDK_DEBUG) || argv.slice(2).includes('--debug');
}

/** build/<entry with / turned into .>.js: bin/app.ts → build/bin.app.js. */
function bundlePaths(entry) {
  const name = entry.replace(/\.[cm]?tsx?$/, '').split(/[\\/]/).join('.');
  return { bundle: path.join(BUILD_DIR, `${name}.js`), stamp: path.join(BUILD_DIR, `${name}.stamp.json`) };
}

function esbuildVersion() {
  try {
    return require('esbuild/package.json').version;
  } catch {
    return undefined;
  }
}

function fileId(file) {
  const s = fs.statSync(file);
  return [s.size, s.ino, s.mtimeMs, s.ctimeMs];
}

const same = (a, b) => Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether the stamp still describes every input and the bundle next to it. */
function isFresh(paths, version) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(paths.stamp, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.format !== FORMAT || stamp.esbuild !== version || stamp.root !== ROOT) return false;
  try {
    if (!same(fileId(paths.bundle), stamp.bundle)) return false;
    for (const [file, id] of Object.entries(stamp.inputs)) if (!same(fileId(path.join(ROOT, file)), id)) return false;
  } catch {
    return false;
  }
  return true;
}

/**
 * `__dirname`/`__filename` of a source file, as the bundle sees it: the same
 * folder as under tsx (the bundle lives in build/, one level below the root).
 */
const sourcePaths = {
  name: 'oaas-source-paths',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      let contents = fs.readFileSync(args.path, 'utf8');
      if (/\b__(dirname|filename)\b/.test(contents)) {
        const rel = (p) => JSON.stringify(path.relative(ROOT, p).split(path.sep).join('/'));
        // Kept on the first line so that source-map line numbers do not move.
        contents = `var __dirname = __oaas_path.join(__oaas_root, ${rel(path.dirname(args.path))}), __filename = __oaas_path.join(__oaas_root, ${rel(args.path)}); ${contents}`;
      }
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const tmpName = (file) => `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;

function writeAtomically(file, contents) {
  const tmp = tmpName(file);
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** Bundles `entry` and writes bundle, map and stamp. Resolves when done; rejects on any failure. */
async function build(entry, paths, version) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: paths.bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // package.json engines: the same bundle for every Node version that may run it.
    target: 'node20',
    packages: 'external',
    // As tsx does: class and function names survive, whatever the bundle renames.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    banner: { js: 'var __oaas_path = require("path"), __oaas_root = __oaas_path.join(__dirname, "..");' },
    plugins: [sourcePaths],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  // The map first, so a bundle in place always finds its map.
  const outputs = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const out of outputs) writeAtomically(out.path, out.contents);
  const files = [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS].map((f) => f.split(path.sep).join('/'));
  const inputs = {};
  for (const file of files) {
    inputs[file] = fileId(path.join(ROOT, file));
    const dir = path.posix.dirname(file);
    if (!(dir in inputs)) inputs[dir] = fileId(path.join(ROOT, dir));
  }
  const stamp = { format: FORMAT, esbuild: version, root: ROOT, entry, bundle: fileId(paths.bundle), inputs };
  writeAtomically(paths.stamp, `${JSON.stringify(stamp, null, 1)}\n`);
}

function enableSourceMapsIfDebugging() {
  if (debugRequested() && typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
}

function loadWithTsx(entry) {
  require('tsx/cjs');
  return require(path.join(ROOT, entry));
}

/** Throws `error` as an uncaught exception (as a failing `require` did before), outside any promise. */
function rethrow(error) {
  process.nextTick(() => {
    throw error;
  });
}

/**
 * Loads `entry` (a path relative to the repository root) and calls `then` with
 * its exports: synchronously when the bundle is fresh, after a build otherwise.
 */
function load(entry, then = () => {}) {
  const version = process.env.OAAS_NO_BUNDLE ? undefined : esbuildVersion();
  if (!version) return then(loadWithTsx(entry));
  const paths = bundlePaths(entry);
  enableSourceMapsIfDebugging();
  if (isFresh(paths, version)) return then(require(paths.bundle));
  build(entry, paths, version).then(
    () => {
      let exports;
      try {
        exports = require(paths.bundle);
      } catch (error) {
        return rethrow(error);
      }
      try {
        then(exports);
      } catch (error) {
        rethrow(error);
      }
    },
    (error) => {
      if (debugRequested()) process.stderr.write(`launcher: bundling ${entry} failed, running it with tsx instead: ${error && error.message}\n`);
      let exports;
      try {
        exports = loadWithTsx(entry);
      } catch (tsxError) {
        return rethrow(tsxError);
      }
      then(exports);
    },
  );
  return undefined;
}

/** Builds the bundles of `entries` that are not fresh (the benchmark's warm-up). */
async function buildAll(entries) {
  const version = esbuildVersion();
  if (!version) throw new Error('esbuild is not installed; entries will run with tsx');
  for (const entry of entries) {
    const paths = bundlePaths(entry);
    if (!isFresh(paths, version)) await build(entry, paths, version);
  }
}

module.exports = { load, buildAll, isFresh: (entry) => isFresh(bundlePaths(entry), esbuildVersion()), bundlePaths, debugRequested, ROOT };

if (require.main === module) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === undefined) {
    process.stderr.write('usage: node bin/launcher.js <entry.ts> [args...] | --build <entry.ts>...\n');
    process.exit(2);
  }
  if (first === '--build') {
    buildAll(rest).then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`launcher: ${error && error.message}\n`);
        process.exit(1);
      },
    );
  } else {
    // The entry sees itself as the script: argv[1] is the entry, its arguments follow.
    process.argv.splice(1, 1);
    process.argv[1] = path.join(ROOT, first);
    load(first);
  }
}
