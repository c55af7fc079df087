import type { Db } from '../db/open-database';
import { modulesOf, type AppManifest, type ManifestModule } from '../manifest/app-manifest';

export interface CustomField {
  id: string;
  numericId: number;
  moduleKey: string;
  name: string;
  type: string;
  /** Object fields: properties with searchAlias from the manifest `schema`. */
  searchable: { property: string; alias?: string; type: string }[];
  definition: ManifestModule;
}

const FIRST_ID = 10050;

/**
 * Gives each manifest `jira:customField` a stable id (`customfield_10050`, …) stored in SQLite, so ids
 * survive restarts and manifest reordering, as in a real site.
 */
export function syncCustomFields(db: Db, manifest: AppManifest, translate: (text: unknown) => string): CustomField[] {
  const modules = modulesOf(manifest, 'jira:customField');
  for (const m of modules) {
    const existing = db.prepare('SELECT id FROM jira_custom_field WHERE module_key = ?').get(m.key) as { id: string } | undefined;
    const name = translate(m.name);
    const type = typeof m.type === 'string' ? m.type : 'string';
    if (existing) {
      db.prepare('UPDATE jira_custom_field SET name = ?, type = ?, definition = ? WHERE id = ?').run(
        name,
        type,
        JSON.stringify(m),
        existing.id,
      );
      continue;
    }
    const max = db.prepare('SELECT MAX(CAST(SUBSTR(id, 13) AS INTEGER)) AS n FROM jira_custom_field').get() as { n: number | null };
    const id = `customfield_${Math.max(FIRST_ID, (max.n ?? FIRST_ID - 1) + 1)}`;
    db.prepare('INSERT INTO jira_custom_field (id, module_key, name, type, definition) VALUES (?, ?, ?, ?, ?)').run(
      id,
      m.key,
      name,
      type,
      JSON.stringify(m),
    );
  }
  return loadCustomFields(db).filter((f) => modules.some((m) => m.key === f.moduleKey));
}

export function loadCustomFields(db: Db): CustomField[] {
  const rows = db.prepare('SELECT * FROM jira_custom_field ORDER BY id').all() as {
    id: string;
    module_key: string;
    name: string;
    type: string;
    definition: string;
  }[];
  return rows.map((r) => {
    const definition = JSON.parse(r.definition) as ManifestModule;
    const schema = definition.schema as { properties?: Record<string, { type?: string; searchAlias?: string }> } | undefined;
    const searchable = Object.entries(schema?.properties ?? {}).map(([property, p]) => ({
      property,
      alias: p.searchAlias,
      type: String(p.type ?? 'string'),
    }));
    return {
      id: r.id,
      numericId: Number(r.id.slice('customfield_'.length)),
      moduleKey: r.module_key,
      name: r.name,
      type: r.type,
      searchable,
      definition,
    };
  });
}

/** Field lookup by id (`customfield_10050`), module key, or Forge's `<appId>__<env>__<moduleKey>` key. */
export function findCustomField(fields: CustomField[], idOrKey: string): CustomField | undefined {
  return fields.find((f) => f.id === idOrKey || f.moduleKey === idOrKey || idOrKey.endsWith(`__${f.moduleKey}`));
}

/** A custom field's `schema` as Jira describes it (in /field and in field metadata); object fields read as `any`. */
export function fieldSchemaJson(field: CustomField, appId: string): Record<string, unknown> {
  return {
    type: field.type === 'object' ? 'any' : field.type,
    custom: `ari:cloud:ecosystem::extension/${appId.split('/').pop()}/sandbox/static/${field.moduleKey}`,
    customId: field.numericId,
  };
}
