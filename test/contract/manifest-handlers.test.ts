/**
 * Contract between manifest.yml and the code: every handler exists as a callable export, no export of a
 * handler file is dead, resources live under static/, and every function key a module references exists.
 * Forge itself only checks that a handler's *file* exists (validate) and warns (lint) on a missing export.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const APP_DIR = path.resolve(__dirname, '..', '..');
const SRC_DIR = path.join(APP_DIR, 'src');

type Module = Record<string, unknown>;
const manifest = parse(fs.readFileSync(path.join(APP_DIR, 'manifest.yml'), 'utf8')) as {
  modules?: Record<string, Module[]>;
  resources?: Array<{ key: string; path: string }>;
};
const modules = manifest.modules ?? {};
const functions = modules.function ?? [];

/** Same grammar as @forge/manifest's ModulesValidator: "dir/file.export". */
const HANDLER = /^([\p{Alpha}\d_-]+(?:\/[\p{Alpha}\d_-]+)*)\.([\p{Alpha}\d_-]+)$/u;

/** Every `handler:` anywhere under modules (today only functions have one; keep it generic). */
function collect(value: unknown, prop: string, at: string, out: Array<{ value: string; at: string }>): void {
  if (Array.isArray(value)) value.forEach((v, i) => collect(v, prop, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === prop && typeof v === 'string') out.push({ value: v, at: `${at}.${k}` });
      else collect(v, prop, `${at}.${k}`, out);
    }
  }
}
const handlers: Array<{ value: string; at: string }> = [];
collect(modules, 'handler', 'modules', handlers);

const SOURCE_EXTS = ['ts', 'tsx', 'js', 'cjs'];
const sourceFile = (file: string): string | undefined =>
  SOURCE_EXTS.map((ext) => path.join(SRC_DIR, `${file}.${ext}`)).find((p) => fs.existsSync(p));

/** Loads a handler file (the Jest transform compiles it); fails with a readable message instead of a stack of imports. */
function loadExports(file: string): Record<string, unknown> {
  const found = sourceFile(file);
  if (!found) {
    throw new Error(
      `src/${file}.ts does not exist, but manifest.yml has handlers "${file}.*" ` +
        `(${handlers
          .filter((h) => h.value.startsWith(`${file}.`))
          .map((h) => h.value)
          .join(', ')}).`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file is found at run time from manifest.yml, and loading must stay synchronous for the describe blocks built from it
  return require(found) as Record<string, unknown>;
}

const handlerFiles = [...new Set(['index', ...handlers.map((h) => HANDLER.exec(h.value)?.[1] ?? '')])].filter(Boolean);

describe('manifest handlers <-> src exports', () => {
  it('every handler has the form <file>.<export>', () => {
    expect(handlers.filter((h) => !HANDLER.test(h.value))).toEqual([]);
  });

  it('src/index.ts exists (the handler entry point)', () => {
    if (!sourceFile('index')) {
      const wanted = handlers.filter((h) => h.value.startsWith('index.')).map((h) => h.value);
      throw new Error(`src/index.ts is missing: it must export the manifest's handlers (${wanted.join(', ') || 'none yet'}).`);
    }
  });

  it.each(handlerFiles)('every handler in src/%s.* is exported as a function', (file) => {
    const exports = loadExports(file);
    const broken = handlers
      .map((h) => ({ ...h, m: HANDLER.exec(h.value) }))
      .filter((h) => h.m?.[1] === file)
      .filter((h) => typeof exports[h.m![2]!] !== 'function')
      .map((h) => `${h.at}: ${h.value} -> ${h.m![2]} is ${typeof exports[h.m![2]!]}, not an exported function`);
    expect(broken).toEqual([]);
  });

  it.each(handlerFiles)('every export of src/%s.* is used by a handler (no dead handlers)', (file) => {
    const used = new Set(
      handlers
        .map((h) => HANDLER.exec(h.value))
        .filter((m) => m?.[1] === file)
        .map((m) => m![2]!),
    );
    const dead = Object.keys(loadExports(file)).filter((name) => !used.has(name));
    expect(dead).toEqual([]);
  });
});

describe('manifest internal references', () => {
  it('every resource path points under static/', () => {
    const outside = (manifest.resources ?? []).filter((r) => {
      const p = path.posix.normalize(String(r.path));
      return !p.startsWith('static/') || p.split('/').includes('..');
    });
    expect(outside).toEqual([]);
  });

  it('every function key referenced by a module exists', () => {
    const defined = new Set(functions.map((f) => f.key));
    const refs: Array<{ value: string; at: string }> = [];
    // `function: <key>` appears in resolvers, triggers, consumers, validators, …; modules.function itself is
    // the list of definitions, so walk every other module type.
    for (const [type, list] of Object.entries(modules)) {
      if (type !== 'function') collect(list, 'function', `modules.${type}`, refs);
    }
    expect(refs.filter((r) => !defined.has(r.value)).map((r) => `${r.at}: ${r.value}`)).toEqual([]);
  });

  it('function keys are unique', () => {
    const keys = functions.map((f) => f.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
