import type { Principal } from '../sandbox-api';
import type { EntityPropertyModule } from '../manifest/app-manifest';
import type { CustomField } from './custom-fields';
import { JqlError, type JqlNode, type JqlQuery, type JqlValue } from './jql-parser';
import { propertySource } from './property-index';

export interface CompileEnv {
  principal: Principal;
  now: number;
  propertyIndexes: EntityPropertyModule[];
  customFields: CustomField[];
  /** null = every project. */
  browsableProjectIds: number[] | null;
  /** Issues in browsable projects that the searcher may not see for their issue security level. */
  hiddenIssueIds?: readonly number[];
  /**
   * Whether a value exists for a field Jira validates (priority, status, project): Jira answers 400
   * "The value 'X' does not exist for the field 'priority'." for a name it does not know (a project the
   * searcher cannot browse counts as unknown), and runs no part of the query.
   */
  valueExists(field: 'priority' | 'status' | 'project', value: string): boolean;
}

export interface CompiledSql {
  where: string;
  args: unknown[];
  orderBy: string;
  orderArgs: unknown[];
}

function unsupported(what: string): never {
  throw new JqlError(`The JQL ${what} is unsupported by the sandbox: only the documented subset is emulated.`);
}

/** Jira's answer for a field name it does not know (a system field, custom field or search alias). */
function unknownField(raw: string): never {
  throw new JqlError(`Field '${unquote(raw)}' does not exist or you do not have permission to view it.`);
}

/**
 * Jira's system fields (JQL reference, "Fields") that the sandbox does not emulate: those get the
 * sandbox's "unsupported" message, any other unknown name Jira's "does not exist" message.
 */
const OTHER_SYSTEM_FIELDS = new Set(
  [
    'affectedVersion',
    'approvals',
    'attachments',
    'category',
    'comment',
    'component',
    'creator',
    'description',
    'due',
    'duedate',
    'environment',
    'epicLink',
    'filter',
    'fixVersion',
    'issueLink',
    'issueLinkType',
    'issuetype',
    'labels',
    'lastViewed',
    'level',
    'originalEstimate',
    'parent',
    'remainingEstimate',
    'request',
    'resolution',
    'resolutiondate',
    'resolved',
    'sprint',
    'subtasks',
    'text',
    'timespent',
    'type',
    'voter',
    'votes',
    'watcher',
    'watchers',
    'worklogAuthor',
    'worklogComment',
    'worklogDate',
  ].map((f) => f.toLowerCase()),
);

/**
 * Functions Jira's JQL offers (JQL reference, "Functions"). The sandbox evaluates `now()` and
 * `currentUser()`; another of these is unsupported, a name outside the list is unknown to Jira, which
 * answers "Unable to find JQL function 'x()'.".
 */
const JIRA_FUNCTIONS = new Set(
  [
    'approved',
    'approver',
    'breached',
    'cascadeOption',
    'choiceOption',
    'closedSprints',
    'completed',
    'componentsLeadByUser',
    'currentLogin',
    'currentUser',
    'earliestUnreleasedVersion',
    'elapsed',
    'endOfDay',
    'endOfMonth',
    'endOfWeek',
    'endOfYear',
    'everbreached',
    'futureSprints',
    'issueHistory',
    'issuesWithRemoteLinksByGlobalId',
    'lastLogin',
    'latestReleasedVersion',
    'linkedIssues',
    'membersOf',
    'myApproval',
    'myPending',
    'now',
    'openSprints',
    'paused',
    'pending',
    'pendingBy',
    'projectsLeadByUser',
    'projectsWhereUserHasPermission',
    'projectsWhereUserHasRole',
    'releasedVersions',
    'remaining',
    'running',
    'standardIssueTypes',
    'startOfDay',
    'startOfMonth',
    'startOfWeek',
    'startOfYear',
    'subtaskIssueTypes',
    'unreleasedVersions',
    'updatedBy',
    'votedIssues',
    'watchedIssues',
    'withinCalendarHours',
  ].map((f) => f.toLowerCase()),
);

