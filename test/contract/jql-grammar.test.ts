/**
 * Contract: every JQL the app sends to Jira, and every JQL the README shows users, is valid against
 * Atlassian's own JQL grammar (`@atlaskit/jql-parser`, the ANTLR grammar Jira's editor uses).
 *
 * The app's JQL is built by its own code (BACKFILL_JQL, issuesByIdJql, criticalJql) with awkward inputs, so a quoting bug shows up
 * here and not as a 400 from `POST /rest/api/3/search/jql` on a customer's site.
 *
 * One documented syntax is missing from that grammar: the search alias of an object custom field.
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field/ ("Object type JQL
 * search"): "for a field named X ... by defining a field property, such as Y, in the schema with searchAlias,
 * you can search that field property using X.Y = value". The grammar accepts `X[Y]` (its field-property form)
 * but rejects `X.Y`. Such references are handled explicitly below: the alias must be a `searchAlias` of the
 * field's schema in manifest.yml, then the clause is parsed with the plain field in its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CharStreams, CommonTokenStream, type ANTLRErrorListener, type Token } from 'antlr4ts';
import { JQLLexer } from '@atlaskit/jql-parser/JQLLexer';
import { JQLParser } from '@atlaskit/jql-parser/JQLParser';
import { parse } from 'yaml';
import { BACKFILL_JQL, criticalJql, issuesByIdJql } from '../../src/infrastructure/jira/escalation-sweep-jira';

const APP_DIR = path.resolve(__dirname, '..', '..');

interface Parsed {
  errors: string[];
  tokens: Token[];
}

/** Lexes and parses one query; every lexer and parser complaint is an error. */
function parseJql(jql: string): Parsed {
  const errors: string[] = [];
  const listener: ANTLRErrorListener<unknown> = {
    syntaxError: (_recognizer, _symbol, line, column, message) => void errors.push(`${line}:${column} ${message}`),
  };
  const lexer = new JQLLexer(CharStreams.fromString(jql));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const stream = new CommonTokenStream(lexer);
  const parser = new JQLParser(stream);
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  parser.jqlQuery();
  return { errors, tokens: stream.getTokens() };
}

/** The values of double-quoted strings, unescaped as Jira reads them (`\"` → `"`, `\\` → `\`). */
const quotedValues = (tokens: Token[]): string[] =>
  tokens.filter((t) => t.type === JQLLexer.QUOTE_STRING).map((t) => (t.text ?? '').slice(1, -1).replace(/\\(.)/g, '$1'));

type Manifest = { modules?: Record<string, Array<Record<string, unknown>>> };
const manifest = parse(fs.readFileSync(path.join(APP_DIR, 'manifest.yml'), 'utf8')) as Manifest;
const enUS = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'locales', 'en-US.json'), 'utf8')) as Record<string, unknown>;

const translate = (text: unknown): string => {
  if (typeof text === 'string') return text;
  const key = (text as { i18n: string }).i18n;
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], enUS);
  return typeof value === 'string' ? value : key;
};

/** Search aliases of the app's `jira:entityProperty` indexes: the JQL fields the app's own queries use. */
const propertyAliases = new Set(
  (manifest.modules?.['jira:entityProperty'] ?? []).flatMap((m) =>
    ((m.values as Array<{ searchAlias?: string }> | undefined) ?? []).flatMap((v) => (v.searchAlias ? [v.searchAlias] : [])),
  ),
);

/** The app's object custom fields: (en-US) name → the `searchAlias`es of its schema. */
const objectFields = new Map(
  (manifest.modules?.['jira:customField'] ?? [])
    .filter((m) => m.type === 'object')
    .map((m) => {
      const properties = ((m.schema as { properties?: Record<string, { searchAlias?: string }> } | undefined)?.properties ?? {}) as Record<
        string,
        { searchAlias?: string }
      >;
      return [translate(m.name), new Set(Object.values(properties).flatMap((p) => (p.searchAlias ? [p.searchAlias] : [])))] as const;
    }),
);

/** `"Field name".alias` references to object-field search aliases (the documented syntax the grammar lacks). */
const FIELD_ALIAS = /"([^"]+)"\.([A-Za-z][\w-]*)/g;
const hasFieldAlias = (jql: string): boolean => new RegExp(FIELD_ALIAS.source).test(jql);

/**
 * Checks a query the way Jira would read it: each `"X".Y` must name an object field of the app and one of its
 * search aliases; it is then replaced by `"X"` (same position in the grammar) and the query parsed.
 */
