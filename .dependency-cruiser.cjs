/**
 * The layer rules of the code (README "Shape of the code"), checked inside `npm test`:
 *   domain      pure: imports only itself and its libraries (no @forge/*, no other layer)
 *   shared      the resolver contract, in the domain's words: imports only itself, the domain and zod
 *   usecases    own their ports and errors: never import infrastructure, entry points or the sandbox
 *   infrastructure implements the ports: may import use cases, domain and shared, never entry points
 *   static/*    Custom UI: sees only src/shared (and itself)
 *   src/**      never imports sandbox/** or test/**
 * and no import cycles anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless and load order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports only itself and its libraries (date-fns, @date-fns/tz, date-holidays, zod).',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/(date-fns|@date-fns/tz|date-holidays|zod|fast-check)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment: 'src/domain runs anywhere: no Node built-ins outside its tests.',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-is-the-contract',
      severity: 'error',
      comment: 'src/shared is the resolver contract, in the words of the domain: it imports only itself, the domain and zod.',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', '^src/domain/', '^node_modules/zod/'] },
    },
    {
      name: 'usecases-own-their-ports',
      severity: 'error',
      comment: 'Use cases declare ports and errors; infrastructure implements them. No import the other way.',
      from: { path: '^src/usecases/' },
      to: { path: '^src/(infrastructure|entry)/' },
    },
    {
      name: 'infrastructure-below-entry',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/entry/' },
    },
    {
      name: 'static-sees-only-the-contract',
      severity: 'error',
      comment: 'Custom UI apps import only src/shared from the server side.',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'app-never-imports-sandbox-or-tests',
      severity: 'error',
      from: { path: '^(src|static)/' },
      to: { path: '^(sandbox|test)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)build/', '^node_modules/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    // Worktrees link node_modules from elsewhere: keep library paths as node_modules/… either way.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
