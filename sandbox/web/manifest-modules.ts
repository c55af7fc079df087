/**
 * Reads the Custom UI modules the sandbox UI mounts from the app's parsed manifest.yml.
 * Only the manifest drives what is shown: nothing is wired by hand.
 */
import { z } from 'zod';

/** Module kinds the sandbox UI knows how to mount, and where. */
export const MOUNTABLE_KINDS = [
  'jira:issuePanel',
  'jira:issueContext',
  'jira:issueActivity',
  'jira:adminPage',
  'jira:projectSettingsPage',
  'jira:globalPage',
  'jiraServiceManagement:portalRequestDetail',
] as const;
export type MountableKind = (typeof MOUNTABLE_KINDS)[number];

export type I18nText = string | { i18n: string };

export interface UiModule {
  kind: MountableKind | WorkflowRuleKind | 'jira:customField';
  key: string;
  resourceKey: string;
  /** The Forge function (manifest `function` key) running this module's resolver, if any. */
  resolverFunction?: string;
  title: I18nText;
  icon?: string;
  useAsConfig?: boolean;
}

const i18nText = z.union([z.string(), z.object({ i18n: z.string() })]);
const moduleSchema = z
  .object({
    key: z.string(),
    resource: z.string().optional(),
    resolver: z.object({ function: z.string().optional() }).passthrough().optional(),
    title: i18nText.optional(),
    icon: z.string().optional(),
    useAsConfig: z.boolean().optional(),
    render: z.string().optional(),
  })
  .passthrough();
const manifestSchema = z
  .object({
    modules: z.record(z.string(), z.array(z.unknown())).optional(),
    resources: z.array(z.object({ key: z.string(), path: z.string() }).passthrough()).optional(),
  })
  .passthrough();

/** Custom UI modules (with a `resource`) of the mountable kinds, in manifest order. */
export function uiModules(manifest: unknown): UiModule[] {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) return [];
  const result: UiModule[] = [];
  for (const kind of MOUNTABLE_KINDS) {
    for (const raw of parsed.data.modules?.[kind] ?? []) {
      const mod = moduleSchema.safeParse(raw);
      if (!mod.success || !mod.data.resource) continue;
      if (mod.data.render === 'native') continue; // UI Kit: not a Custom UI bundle
      result.push({
        kind,
        key: mod.data.key,
        resourceKey: mod.data.resource,
        resolverFunction: mod.data.resolver?.function,
        title: mod.data.title ?? mod.data.key,
        icon: mod.data.icon,
        useAsConfig: mod.data.useAsConfig,
      });
    }
  }
  return result;
}

