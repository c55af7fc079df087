/** Evaluates Forge KVS filter/condition clauses (`{property, condition, values}`) against a stored value. */
export interface Clause {
  property: string;
  condition: string;
  values: unknown[];
}

export type ConditionGroup = { and?: Clause[]; or?: Clause[] };

function read(value: unknown, property: string): unknown {
  let cur: unknown = value;
  for (const part of property.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** @throws Error on an unknown condition, so a misuse never silently passes. */
export function clauseHolds(actual: unknown, clause: Pick<Clause, 'condition' | 'values'>): boolean {
  const [v0, v1] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === v0;
    case 'NOT_EQUAL_TO':
      return actual !== v0;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(v0));
    case 'CONTAINS':
      return (typeof actual === 'string' && actual.includes(String(v0))) || (Array.isArray(actual) && actual.includes(v0));
    case 'NOT_CONTAINS':
      return !((typeof actual === 'string' && actual.includes(String(v0))) || (Array.isArray(actual) && actual.includes(v0)));
    case 'GREATER_THAN':
      return actual !== undefined && compare(actual, v0) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, v0) >= 0;
    case 'LESS_THAN':
      return actual !== undefined && compare(actual, v0) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, v0) <= 0;
    case 'BETWEEN':
      return actual !== undefined && compare(actual, v0) >= 0 && compare(actual, v1) <= 0;
    default:
      throw new Error(`Sandbox KVS: unsupported condition ${clause.condition}`);
  }
}

export function groupHolds(value: unknown, group: ConditionGroup | undefined): boolean {
  if (!group) return true;
  if (group.and) return group.and.every((c) => clauseHolds(read(value, c.property), c));
  if (group.or) return group.or.some((c) => clauseHolds(read(value, c.property), c));
  throw new Error('Sandbox KVS: a condition group needs "and" or "or"');
}

export { read as readProperty, compare as compareValues };
