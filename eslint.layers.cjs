'use strict';
/**
 * The layers of the code, bottom first: the source of truth for which way
 * imports may point. eslint.config.mjs turns it into `import-x/no-restricted-paths`
 * zones (a layer may import the layers before it, never those after it);
 * test/architecture.test.ts checks there is no cycle between folders or files
 * and that docs/architecture.md lists these layers in this order.
 */

/** Each layer: a name and its folders (relative to the repository root). */
const LAYERS = [
  // Writing output: the safe writer that refuses to write over what it did not create; imports nothing from lib/.
  { name: 'files', paths: ['lib/fs'] },
  // The workspace definition: schema, loader, checks, and its public face, the resolved model (lib/definition/model).
  { name: 'definition', paths: ['lib/definition'] },
  // What every layer above the model agrees on: names, tags, role names, stack limits.
  { name: 'conventions', paths: ['lib/conventions'] },
  // CDK constructs: a library that knows nothing of the workspace (no import from lib/, see CONSTRUCTS_STAND_ALONE).
  { name: 'constructs', paths: ['constructs'] },
  // The validation plugins the app composes at synth (the CDK's validation, Guard rules): like constructs, no import from lib/.
  { name: 'synth-validation', paths: ['lib/synth-validation'] },
  // The model → cdk8s charts, their checks, and writing the manifests.
  { name: 'k8s', paths: ['lib/k8s'] },
  // Pure functions from the model to construct props.
  { name: 'mapping', paths: ['lib/mapping'] },
  // Stacks that only wire constructs together.
  { name: 'stacks', paths: ['lib/stacks'] },
  // The whole app: every stack of a workspace, the App and its feature flags.
  { name: 'platform', paths: ['lib/platform'] },
  // Compliance evidence, checks, the gate and reports, read from the synthesized platform.
  { name: 'compliance', paths: ['lib/compliance'] },
  // The commands without their command line: synthesizing for compliance-check and security-scan, `oaas discover`, `oaas plan`.
  { name: 'command libraries', paths: ['lib/commands', 'lib/discover', 'lib/plan'] },
  // The commands: the oaas CLI and the CDK app.
  { name: 'commands', paths: ['lib/cli', 'bin'] },
  // Developer tools: the benchmark and workspace generator.
  { name: 'scripts', paths: ['scripts'] },
];

/** Constructs import nothing from lib/: they take props, never the model. */
const CONSTRUCTS_STAND_ALONE = { target: 'constructs', from: 'lib' };

/** The definition's own file types; above it, only the model is read. */
const DEFINITION_PRIVATE = { inside: 'lib/definition', private: 'lib/definition/schema' };

/**
 * Imports against the layers that are being removed, each allowed only from its
 * file and to its target ({ from, to, why }); test/architecture.test.ts fails
 * once one is no longer needed, so it is deleted with the import.
 */
const TRANSITIONAL = [];

/**
 * File cycles another branch removes (issue 13: the definition's loader ↔ checks ↔
 * resolve type cycle). Listed by their files; the test fails once one is gone.
 */
const TRANSITIONAL_CYCLES = [];

module.exports = { LAYERS, CONSTRUCTS_STAND_ALONE, DEFINITION_PRIVATE, TRANSITIONAL, TRANSITIONAL_CYCLES };
