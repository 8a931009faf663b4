// One config for both transport packages (undici, axios): their tests run against core's sources.
export { transportPackageConfig as default } from '../core/test/transport-package-vitest-config.js';