function checkJql(jql: string): string[] {
  const problems: string[] = [];
  const plain = jql.replace(FIELD_ALIAS, (whole, field: string, alias: string) => {
    const aliases = objectFields.get(field);
    if (!aliases) problems.push(`"${field}" is not an object custom field of the app (in ${whole})`);
    else if (!aliases.has(alias)) problems.push(`"${field}" has no searchAlias '${alias}' (has: ${[...aliases].join(', ')})`);
    return `"${field}"`;
  });
  return [...problems, ...parseJql(plain).errors];
}

/** Fields (aliases) the app's queries name that look like the app's own. */
const appAliasesIn = (jql: string): string[] => [...jql.matchAll(/\bescalation[A-Z]\w*/g)].map((m) => m[0]);

describe('the JQL grammar itself (so a pass below means something)', () => {
  it('rejects broken queries', () => {
    expect(parseJql('priority in ()').errors).not.toEqual([]);
    expect(parseJql('status = ').errors).not.toEqual([]);
    expect(parseJql('priority = "unclosed').errors).not.toEqual([]);
  });

  it('lacks the documented object-field alias syntax X.Y (handled explicitly above), but has X[Y]', () => {
    // If this starts failing, the grammar learned `X.Y`: drop the FIELD_ALIAS rewrite and parse queries as they are.
    expect(parseJql('"Escalation level".level >= 2').errors).toEqual([expect.stringContaining("extraneous input '.level'")]);
    expect(parseJql('"Escalation level"[level] >= 2').errors).toEqual([]);
  });

  it('the explicit handling still rejects an alias or field the manifest does not define', () => {
    expect(checkJql('"Escalation level".Level >= 2')).toEqual([expect.stringContaining("no searchAlias 'Level'")]);
    expect(checkJql('"Escalation lvl".level >= 2')).toEqual([expect.stringContaining('is not an object custom field')]);
  });
});

describe('JQL the app sends to Jira', () => {
  it('the backfill of the due index (BACKFILL_JQL) and the read of due issues by id', () => {
    expect(checkJql(BACKFILL_JQL)).toEqual([]);
    expect(checkJql(issuesByIdJql(['10001', '10002', '20000']))).toEqual([]);
  });

  const awkward: string[][] = [
    ['Highest'],
    ['Highest', 'High'],
    ['P1 - Critical', 'Blocker'],
    ['Sehr hoch (Kunde)', 'Höchste'],
    ['He said "now"'],
    ['back\\slash', 'trailing\\'],
    ["It's critical"],
    ['AND', 'ORDER BY', 'priority in (x)'],
    ['  spaced  ', 'trailing space '],
  ];

  it.each(awkward.map((p) => [JSON.stringify(p), p] as const))('the critical-priority query for %s', (_name, priorities) => {
    const jql = criticalJql(priorities);
    expect(checkJql(jql)).toEqual([]);
    // Jira reads back exactly the names given: quoting and escaping are right, nothing leaks into the query.
    expect(quotedValues(parseJql(jql).tokens)).toEqual(priorities);
  });

  // Known gap, left to the owner of src/infrastructure/jira: a control character (tab, newline) inside a quoted JQL
  // string must be written as an escape (\t, \n); criticalJql copies it raw and the query is rejected. Priority
  // names in Jira are single-line, but the configured names (project-configuration.ts) only get trimmed.
  // `it.failing` turns red once criticalJql escapes them: then move this case into `awkward` above.
  it.failing('the critical-priority query for a name with a tab (not escaped yet)', () => {
    expect(checkJql(criticalJql(['tab\there']))).toEqual([]);
  });

  it('criticalJql([]) is not valid JQL: callers must not search with no critical priorities', () => {
    // sweep-due-escalations-use-case.ts only searches when `priorities.length > 0`.
    expect(parseJql(criticalJql([])).errors).not.toEqual([]);
  });

  it("names only fields the manifest's jira:entityProperty indexes provide", () => {
    for (const jql of [BACKFILL_JQL, criticalJql(['Highest'])]) {
      for (const alias of appAliasesIn(jql)) expect(propertyAliases).toContain(alias);
    }
  });
});

describe('JQL the README shows users', () => {
  const readme = fs.readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
  /** Inline code spans that are queries over the app's fields. */
  const examples = [...readme.matchAll(/`([^`\n]+)`/g)]
    .map((m) => m[1]!)
    .filter((code) => /(>=|<=|!=|=|~|\bIN\b|\bIS\b)/i.test(code) && (hasFieldAlias(code) || appAliasesIn(code).length > 0));

  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples).toContain('"Escalation level".level >= 2');
  });

  it.each(examples.map((e) => [e]))('%s', (jql) => {
    expect(checkJql(jql)).toEqual([]);
    for (const alias of appAliasesIn(jql)) expect(propertyAliases).toContain(alias);
  });
});
