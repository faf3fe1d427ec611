/** Entry point of the constructs-only app for bundled runs (`node bin/launcher.js scripts/bench/constructs-main.ts`). */
import { main } from './constructs-app';

main();
