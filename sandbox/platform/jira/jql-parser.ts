/**
 * A parser for the JQL subset the sandbox supports. Anything outside it throws JqlError, which the search
 * route turns into a 400: the sandbox never answers a query it does not understand.
 */
export class JqlError extends Error {}

export type JqlValue =
  | { kind: 'string'; value: string; quoted: boolean }
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'empty' };

export type JqlNode =
  | { kind: 'and' | 'or'; left: JqlNode; right: JqlNode }
  | { kind: 'not'; operand: JqlNode }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~'; value: JqlValue }
  | { kind: 'in'; field: string; negated: boolean; values: JqlValue[] }
  | { kind: 'empty'; field: string; negated: boolean };

export interface JqlSort {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface JqlQuery {
  where: JqlNode | undefined;
  orderBy: JqlSort[];
}

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'punct'; v: '(' | ')' | ',' };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        v += src[j];
        j++;
      }
      if (j >= src.length) throw new JqlError(`Error in the JQL Query: The quoted string '${v}' has not been completed.`);
      tokens.push({ t: 'str', v });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (/[!<>=~]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = ['!=', '>=', '<=', '!~'].includes(two) ? two : c;
      if (op === '!') throw new JqlError("Error in the JQL Query: The character '!' is a reserved JQL character.");
      tokens.push({ t: 'op', v: op });
      i += op.length;
    } else {
      let j = i;
      let depth = 0;
      while (j < src.length) {
        const d = src[j]!;
        if (d === '[') depth++;
        else if (d === ']') depth--;
        else if (depth === 0 && (/\s/.test(d) || '()",!<>=~\''.includes(d))) break;
        j++;
      }
      // A quoted field name followed by `.path` ("Escalation level".level) is glued on in the parser.
      tokens.push({ t: 'word', v: src.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC']);

export function parseJql(src: string): JqlQuery {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (w: string, tok = peek()): boolean => tok?.t === 'word' && tok.v.toUpperCase() === w;
  const next = (): Token => {
    const tok = tokens[pos++];
    if (!tok) throw new JqlError('Error in the JQL Query: Expecting more input at the end of the query.');
    return tok;
  };

  function fieldName(): string {
    const tok = next();
    if (tok.t === 'punct' || tok.t === 'op') throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${tok.v}'.`);
    let name = tok.t === 'str' ? `"${tok.v}"` : tok.v;
    if (tok.t === 'word' && KEYWORDS.has(tok.v.toUpperCase()))
      throw new JqlError(`Error in the JQL Query: '${tok.v}' is a reserved JQL word.`);
    // "Escalation level".level → the tokenizer splits after the quote; glue the path back on.
    const after = peek();
    if (tok.t === 'str' && after?.t === 'word' && after.v.startsWith('.')) {
      name += after.v;
      pos++;
    }
    // `status category` written with a space
    if (tok.t === 'word' && tok.v.toLowerCase() === 'status' && isWord('CATEGORY')) {
      pos++;
      name = 'statusCategory';
    }
    return name;
  }

  function value(): JqlValue {
    const tok = next();
    if (tok.t === 'str') return { kind: 'string', value: tok.v, quoted: true };
    if (tok.t !== 'word') throw new JqlError(`Error in the JQL Query: Expecting a value but got '${tok.v}'.`);
    if (isWord('EMPTY', tok) || isWord('NULL', tok)) return { kind: 'empty' };
    if (peek()?.t === 'punct' && peek()!.v === '(') {
      pos++;
      const args: string[] = [];
      while (!(peek()?.t === 'punct' && peek()!.v === ')')) {
        const a = next();
        if (a.t === 'punct' && a.v === ',') continue;
        args.push(a.v);
      }
      pos++;
      return { kind: 'function', name: tok.v, args };
    }
    if (/^-?\d+(\.\d+)?$/.test(tok.v)) return { kind: 'number', value: Number(tok.v), raw: tok.v };
    return { kind: 'string', value: tok.v, quoted: false };
  }

  function clause(): JqlNode {
    const field = fieldName();
    const tok = next();
    if (tok.t === 'op') {
      return { kind: 'compare', field, op: tok.v as '=', value: value() };
    }
    if (isWord('IS', tok)) {
      const negated = isWord('NOT') ? (pos++, true) : false;
      const v = next();
      if (!isWord('EMPTY', v) && !isWord('NULL', v))
        throw new JqlError(`Error in the JQL Query: Expecting EMPTY or NULL after IS but got '${v.v}'.`);
      return { kind: 'empty', field, negated };
    }
    const negated = isWord('NOT', tok);
    if (negated ? isWord('IN') : isWord('IN', tok)) {
      if (negated) pos++;
      const open = next();
      if (open.t !== 'punct' || open.v !== '(') throw new JqlError("Error in the JQL Query: Expecting '(' after IN.");
      const values: JqlValue[] = [];
      for (;;) {
        values.push(value());
        const sep = next();
        if (sep.t === 'punct' && sep.v === ')') break;
        if (sep.t !== 'punct' || sep.v !== ',') throw new JqlError("Error in the JQL Query: Expecting ',' or ')' in a list.");
      }
      return { kind: 'in', field, negated, values };
    }
    throw new JqlError(
      `Error in the JQL Query: Expecting operator but got '${tok.v}'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`,
    );
  }

  function unary(): JqlNode {
    if (isWord('NOT')) {
      pos++;
      return { kind: 'not', operand: unary() };
    }
    const tok = peek();
    if (tok?.t === 'punct' && tok.v === '(') {
      pos++;
      const inner = or();
      const close = next();
      if (close.t !== 'punct' || close.v !== ')') throw new JqlError("Error in the JQL Query: Expecting ')'.");
      return inner;
    }
    return clause();
  }

  function and(): JqlNode {
    let left = unary();
    while (isWord('AND')) {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  }

  function or(): JqlNode {
    let left = and();
    while (isWord('OR')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }

  const where = tokens.length > 0 && !isWord('ORDER') ? or() : undefined;
  const orderBy: JqlSort[] = [];
  if (isWord('ORDER')) {
    pos++;
    if (!isWord('BY')) throw new JqlError("Error in the JQL Query: Expecting 'BY' after 'ORDER'.");
    pos++;
    for (;;) {
      const field = fieldName();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (isWord('ASC') || isWord('DESC')) direction = next().v.toUpperCase() as 'ASC' | 'DESC';
      orderBy.push({ field, direction });
      if (peek()?.t === 'punct' && peek()!.v === ',') {
        pos++;
        continue;
      }
      break;
    }
  }
  if (pos < tokens.length) throw new JqlError(`Error in the JQL Query: Unexpected '${tokens[pos]!.v}' at the end of the query.`);
  return { where, orderBy };
}
