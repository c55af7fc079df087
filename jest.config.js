/**
 * Five projects, run by one pool of workers (all cores: Jest's default of cores − 1 is a single worker on
 * a two-core machine). `npm run test:unit` runs the first alone, in seconds.
 *   unit         src/**: domain, use cases, infrastructure and entry points beside their code
 *   sandbox      sandbox/**: the emulated platform and its web server
 *   integration  test/integration: the app in the sandbox (the fortnight simulation is the longest test)
 *   contract     test/contract and the test support's own tests: Forge manifest and lint, storage format
 *   e2e          test/e2e: browser tests (Debian chromium through playwright-core)
 * TypeScript is transpiled by esbuild (test/support/esbuild-transform.js); the type check is `npm run typecheck`.
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': '<rootDir>/test/support/esbuild-transform.js' },
  testPathIgnorePatterns: ['/node_modules/', '/build/', '/.tsbuild/'],
  modulePathIgnorePatterns: ['<rootDir>/.tsbuild/'],
};
const project = (displayName, testMatch) => ({ ...base, displayName, testMatch });

module.exports = {
  maxWorkers: '100%',
  projects: [
    project('unit', ['<rootDir>/src/**/*.test.ts']),
    project('sandbox', ['<rootDir>/sandbox/**/*.test.ts']),
    project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
    project('contract', ['<rootDir>/test/contract/**/*.test.ts', '<rootDir>/test/support/**/*.test.ts']),
    project('e2e', ['<rootDir>/test/e2e/**/*.test.ts']),
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
