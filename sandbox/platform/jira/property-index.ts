import type { Db } from '../db/open-database';
import type { EntityPropertyModule } from '../manifest/app-manifest';
import type { CustomField } from './custom-fields';

/** Index sources: `prop:<propertyKey>` for issue properties, the field id for custom fields. */
export function propertySource(propertyKey: string): string {
  return `prop:${propertyKey}`;
}

function readPath(value: unknown, path: string): unknown[] {
  let cur: unknown[] = [value];
  for (const part of path.split('.').filter(Boolean)) {
    const next: unknown[] = [];
    for (const v of cur) {
      const child = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(child)) next.push(...(child as unknown[]));
      else if (child !== undefined) next.push(child);
    }
    cur = next;
  }
  return cur.filter((v) => v !== null && v !== undefined);
}

/** Parses a date value as Jira indexes it (ISO string, date-only, or epoch ms). */
export function toEpochMs(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

interface IndexRow {
  path: string;
  alias: string | null;
  type: string;
  num: number | null;
  text: string | null;
}

function rowsFor(value: unknown, specs: { path: string; type: string; alias?: string }[]): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const spec of specs) {
    for (const v of readPath(value, spec.path)) {
      if (spec.type === 'number' || spec.type === 'integer') {
        if (typeof v === 'number') rows.push({ path: spec.path, alias: spec.alias ?? null, type: 'number', num: v, text: null });
      } else if (spec.type === 'date' || spec.type === 'datetime') {
        const ms = toEpochMs(v);
        if (ms !== null) rows.push({ path: spec.path, alias: spec.alias ?? null, type: 'date', num: ms, text: String(v) });
      } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        rows.push({ path: spec.path, alias: spec.alias ?? null, type: spec.type, num: null, text: String(v) });
      }
    }
  }
  return rows;
}

function write(db: Db, issueId: number, source: string, rows: IndexRow[]): void {
  db.prepare('DELETE FROM jira_index_value WHERE issue_id = ? AND source = ?').run(issueId, source);
  const insert = db.prepare('INSERT INTO jira_index_value (issue_id, source, path, alias, type, num, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(issueId, source, r.path, r.alias, r.type, r.num, r.text);
}

/** Re-indexes one issue property per the manifest's `jira:entityProperty` modules (value undefined = deleted). */
export function indexIssueProperty(db: Db, modules: EntityPropertyModule[], issueId: number, propertyKey: string, value: unknown): void {
  const specs = modules
    .filter((m) => m.propertyKey === propertyKey)
    .flatMap((m) => m.values.map((v) => ({ path: v.path, type: v.type, alias: v.searchAlias })));
  if (specs.length === 0) return;
  write(db, issueId, propertySource(propertyKey), value === undefined ? [] : rowsFor(value, specs));
}

/** Indexes the app custom field's value: whole value for scalar fields, schema properties for object fields. */
export function indexCustomField(db: Db, field: CustomField, issueId: number, value: unknown): void {
  if (value === undefined || value === null) return write(db, issueId, field.id, []);
  if (field.type === 'object') {
    const specs = field.searchable.map((s) => ({ path: s.property, type: s.type, alias: s.alias }));
    return write(db, issueId, field.id, rowsFor(value, specs));
  }
  write(
    db,
    issueId,
    field.id,
    rowsFor({ v: value }, [{ path: 'v', type: field.type }]).map((r) => ({ ...r, path: '' })),
  );
}