function unsupportedFunction(name: string): never {
  if (!JIRA_FUNCTIONS.has(name.toLowerCase())) throw new JqlError(`Unable to find JQL function '${name}()'.`);
  unsupported(`function '${name}()'`);
}

type IndexedField = { source: string; path: string; type: string; label: string };
type Resolved =
  | { kind: 'project' | 'key' | 'status' | 'statusCategory' | 'priority' | 'assignee' | 'reporter' | 'created' | 'updated' | 'summary' }
  | { kind: 'indexed'; field: IndexedField }
  | { kind: 'customFieldWhole'; field: CustomField };

const SYSTEM: Record<string, Resolved['kind']> = {
  project: 'project',
  issuekey: 'key',
  key: 'key',
  id: 'key',
  status: 'status',
  statuscategory: 'statusCategory',
  priority: 'priority',
  assignee: 'assignee',
  reporter: 'reporter',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  summary: 'summary',
};

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, name.lastIndexOf('"')) : name;
}

function resolveField(env: CompileEnv, raw: string): Resolved {
  const system = SYSTEM[unquote(raw).replace(/\s+/g, '').toLowerCase()];
  if (system) return { kind: system } as Resolved;
  const prop = /^issue\.property\[([^\]]+)\]\.(.+)$/i.exec(raw);
  if (prop) {
    const [, key, path] = prop;
    for (const m of env.propertyIndexes.filter((p) => p.propertyKey === key)) {
      const v = m.values.find((x) => x.path === path);
      if (v) return { kind: 'indexed', field: { source: propertySource(key!), path: v.path, type: v.type, label: raw } };
    }
    throw new JqlError(`Field '${raw}' does not exist or you do not have permission to view it.`);
  }
  for (const m of env.propertyIndexes) {
    const v = m.values.find((x) => x.searchAlias !== undefined && x.searchAlias.toLowerCase() === raw.toLowerCase());
    if (v) return { kind: 'indexed', field: { source: propertySource(m.propertyKey), path: v.path, type: v.type, label: raw } };
  }
  // Custom field: "Name", cf[10050], customfield_10050, optionally followed by .property
  const cf = /^(?:"([^"]+)"|cf\[(\d+)\]|customfield_(\d+))(?:\.(.+))?$/i.exec(raw);
  if (cf) {
    const [, name, n1, n2, sub] = cf;
    const field = env.customFields.find((f) => (name ? f.name.toLowerCase() === name.toLowerCase() : f.numericId === Number(n1 ?? n2)));
    if (field) {
      if (!sub) {
        if (field.type === 'object') return { kind: 'customFieldWhole', field };
        return {
          kind: 'indexed',
          field: { source: field.id, path: '', type: field.type === 'number' ? 'number' : field.type, label: raw },
        };
      }
      const s = field.searchable.find(
        (x) => x.property.toLowerCase() === sub.toLowerCase() || x.alias?.toLowerCase() === sub.toLowerCase(),
      );
      if (s) {
        if (!s.alias) throw new JqlError(`Field '${raw}' does not exist or you do not have permission to view it.`);
        const type =
          s.type === 'integer' || s.type === 'number' ? 'number' : s.type === 'date' || s.type === 'datetime' ? 'date' : 'string';
        return { kind: 'indexed', field: { source: field.id, path: s.property, type, label: raw } };
      }
    }
    unknownField(raw);
  }
  if (OTHER_SYSTEM_FIELDS.has(unquote(raw).replace(/\s+/g, '').toLowerCase())) unsupported(`field '${raw}'`);
  unknownField(raw);
}

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
/** A period such as `-5d`, `4w 2d`, `-1h 30m` or `-15` (minutes when no unit is given). */
const PERIOD = /^([-+]?)\s*((?:\d+[wdhm]?\s*)+)$/i;
/** The absolute forms Jira documents for JQL dates: yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd, yyyy-MM-dd. */
const ABSOLUTE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?: (\d{1,2}):(\d{2}))?$/;

