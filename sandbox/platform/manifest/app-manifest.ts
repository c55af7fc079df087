import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The parts of manifest.yml the sandbox reads. Unknown module kinds are kept and listed, not dropped. */
export interface ManifestModule {
  key: string;
  [prop: string]: unknown;
}

export interface EntityPropertyValue {
  path: string;
  type: 'number' | 'string' | 'text' | 'user' | 'date';
  searchAlias?: string;
}

export interface EntityPropertyModule extends ManifestModule {
  entityType?: string;
  propertyKey: string;
  values: EntityPropertyValue[];
}

export interface AppManifest {
  raw: Record<string, unknown>;
  appId: string;
  modules: Record<string, ManifestModule[]>;
  functions: Map<string, { key: string; handler: string; timeoutSeconds?: number }>;
  resources: Map<string, string>;
  translations: { key: string; path: string }[];
  fallbackLocale: string | undefined;
  scopes: string[];
}

export function loadManifest(appDir: string): AppManifest {
  const raw = (parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8')) ?? {}) as Record<string, unknown>;
  const modules = (raw.modules ?? {}) as Record<string, ManifestModule[]>;
  const functions = new Map<string, { key: string; handler: string; timeoutSeconds?: number }>();
  for (const fn of (modules.function ?? []) as { key: string; handler: string; timeoutSeconds?: number }[]) {
    functions.set(fn.key, fn);
  }
  const resources = new Map<string, string>();
  for (const r of (raw.resources ?? []) as { key: string; path: string }[]) resources.set(r.key, r.path);
  const tr = (raw.translations ?? {}) as { resources?: { key: string; path: string }[]; fallback?: { default?: string } };
  const app = (raw.app ?? {}) as { id?: string };
  const permissions = (raw.permissions ?? {}) as { scopes?: string[] };
  return {
    raw,
    appId: app.id ?? 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000',
    modules,
    functions,
    resources,
    translations: tr.resources ?? [],
    fallbackLocale: tr.fallback?.default,
    scopes: permissions.scopes ?? [],
  };
}

export function modulesOf<T extends ManifestModule = ManifestModule>(m: AppManifest, kind: string): T[] {
  return (m.modules[kind] ?? []) as T[];
}

/** Finds a module of any kind by key. */
export function findModule(m: AppManifest, key: string): { kind: string; module: ManifestModule } | undefined {
  for (const [kind, list] of Object.entries(m.modules)) {
    const module = list.find((x) => x.key === key);
    if (module) return { kind, module };
  }
  return undefined;
}

/** The function key a module runs: `function`, `resolver.function`, or `endpoint`-less. */
export function functionKeyOf(module: ManifestModule): string | undefined {
  if (typeof module.function === 'string') return module.function;
  const resolver = module.resolver as { function?: string } | undefined;
  return resolver?.function;
}

/** jira:entityProperty modules that index issue properties. */
export function issuePropertyIndexes(m: AppManifest): EntityPropertyModule[] {
  return modulesOf<EntityPropertyModule>(m, 'jira:entityProperty').filter((p) => (p.entityType ?? 'issue') === 'issue');
}

/**
 * The Jira expression a `jira:customField` renders its value with. Current docs put it under
 * `view.formatter.expression` (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field/);
 * older manifests had a top-level `formatter`, still read here.
 */
export function customFieldFormatter(field: ManifestModule): string | undefined {
  const view = field.view as { formatter?: { expression?: unknown } } | undefined;
  const legacy = field.formatter as { expression?: unknown } | undefined;
  const expression = view?.formatter?.expression ?? legacy?.expression;
  return typeof expression === 'string' ? expression : undefined;
}
