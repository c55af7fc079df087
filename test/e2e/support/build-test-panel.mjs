// Builds test-panel/ (a tiny Custom UI app using the real @forge/bridge) into argv[2], with relative
// asset paths as Forge requires.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-panel');
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  base: './',
  build: { outDir: process.argv[2], emptyOutDir: true, minify: false },
});