function badDate(value: string, label: string): never {
  throw new JqlError(
    `Date value '${value}' for field '${label}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

/**
 * Date values as JQL takes them (Jira Cloud JQL reference, "Date/time formats"): the four absolute
 * forms above, a period relative to now, an unquoted number as epoch milliseconds, or `now()`. ISO
 * strings with `T` or seconds are invalid (400). The sandbox reads absolute dates in UTC.
 */
function dateValue(env: CompileEnv, v: JqlValue, label: string): number {
  if (v.kind === 'number' && !v.raw.includes('.')) return v.value;
  if (v.kind === 'function') {
    if (v.name.toLowerCase() === 'now') return env.now;
    unsupportedFunction(v.name);
  }
  if (v.kind === 'number') badDate(v.raw, label);
  if (v.kind !== 'string') throw new JqlError(`The value for field '${label}' is invalid.`);
  const period = PERIOD.exec(v.value.trim());
  if (period) {
    let ms = 0;
    for (const [, n, unit] of period[2]!.matchAll(/(\d+)([wdhm]?)/gi)) ms += Number(n) * UNIT_MS[(unit || 'm').toLowerCase()]!;
    return env.now + (period[1] === '-' ? -ms : ms);
  }
  const abs = ABSOLUTE.exec(v.value.trim());
  if (!abs) badDate(v.value, label);
  const [, y, , mo, d, h = '0', mi = '0'] = abs;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  const back = new Date(ms);
  if (back.getUTCMonth() + 1 !== Number(mo) || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59)
    badDate(v.value, label);
  return ms;
}

function text(v: JqlValue, label: string): string {
  if (v.kind === 'function') unsupportedFunction(v.name);
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return v.raw;
  throw new JqlError(`The value for field '${label}' is invalid.`);
}

const SQL_OP: Record<string, string> = { '=': '=', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

const CATEGORY_VALUES: Record<string, string> = {
  done: 'done',
  '3': 'done',
  'to do': 'new',
  new: 'new',
  '2': 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  '4': 'indeterminate',
};

function accountValue(env: CompileEnv, v: JqlValue): string {
  if (v.kind === 'function') {
    if (v.name.toLowerCase() !== 'currentuser') unsupportedFunction(v.name);
    if (env.principal.kind !== 'user') return '\u0000no-user';
    return env.principal.accountId;
  }
  return text(v, 'user');
}

function known(env: CompileEnv, field: 'priority' | 'status' | 'project', value: string): void {
  if (!env.valueExists(field, value)) throw new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
}

/** Compiles one clause `field op value` to SQL over `jira_issue i`. */
function compareSql(env: CompileEnv, field: Resolved, op: string, v: JqlValue, args: unknown[]): string {
  if (op === '~' || op === '!~') unsupported(`text search operator '${op}'`);
  const sqlOp = SQL_OP[op]!;
  const equality = op === '=' || op === '!=';
  const ordering = !equality;
  switch (field.kind) {
    case 'project':
      if (ordering) unsupported(`operator '${op}' on project`);
      if (v.kind === 'empty') unsupported('EMPTY on project');
      known(env, 'project', text(v, 'project'));
      args.push(text(v, 'project'), text(v, 'project'), text(v, 'project'));
      return `i.project_id ${op === '=' ? 'IN' : 'NOT IN'} (SELECT id FROM jira_project WHERE key = UPPER(?) OR CAST(id AS TEXT) = ? OR name = ?)`;
    case 'key': {
      const k = text(v, 'key').toUpperCase();
      if (/^\d+$/.test(k)) {
        args.push(Number(k));
        return `i.id ${sqlOp} ?`;
      }
      if (ordering) {
        const m = /^([A-Z][A-Z0-9_]*)-(\d+)$/.exec(k);
        if (!m) throw new JqlError(`The issue key '${k}' for field 'key' is invalid.`);
        args.push(m[1], Number(m[2]));
        return `(i.project_id = (SELECT id FROM jira_project WHERE key = ?) AND i.num ${sqlOp} ?)`;
      }
      args.push(k);
      return `i.key ${sqlOp} ?`;
    }
    case 'status':
      if (ordering) unsupported(`operator '${op}' on status`);
      if (v.kind === 'empty') unsupported('EMPTY on status');
      known(env, 'status', text(v, 'status'));
      args.push(text(v, 'status'), text(v, 'status'));
      return `i.status_id ${op === '=' ? 'IN' : 'NOT IN'} (SELECT id FROM jira_status WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?)`;
    case 'statusCategory': {
      if (ordering) unsupported(`operator '${op}' on statusCategory`);
      const cat = CATEGORY_VALUES[text(v, 'statusCategory').toLowerCase()];
      if (!cat) throw new JqlError(`The value '${text(v, 'statusCategory')}' does not exist for the field 'statusCategory'.`);
      args.push(cat);
      return `i.status_id ${op === '=' ? 'IN' : 'NOT IN'} (SELECT id FROM jira_status WHERE category = ?)`;
    }
    case 'priority':
      if (ordering) unsupported(`operator '${op}' on priority`);
      if (v.kind === 'empty') return `i.priority_id IS ${op === '=' ? '' : 'NOT '}NULL`;
      known(env, 'priority', text(v, 'priority'));
      args.push(text(v, 'priority'), text(v, 'priority'));
      return op === '='
        ? `i.priority_id IN (SELECT id FROM jira_priority WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?)`
        : `i.priority_id NOT IN (SELECT id FROM jira_priority WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?)`;
    case 'assignee':
    case 'reporter':
      if (ordering) unsupported(`operator '${op}' on ${field.kind}`);
      if (v.kind === 'empty') return `i.${field.kind} IS ${op === '=' ? '' : 'NOT '}NULL`;
      args.push(accountValue(env, v));
      return `i.${field.kind} ${sqlOp} ?`;
    case 'created':
    case 'updated':
      args.push(dateValue(env, v, field.kind));
      return `i.${field.kind} ${sqlOp} ?`;
    case 'summary':
      unsupported("field 'summary' (text search)");
    // falls through (unsupported throws)
    case 'customFieldWhole':
      unsupported(`comparison on the whole object field '${field.field.name}' (use a property with a searchAlias)`);
    // falls through
    case 'indexed': {
      const f = field.field;
      if (v.kind === 'empty') return emptySql(f, op === '=', args);
      if (f.type === 'number') {
        const n = v.kind === 'number' ? v.value : Number(text(v, f.label));
        if (Number.isNaN(n)) throw new JqlError(`The value '${text(v, f.label)}' is invalid for field '${f.label}': a number is expected.`);
        args.push(f.source, f.path, n);
        return `i.id IN (SELECT issue_id FROM jira_index_value WHERE source = ? AND path = ? AND num ${sqlOp} ?)`;
      }
      if (f.type === 'date') {
        args.push(f.source, f.path, dateValue(env, v, f.label));
        return `i.id IN (SELECT issue_id FROM jira_index_value WHERE source = ? AND path = ? AND num ${sqlOp} ?)`;
      }
      if (f.type === 'text') unsupported(`operator '${op}' on text field '${f.label}' (Jira allows only ~ there)`);
      const value = f.type === 'user' ? accountValue(env, v) : text(v, f.label);
      args.push(f.source, f.path, value);
      return `i.id IN (SELECT issue_id FROM jira_index_value WHERE source = ? AND path = ? AND text ${sqlOp} ?)`;
    }
  }
}

function emptySql(f: IndexedField, isEmpty: boolean, args: unknown[]): string {
  args.push(f.source, f.path);
  return `i.id ${isEmpty ? 'NOT IN' : 'IN'} (SELECT issue_id FROM jira_index_value WHERE source = ? AND path = ?)`;
}

function nodeSql(env: CompileEnv, node: JqlNode, args: unknown[]): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${nodeSql(env, node.left, args)} ${node.kind.toUpperCase()} ${nodeSql(env, node.right, args)})`;
    case 'not':
      return `NOT (${nodeSql(env, node.operand, args)})`;
    case 'compare':
      return compareSql(env, resolveField(env, node.field), node.op, node.value, args);
    case 'in': {
      const field = resolveField(env, node.field);
      const parts = node.values.map((v) => compareSql(env, field, '=', v, args));
      const any = `(${parts.join(' OR ')})`;
      return node.negated ? `NOT ${any}` : any;
    }
    case 'empty': {
      const field = resolveField(env, node.field);
      if (field.kind === 'indexed') return emptySql(field.field, !node.negated, args);
      if (field.kind === 'customFieldWhole') {
        args.push(field.field.id);
        return `i.id ${node.negated ? 'IN' : 'NOT IN'} (SELECT issue_id FROM jira_index_value WHERE source = ?)`;
      }
      if (field.kind === 'assignee' || field.kind === 'reporter') return `i.${field.kind} IS ${node.negated ? 'NOT ' : ''}NULL`;
      if (field.kind === 'priority') return `i.priority_id IS ${node.negated ? 'NOT ' : ''}NULL`;
      unsupported(`IS EMPTY on '${node.field}'`);
    }
  }
}

