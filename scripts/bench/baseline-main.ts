/**
 * Entry point of the baseline app for bundled runs (`node bin/launcher.js
 * scripts/bench/baseline-main.ts`): inside a bundle, baseline-app.ts is not the main
 * module, so its own `require.main === module` guard does not start it.
 */
import { main } from './baseline-app';

main();
