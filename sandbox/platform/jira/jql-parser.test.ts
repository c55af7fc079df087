import { JqlError, parseJql } from './jql-parser';

describe('parseJql', () => {
  it('parses clauses, precedence, lists, IS EMPTY, quoted field paths and ORDER BY', () => {
    const q = parseJql(
      'project = DEMO AND (issue.property[escalation].level >= 2 OR "Escalation level".Level IS NOT EMPTY) AND priority NOT IN (Low, "Medium") ORDER BY escalationDueAt DESC, key',
    );
    expect(q.orderBy).toEqual([
      { field: 'escalationDueAt', direction: 'DESC' },
      { field: 'key', direction: 'ASC' },
    ]);
    expect(q.where).toMatchObject({
      kind: 'and',
      left: {
        kind: 'and',
        left: { kind: 'compare', field: 'project', op: '=' },
        right: { kind: 'or', right: { kind: 'empty', field: '"Escalation level".Level', negated: true } },
      },
      right: { kind: 'in', negated: true, values: [{ value: 'Low' }, { value: 'Medium', quoted: true }] },
    });
    expect(parseJql('status category != Done').where).toMatchObject({ field: 'statusCategory', op: '!=' });
    expect(parseJql('assignee = currentUser()').where).toMatchObject({ value: { kind: 'function', name: 'currentUser' } });
  });

  it('rejects malformed queries', () => {
    for (const bad of ['project =', 'project DEMO', '(project = DEMO', 'project = "open', 'project = DEMO ORDER key']) {
      expect(() => parseJql(bad)).toThrow(JqlError);
    }
  });
});
