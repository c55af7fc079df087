/**
 * People in a frozen report are stored as tokens naming their account id, not as display names: the
 * report's content hash then binds who acted (the pseudonymous id) but no name that may have to be
 * erased. Names are put in when the report is shown; the storage output links the account
 * (`<ac:link><ri:user ri:account-id="…"/></ac:link>`), which Confluence renders with the current name,
 * or as a former user once the account is closed.
 */

/** Private-use characters around an account id: they pass the markup escapers untouched. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000([^\uE000\uE001<>&"'\s]{1,128})\uE001/g;

/** @example personToken('712020:abc') // '\uE000712020:abc\uE001' */
export const personToken = (accountId: string): string => `${OPEN}${accountId}${CLOSE}`;

/** Replaces every token in `text` by `name(accountId)`. */
export function replacePersonTokens(text: string, name: (accountId: string) => string): string {
  return text.replace(TOKEN, (_, id: string) => name(id));
}

/** The account ids named by tokens anywhere in `value` (strings inside any JSON). */
export function tokenAccountIds(value: unknown): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(TOKEN)) ids.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...ids];
}

/** A deep copy of `value` with every token in every string replaced by `name(accountId)`. */
export function resolvePersonTokens<T>(value: T, name: (accountId: string) => string): T {
  const map = (v: unknown): unknown => {
    if (typeof v === 'string') return replacePersonTokens(v, name);
    if (Array.isArray(v)) return v.map(map);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, map(c)]));
    return v;
  };
  return map(value) as T;
}
