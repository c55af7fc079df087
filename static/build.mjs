// Builds every Custom UI app under static/ (a folder with index.html and src/main.tsx) into
// static/<app>/build/, the folder manifest.yml serves as the app's resource.
//
// Usage: node static/build.mjs [app …]   (no arguments: all apps)
//
// - Vite's JS API with its built-in Oxc transform for TSX (automatic React runtime); no React plugin.
// - The apps are written against React's API and run on Preact's (preact/compat): the same components in
//   about a tenth of React DOM's size, so each bundle loads and compiles faster (aliases below).
// - base './': Forge serves a resource under a sub-path, so every asset URL must be relative.
// - static/<app>/public/* (e.g. the panel's icon.svg) is copied into the build as is.
// - Exits non-zero when any app fails to build.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const staticDir = path.dirname(fileURLToPath(import.meta.url));

/** The app folders: directories with both an index.html and a src/main.tsx. */
function findApps() {
  return readdirSync(staticDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(staticDir, name, 'index.html')) && existsSync(path.join(staticDir, name, 'src', 'main.tsx')))
    .sort();
}

/**
 * React's modules as Preact's compatibility layer. Exact names only: `react-dom/client` must not become
 * `preact/compat/client` by a prefix rule applied twice.
 */
const PREACT_ALIASES = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
];

/**
 * @forge/bridge's `createAdfRendererIframeProps` (Confluence macros' ADF renderer) loads iframe-resizer on
 * demand. No app here calls it, yet the bundler emitted the library as a chunk of every app; this stands in
 * for it and says so if it is ever reached.
 */
function withoutIframeResizer() {
  const id = '\0iframe-resizer-unused';
  return {
    name: 'without-iframe-resizer',
    enforce: 'pre',
    resolveId: (source) => (source === 'iframe-resizer' ? id : null),
    load: (loaded) =>
      loaded === id
        ? `export function iframeResizer() { throw new Error('iframe-resizer is not bundled: the ADF renderer of @forge/bridge is not used by this app'); }\nexport default { iframeResizer };`
        : null,
  };
}

/**
 * The chunks the entry imports, announced in index.html (<link rel="modulepreload">) so they load beside it
 * instead of one after the other: the chunks it imports statically, and the app's own chunks it imports
 * dynamically (the panel's entry asks for its view first, then imports the rest). Chunks of dependencies
 * (e.g. iframe-resizer) are not: they load only if ever used. Done here rather than by Vite's modulePreload,
 * whose helper would add code to every bundle with a dynamic import.
 */
function preloadEntryImports(root) {
  const appSource = path.join(root, 'src') + path.sep;
  return {
    name: 'preload-entry-imports',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) return [];
        const own = entry.dynamicImports.filter((file) => chunks.find((c) => c.fileName === file)?.facadeModuleId?.startsWith(appSource));
        return [...entry.imports, ...own].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}

async function buildApp(app) {
  const root = path.join(staticDir, app);
  const started = performance.now();
  const result = await build({
    root,
    base: './',
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    publicDir: path.join(root, 'public'),
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // development: false whatever NODE_ENV says (Jest sets it to test), so the bundle never needs jsxDEV.
    oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
    resolve: { alias: PREACT_ALIASES },
    plugins: [withoutIframeResizer(), preloadEntryImports(root)],
    build: {
      outDir: path.join(root, 'build'),
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      // One entry chunk and one CSS file (the panel splits its own code, see static/panel/src/main.tsx).
      cssCodeSplit: false,
      modulePreload: false, // see preloadEntryImports
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024,
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const bytes = outputs.reduce(
    (sum, o) =>
      sum +
      (o.type === 'chunk' ? Buffer.byteLength(o.code) : typeof o.source === 'string' ? Buffer.byteLength(o.source) : o.source.byteLength),
    0,
  );
  console.log(
    `built static/${app}/build: ${outputs.length} files, ${(bytes / 1024).toFixed(1)} kB in ${Math.round(performance.now() - started)} ms`,
  );
}

const requested = process.argv.slice(2);
const apps = requested.length > 0 ? requested : findApps();
if (apps.length === 0) {
  console.error('static/build.mjs: no app found (a folder under static/ with index.html and src/main.tsx)');
  process.exit(1);
}
let failed = false;
for (const app of apps) {
  try {
    if (!findApps().includes(app)) throw new Error(`static/${app} is not an app folder (needs index.html and src/main.tsx)`);
    await buildApp(app);
  } catch (error) {
    failed = true;
    console.error(`static/build.mjs: building ${app} failed:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