/** Looks a dotted key up in a (flat or nested) translations object. */
export function lookupTranslation(translations: Record<string, unknown>, key: string): string | undefined {
  const flat = translations[key];
  if (typeof flat === 'string') return flat;
  let node: unknown = translations;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A manifest text in the given translations (`{i18n: key}` → translated, or the key when missing). */
export function resolveText(text: I18nText, translations: Record<string, unknown>): string {
  if (typeof text === 'string') return text;
  return lookupTranslation(translations, text.i18n) ?? text.i18n;
}

/** The manifest `translations` block: locales and fallback, as @forge/i18n's `i18n-info.json` config wants it. */
export function i18nInfoConfig(manifest: unknown): { locales: string[]; fallback: Record<string, unknown> & { default: string } } {
  const schema = z.object({
    translations: z
      .object({
        resources: z.array(z.object({ key: z.string() }).passthrough()),
        fallback: z.record(z.string(), z.unknown()).optional(),
      })
      .passthrough()
      .optional(),
  });
  const parsed = schema.safeParse(manifest);
  const t = parsed.success ? parsed.data.translations : undefined;
  const locales = t?.resources.map((r) => r.key) ?? [];
  const fallback = t?.fallback ?? {};
  const def = typeof fallback.default === 'string' ? fallback.default : (locales[0] ?? 'en-US');
  return { locales, fallback: { ...fallback, default: def } };
}

export interface CustomFieldModule {
  key: string;
  name: I18nText;
  /** `view.formatter.expression` (the current module shape), else a legacy top-level `formatter.expression`. */
  formatter?: string;
  /** The Custom UI edit entry point and the Jira experiences (`edit.experience`) it is used in; elsewhere Jira shows its own editor. */
  edit?: { resource: string; experiences: string[] };
  /** The Custom UI view entry point (`view.resource`) and its experiences (`view.experience`); elsewhere Jira shows the formatter's text. */
  view?: { resource: string; experiences: string[] };
  /** The module's resolver function (its edit view's `invoke` runs it). */
  resolverFunction?: string;
}

/** The app's `jira:customField` modules: key, (i18n) name, formatter, view and edit entry points. */
export function customFieldModules(manifest: unknown): CustomFieldModule[] {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) return [];
  const formatter = z.object({ expression: z.string() }).passthrough();
  const schema = z
    .object({
      key: z.string(),
      name: i18nText.optional(),
      view: z
        .object({
          formatter: formatter.optional(),
          resource: z.string().optional(),
          render: z.string().optional(),
          experience: z.array(z.string()).optional(),
        })
        .passthrough()
        .optional(),
      formatter: formatter.optional(),
      edit: z
        .object({ resource: z.string(), experience: z.array(z.string()).optional() })
        .passthrough()
        .optional(),
      resolver: z.object({ function: z.string().optional() }).passthrough().optional(),
    })
    .passthrough();
  return (parsed.data.modules?.['jira:customField'] ?? []).flatMap((raw) => {
    const m = schema.safeParse(raw);
    if (!m.success) return [];
    const expression = m.data.view?.formatter?.expression ?? m.data.formatter?.expression;
    // A UI Kit view (`render: native`) is not a Custom UI bundle the sandbox can frame.
    const viewResource = m.data.view?.render === 'native' ? undefined : m.data.view?.resource;
    return [
      {
        key: m.data.key,
        name: m.data.name ?? m.data.key,
        ...(expression !== undefined ? { formatter: expression } : {}),
        ...(m.data.edit ? { edit: { resource: m.data.edit.resource, experiences: m.data.edit.experience ?? [] } } : {}),
        ...(viewResource ? { view: { resource: viewResource, experiences: m.data.view?.experience ?? [] } } : {}),
        ...(m.data.resolver?.function ? { resolverFunction: m.data.resolver.function } : {}),
      },
    ];
  });
}

/** Workflow rule module kinds Jira's workflow editor offers, in the order it lists them. */
export const WORKFLOW_RULE_KINDS = ['jira:workflowCondition', 'jira:workflowValidator', 'jira:workflowPostFunction'] as const;
export type WorkflowRuleKind = (typeof WORKFLOW_RULE_KINDS)[number];
export type WorkflowEntryPoint = 'create' | 'edit' | 'view';

export interface WorkflowRuleModule {
  kind: WorkflowRuleKind;
  key: string;
  name: I18nText;
  description?: I18nText;
  /** Custom UI resource per configuration entry point (`create` / `edit` / `view`), when the module has them. */
  views: Partial<Record<WorkflowEntryPoint, string>>;
  resolverFunction?: string;
}

/** The app's workflow conditions, validators and post functions, with their configuration views. */
export function workflowRuleModules(manifest: unknown): WorkflowRuleModule[] {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) return [];
  const view = z.object({ resource: z.string() }).passthrough().optional();
  const schema = z
    .object({
      key: z.string(),
      name: i18nText.optional(),
      description: i18nText.optional(),
      resolver: z.object({ function: z.string().optional() }).passthrough().optional(),
      create: view,
      edit: view,
      view,
    })
    .passthrough();
  const result: WorkflowRuleModule[] = [];
  for (const kind of WORKFLOW_RULE_KINDS) {
    for (const raw of parsed.data.modules?.[kind] ?? []) {
      const m = schema.safeParse(raw);
      if (!m.success) continue;
      const views: Partial<Record<WorkflowEntryPoint, string>> = {};
      for (const entryPoint of ['create', 'edit', 'view'] as const) {
        const resource = m.data[entryPoint]?.resource;
        if (resource) views[entryPoint] = resource;
      }
      result.push({
        kind,
        key: m.data.key,
        name: m.data.name ?? m.data.key,
        description: m.data.description,
        views,
        resolverFunction: m.data.resolver?.function,
      });
    }
  }
  return result;
}

/** The `extension` key under which Jira hands a rule's saved configuration to its configuration view. */
export const CONFIG_KEY: Record<WorkflowRuleKind, 'conditionConfig' | 'validatorConfig' | 'postFunctionConfig'> = {
  'jira:workflowCondition': 'conditionConfig',
  'jira:workflowValidator': 'validatorConfig',
  'jira:workflowPostFunction': 'postFunctionConfig',
};
