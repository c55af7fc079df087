// Bundles the sandbox UI (sandbox/web/ui/main.tsx) with Vite into the folder given as argv[2].
// Run in a child process by ui-bundle.ts, so the ESM-only Vite never loads into the server (or jest).
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-ui.mjs <outDir>');

await build({
  root: here,
  mode: 'production',
  configFile: false,
  logLevel: 'warn',
  base: '/ui/',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir,
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      input: path.join(here, 'main.tsx'),
      output: { entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js', assetFileNames: '[name][extname]' },
    },
  },
});
