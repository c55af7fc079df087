/**
 * Jest transform for TypeScript: esbuild strips the types, nothing more (the type check is `npm run
 * typecheck`). Several times faster than ts-jest's transpileModule, which would do the same job. Safe
 * because tsconfig.json sets isolatedModules (every file compiles on its own) and the tests never hoist
 * module mocks (`jest.mock`), which only ts-jest/babel would move above the imports.
 */
const { transformSync } = require('esbuild');

const TSCONFIG = { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true, jsx: 'react-jsx' } };

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'es2022',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: filename,
      tsconfigRaw: TSCONFIG,
    });
    return { code, map };
  },
};
