/** Renders Atlassian Document Format (descriptions, comments) for the sandbox issue view. */
import type { ReactNode } from 'react';

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as AdfNode).type === 'string';
}

/** A text attribute (ids and levels may come as numbers); anything else counts as missing. */
function attr(attrs: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = attrs?.[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

export function Adf({ doc }: { doc: unknown }): ReactNode {
  if (typeof doc === 'string') return <p>{doc}</p>;
  if (!isNode(doc)) return null;
  return <div className="adf">{renderNode(doc, 'r')}</div>;
}

function children(node: AdfNode, key: string): ReactNode[] {
  return (node.content ?? []).map((c, i) => renderNode(c, `${key}.${i}`));
}

function renderNode(node: AdfNode, key: string): ReactNode {
  switch (node.type) {
    case 'doc':
      return <div key={key}>{children(node, key)}</div>;
    case 'paragraph':
      return <p key={key}>{children(node, key)}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 3)));
      const Tag = `h${level}` as 'h1';
      return <Tag key={key}>{children(node, key)}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children(node, key)}</ul>;
    case 'orderedList':
      return <ol key={key}>{children(node, key)}</ol>;
    case 'listItem':
      return <li key={key}>{children(node, key)}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children(node, key)}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children(node, key)}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'mention':
      return (
        <span key={key} className="mention">
          {attr(node.attrs, 'text') ?? `@${attr(node.attrs, 'id') ?? ''}`}
        </span>
      );
    case 'emoji':
      return <span key={key}>{attr(node.attrs, 'text') ?? attr(node.attrs, 'shortName') ?? ''}</span>;
    case 'inlineCard':
    case 'blockCard':
      return (
        <a key={key} href={attr(node.attrs, 'url') ?? '#'} target="_blank" rel="noreferrer">
          {attr(node.attrs, 'url') ?? ''}
        </a>
      );
    case 'status':
      return (
        <span key={key} className="lozenge">
          {attr(node.attrs, 'text') ?? ''}
        </span>
      );
    case 'panel':
      return (
        <div key={key} className={`adf-panel adf-panel-${attr(node.attrs, 'panelType') ?? 'info'}`}>
          {children(node, key)}
        </div>
      );
    case 'table':
      return (
        <table key={key} className="adf-table">
          <tbody>{children(node, key)}</tbody>
        </table>
      );
    case 'tableRow':
      return <tr key={key}>{children(node, key)}</tr>;
    case 'tableHeader':
      return <th key={key}>{children(node, key)}</th>;
    case 'tableCell':
      return <td key={key}>{children(node, key)}</td>;
    case 'text':
      return renderText(node, key);
    default:
      // Unknown nodes still show their text rather than vanishing.
      return <span key={key}>{children(node, key)}</span>;
  }
}

function renderText(node: AdfNode, key: string): ReactNode {
  let out: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'strong':
        out = <strong>{out}</strong>;
        break;
      case 'em':
        out = <em>{out}</em>;
        break;
      case 'code':
        out = <code>{out}</code>;
        break;
      case 'strike':
        out = <s>{out}</s>;
        break;
      case 'underline':
        out = <u>{out}</u>;
        break;
      case 'link':
        out = (
          <a href={attr(mark.attrs, 'href') ?? '#'} target="_blank" rel="noreferrer">
            {out}
          </a>
        );
        break;
      default:
        break;
    }
  }
  return <span key={key}>{out}</span>;
}

/** A person mentioned in a comment: the picker inserts `@displayName` into the text and remembers the account. */
export interface Mention {
  accountId: string;
  displayName: string;
}

/**
 * The comment's text as ADF, each `@displayName` of a picked person as a `mention` node (as Jira's editor
 * writes it: `attrs.id` the account id, `attrs.text` the name with its `@`); a mention removed from the
 * text is not sent.
 */
export function commentToAdf(text: string, mentions: readonly Mention[]): { version: 1; type: 'doc'; content: AdfNode[] } {
  // Longest names first, so "@Erika Executive" is not taken for a shorter name it starts with.
  const byLength = [...mentions].sort((a, b) => b.displayName.length - a.displayName.length);
  const inline = (line: string): AdfNode[] => {
    const nodes: AdfNode[] = [];
    let rest = line;
    let plain = '';
    while (rest) {
      const found = rest.startsWith('@') ? byLength.find((m) => rest.startsWith(`@${m.displayName}`)) : undefined;
      if (found) {
        if (plain) nodes.push({ type: 'text', text: plain });
        plain = '';
        nodes.push({ type: 'mention', attrs: { id: found.accountId, text: `@${found.displayName}`, accessLevel: '' } });
        rest = rest.slice(found.displayName.length + 1);
      } else {
        plain += rest[0];
        rest = rest.slice(1);
      }
    }
    if (plain) nodes.push({ type: 'text', text: plain });
    return nodes;
  };
  return { version: 1, type: 'doc', content: text.split(/\n/).map((line) => ({ type: 'paragraph', content: inline(line) })) };
}
