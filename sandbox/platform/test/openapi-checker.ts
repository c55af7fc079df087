/**
 * A compact checker for the JSON-schema subset the Atlassian OpenAPI specs use: $ref, allOf/oneOf/anyOf,
 * type, required, properties, items, enum, additionalProperties: false. Structural only (no formats).
 */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  enum?: unknown[];
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
}

/** A request or response body's media types, e.g. `application/json`. */
export type Content = Record<string, { schema?: Schema }>;

export interface Operation {
  requestBody?: { content: Content };
  responses: Record<string, { content?: Content } | undefined>;
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, Operation | undefined> | undefined>;
  components: { schemas: Record<string, Schema | undefined> };
}

export function resolveRef(spec: OpenApiSpec, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const next = spec.components.schemas[name];
    if (!next) throw new Error(`Unresolvable $ref ${schema.$ref}`);
    s = next;
  }
  return s;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Returns a list of problems (empty = valid). `strict` enforces additionalProperties: false. */
export function check(spec: OpenApiSpec, schema: Schema | undefined, value: unknown, path = '$', strict = true, depth = 0): string[] {
  if (!schema || depth > 12) return [];
  const s = resolveRef(spec, schema);
  const errors: string[] = [];
  if (s.allOf) for (const sub of s.allOf) errors.push(...check(spec, sub, value, path, false, depth + 1));
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (s[key]) {
      const ok = s[key].some((sub) => check(spec, sub, value, path, strict, depth + 1).length === 0);
      if (!ok) errors.push(`${path}: matches none of ${key}`);
    }
  }
  if (value === null) return s.nullable === false ? [`${path}: null`] : errors;
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`);
  const t = typeOf(value);
  if (s.type) {
    const okType = s.type === t || (s.type === 'number' && t === 'integer');
    if (!okType) return [...errors, `${path}: expected ${s.type}, got ${t}`];
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const req of s.required ?? []) if (!(req in obj)) errors.push(`${path}: missing required ${req}`);
    const props: Record<string, Schema | undefined> = s.properties ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...check(spec, props[k], v, `${path}.${k}`, strict, depth + 1));
      else if (strict && s.additionalProperties === false && s.properties) errors.push(`${path}: unexpected property ${k}`);
      else if (typeof s.additionalProperties === 'object')
        errors.push(...check(spec, s.additionalProperties, v, `${path}.${k}`, strict, depth + 1));
    }
  }
  const items = s.items;
  if (t === 'array' && items)
    (value as unknown[]).forEach((item, i) => errors.push(...check(spec, items, item, `${path}[${i}]`, strict, depth + 1)));
  return errors;
}

export function jsonSchemaOf(content: Content | undefined): Schema | undefined {
  if (!content) return undefined;
  const entry = content['application/json'] ?? content['*/*'] ?? Object.values(content)[0];
  return entry?.schema;
}