function sortSql(env: CompileEnv, field: string, direction: 'ASC' | 'DESC', args: unknown[]): string {
  const r = resolveField(env, field);
  const nulls = direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST';
  switch (r.kind) {
    case 'key':
      return `p.key ${direction}, i.num ${direction}`;
    case 'created':
    case 'updated':
      return `i.${r.kind} ${direction}`;
    case 'priority':
      return `(SELECT sequence FROM jira_priority WHERE id = i.priority_id) ${direction} ${nulls}`;
    case 'project':
      return `p.key ${direction}`;
    case 'status':
      return `(SELECT name FROM jira_status WHERE id = i.status_id) ${direction}`;
    case 'indexed': {
      const col = r.field.type === 'number' || r.field.type === 'date' ? 'MIN(num)' : 'MIN(text)';
      args.push(r.field.source, r.field.path);
      return `(SELECT ${col} FROM jira_index_value WHERE issue_id = i.id AND source = ? AND path = ?) ${direction} ${nulls}`;
    }
    default:
      unsupported(`ORDER BY ${field}`);
  }
}

const MAX_ORDER_BY_FIELDS = 7;

/** Translates a parsed query into a WHERE and ORDER BY over `jira_issue i` (permissions included). */
export function compileJql(env: CompileEnv, query: JqlQuery): CompiledSql {
  const args: unknown[] = [];
  const clauses: string[] = [];
  if (query.where) clauses.push(nodeSql(env, query.where, args));
  if (env.browsableProjectIds !== null) {
    clauses.push(env.browsableProjectIds.length ? `i.project_id IN (${env.browsableProjectIds.map(Number).join(',')})` : '0');
  }
  if (env.hiddenIssueIds?.length) clauses.push(`i.id NOT IN (${env.hiddenIssueIds.map(Number).join(',')})`);
  // "the `orderBy` clause can contain a maximum of 7 fields" (OpenAPI: SearchAndReconcileRequestBean.jql).
  if (query.orderBy.length > MAX_ORDER_BY_FIELDS)
    throw new JqlError(
      `The ORDER BY clause can contain a maximum of ${MAX_ORDER_BY_FIELDS} fields, but ${query.orderBy.length} were given.`,
    );
  const orderArgs: unknown[] = [];
  const order = query.orderBy.map((s) => sortSql(env, s.field, s.direction, orderArgs));
  order.push('i.created DESC', 'i.id DESC');
  return { where: clauses.length ? clauses.join(' AND ') : '1', args, orderBy: order.join(', '), orderArgs };
}
