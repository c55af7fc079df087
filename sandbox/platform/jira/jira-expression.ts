/**
 * The subset of Jira expressions the app's modules use (workflow conditions, the custom field's
 * formatter): literals, member and index access, `== != < <= > >= && || !` and `+`. Anything else
 * throws, so an expression the sandbox cannot evaluate fails loudly instead of answering wrongly.
 */
export class UnsupportedExpressionError extends Error {
  constructor(message: string) {
    super(`Jira expression unsupported by the sandbox: ${message}`);
    this.name = 'UnsupportedExpressionError';
  }
}

type Token = { kind: 'num' | 'str' | 'id' | 'op'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '.', '[', ']', '(', ')'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\') j++;
        text += source[j] ?? '';
        j++;
      }
      if (j >= source.length) throw new UnsupportedExpressionError(`unterminated string in ${source}`);
      tokens.push({ kind: 'str', value: text });
      i = j + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'num', value: number[0] });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'id', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new UnsupportedExpressionError(`character '${c}' in ${source}`);
    tokens.push({ kind: 'op', value: op });
    i += op.length;
  }
  return tokens;
}

const BINARY: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5 };

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; target: Node; name: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node };

function parse(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (value: string) => {
    if (peek()?.value !== value) throw new UnsupportedExpressionError(`expected '${value}' in ${source}`);
    pos++;
  };

  function primary(): Node {
    const token = tokens[pos++];
    if (!token) throw new UnsupportedExpressionError(`unexpected end of ${source}`);
    let node: Node;
    if (token.kind === 'num') node = { kind: 'literal', value: Number(token.value) };
    else if (token.kind === 'str') node = { kind: 'literal', value: token.value };
    else if (token.kind === 'id') {
      const literals: Record<string, unknown> = { null: null, true: true, false: false };
      node = token.value in literals ? { kind: 'literal', value: literals[token.value] } : { kind: 'variable', name: token.value };
    } else if (token.value === '(') {
      node = binary(1);
      expect(')');
    } else if (token.value === '!') {
      return { kind: 'not', operand: primary() };
    } else throw new UnsupportedExpressionError(`unexpected '${token.value}' in ${source}`);
    for (;;) {
      const next = peek();
      if (next?.value === '.') {
        pos++;
        const name = tokens[pos++];
        if (name?.kind !== 'id') throw new UnsupportedExpressionError(`member name expected in ${source}`);
        if (name.value === 'length' || peek()?.value === '(') throw new UnsupportedExpressionError(`method or property ${name.value}`);
        node = { kind: 'member', target: node, name: { kind: 'literal', value: name.value } };
      } else if (next?.value === '[') {
        pos++;
        const key = binary(1);
        expect(']');
        node = { kind: 'member', target: node, name: key };
      } else if (next?.value === '(') {
        throw new UnsupportedExpressionError(`function calls in ${source}`);
      } else break;
    }
    return node;
  }

  function binary(minPrecedence: number): Node {
    let left = primary();
    for (;;) {
      const op = peek();
      const precedence = op?.kind === 'op' ? BINARY[op.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) break;
      pos++;
      left = { kind: 'binary', op: op!.value, left, right: binary(precedence + 1) };
    }
    return left;
  }

  const tree = binary(1);
  if (pos !== tokens.length) throw new UnsupportedExpressionError(`trailing '${tokens[pos]?.value}' in ${source}`);
  return tree;
}

function evaluate(node: Node, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      if (!(node.name in variables)) throw new UnsupportedExpressionError(`unknown variable ${node.name}`);
      return variables[node.name];
    case 'member':
      return member(evaluate(node.target, variables), String(evaluate(node.name, variables)));
    case 'not':
      return !truthy(evaluate(node.operand, variables));
    case 'binary':
      // && and || short-circuit, as in Jira expressions.
      if (node.op === '&&') return truthy(evaluate(node.left, variables)) && truthy(evaluate(node.right, variables));
      if (node.op === '||') return truthy(evaluate(node.left, variables)) || truthy(evaluate(node.right, variables));
      return apply(node.op, evaluate(node.left, variables), evaluate(node.right, variables));
  }
}

/** Evaluates `source` with the given variables (`issue`, `value`, `config` …). */
export function evaluateJiraExpression(source: string, variables: Record<string, unknown>): unknown {
  return evaluate(parse(source), variables);
}

function member(target: unknown, name: string): unknown {
  if (target === null || target === undefined)
    throw new UnsupportedExpressionError(`member '${name}' of null (Jira fails such an expression)`);
  if (typeof target !== 'object') throw new UnsupportedExpressionError(`member '${name}' of a ${typeof target}`);
  const value = (target as Record<string, unknown>)[name];
  return value === undefined ? null : value;
}

function truthy(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new UnsupportedExpressionError(`boolean expected, got ${JSON.stringify(value)}`);
  return value;
}

function apply(op: string, left: unknown, right: unknown): unknown {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      return String(left) + String(right);
    default: {
      if (typeof left !== 'number' || typeof right !== 'number') throw new UnsupportedExpressionError(`'${op}' on non-numbers`);
      return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
    }
  }
}
