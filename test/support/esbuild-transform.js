/**
 * Jest transform for TypeScript: esbuild strips the types, nothing more (the type check is `npm run
 * typecheck`). Several times faster than ts-jest's transpileModule, which would do the same job. Safe
 * because tsconfig.json sets isolatedModules (every file compiles on its own) and the tests never hoist
 * module mocks (`jest.mock`), which only ts-jest/babel would move above the imports.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

// Jest's default cache key ignores the transform itself: a changed option here would reuse stale output.
const SELF = createHash('sha256').update(readFileSync(__filename)).update(version).digest('hex');

const TSCONFIG = { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true, jsx: 'react-jsx' } };

module.exports = {
  getCacheKey(source, filename, options) {
    return createHash('sha256').update(SELF).update(filename).update(source).update(options.configString).digest('hex');
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'es2022',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: filename,
      tsconfigRaw: TSCONFIG,
      // `await import('x')` becomes a require, as TypeScript's CommonJS output does: Jest's CommonJS
      // runtime cannot run a real dynamic import without --experimental-vm-modules.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
