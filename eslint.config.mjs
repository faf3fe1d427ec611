import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import layering from './eslint.layers.cjs';

const { LAYERS, CONSTRUCTS_STAND_ALONE, DEFINITION_PRIVATE, TRANSITIONAL } = layering;

/**
 * The layer rule: one zone per (layer, folder of a layer above it), so a file
 * of a layer may import only the layers before it in LAYERS (eslint.layers.cjs).
 * `allow` lists files a file of that layer may still import against the order.
 */
function layerZones(allow = []) {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    const below = LAYERS.slice(0, i).map((l) => l.name);
    for (const above of LAYERS.slice(i + 1)) {
      for (const from of above.paths) {
        const except = allow.filter((to) => to.startsWith(`${from}/`)).map((to) => to.slice(from.length + 1));
        zones.push({
          target: layer.paths,
          from,
          ...(except.length > 0 ? { except } : {}),
          message: `${layer.name} (${layer.paths.join(', ')}) may import only ${below.join(', ') || 'nothing of this repository'}, not ${above.name}: see docs/architecture.md.`,
        });
      }
    }
  });
  zones.push({
    target: CONSTRUCTS_STAND_ALONE.target,
    from: CONSTRUCTS_STAND_ALONE.from,
    message: 'Constructs take props and import nothing from lib/: put the model-to-props logic in lib/mapping.',
  });
  zones.push({
    target: LAYERS.flatMap((l) => l.paths).filter((p) => p !== DEFINITION_PRIVATE.inside),
    from: DEFINITION_PRIVATE.private,
    message: 'Read the resolved model (lib/definition/model), not the definition\'s file types: a key renamed in YAML then stops at lib/definition/resolve.ts.',
  });
  return zones;
}

const layerFiles = LAYERS.flatMap((l) => l.paths).map((p) => `${p}/**/*.ts`);
const transitionalFiles = [...new Set(TRANSITIONAL.map((t) => t.from))];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'build/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Construct code instantiates for side effects (`new Stack(...)`), as every CDK app does.
      'no-new': 'off',
    },
  },
  {
    files: layerFiles,
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones() }] },
  },
  ...transitionalFiles.map((file) => ({
    files: [file],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        basePath: import.meta.dirname,
        zones: layerZones(TRANSITIONAL.filter((t) => t.from === file).map((t) => t.to)),
      }],
    },
  })),
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
