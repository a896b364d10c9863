import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the libraries; tests must see that same instance,
    // not the ESM build Vite would pick, or graphql rejects the schema as "from another module".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          // Pure logic in memory: no Neo4j, no Java (`npm run test:unit`, the fast loop).
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/unit/**'],
          globalSetup: ['tests/support/globalSetup.ts'],
          // Files share one Neo4j; running them one at a time keeps their writes apart.
          fileParallelism: false,
          // The conformance suite keeps every answer of the whole schema over the whole graph
          // (and Apollo's cache of them) at once: more than Node's default heap.
          execArgv: ['--max-old-space-size=8192'],
        },
      },
    ],
  },
});
