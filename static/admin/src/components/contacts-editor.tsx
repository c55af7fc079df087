import { useEffect, useRef, useState } from 'react';
import type { Contacts, LevelContacts, Party } from '../../../../src/shared/vocabulary';
import type { UserOption } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { isMessageKey } from '../../../../src/shared/i18n/messages';
import { useI18n, type MessageKey } from '../i18n';

const LEVELS = [1, 2, 3, 4] as const;
const PARTIES: readonly Party[] = ['contractor', 'client'];
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Drops empty cells and levels, so an untouched table saves as `{}` and the audit shows no noise. */
export function compactContacts(contacts: LevelContacts): LevelContacts {
  const out: LevelContacts = {};
  for (const level of LEVELS) {
    const byParty = contacts[level];
    const kept: { contractor?: Contacts; client?: Contacts } = {};
    for (const party of PARTIES) {
      const c = byParty?.[party];
      if (c && (c.accountIds.length > 0 || c.groups.length > 0)) kept[party] = c;
    }
    if (kept.contractor || kept.client) out[level] = kept;
  }
  return out;
}

/**
 * Contacts per level (1 operational, 2 middle management, 3 executive management, 4 arbitration) and party:
 * people found with Jira's user search, and Jira groups by name. They are the channels the app notifies.
 */
export function ContactsEditor(props: {
  projectKey?: string;
  value: LevelContacts;
  onChange: (value: LevelContacts) => void;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  /** Contacts whose account is closed or deactivated: flagged, skipped by notifications. */
  unreachable?: Readonly<Record<string, 'closed' | 'deactivated'>>;
}) {
  const { t } = useI18n();
  const set = (level: (typeof LEVELS)[number], party: Party, c: Contacts) =>
    props.onChange({ ...props.value, [level]: { ...props.value[level], [party]: c } });
  return (
    <table className="table contacts" data-testid="contacts">
      <thead>
        <tr>
          <th>{t('analytics.level')}</th>
          {PARTIES.map((p) => (
            <th key={p}>{t(`party.${p}` as MessageKey)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LEVELS.map((level) => (
          <tr key={level}>
            <th scope="row" className="contacts__level">
              {level} · {t(`contacts.level.${level}` as MessageKey)}
            </th>
            {PARTIES.map((party) => (
              <td key={party}>
                <ContactCell
                  testId={`contacts-${level}-${party}`}
                  projectKey={props.projectKey}
                  value={props.value[level]?.[party] ?? { accountIds: [], groups: [] }}
                  onChange={(c) => set(level, party, c)}
                  names={props.names}
                  onName={props.onName}
                  unreachable={props.unreachable ?? {}}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContactCell(props: {
  testId: string;
  projectKey?: string;
  value: Contacts;
  onChange: (c: Contacts) => void;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  unreachable: Readonly<Record<string, 'closed' | 'deactivated'>>;
}) {
  const { t } = useI18n();
  const [groups, setGroups] = useState(props.value.groups.join(', '));
  const [query, setQuery] = useState('');
  // The answer for one query: shown only while that query is still typed.
  const [found, setFound] = useState<{ readonly query: string; readonly users: readonly UserOption[] } | null>(null);
  // What went wrong, as a catalog key: worded at render time in the reader's language.
  const [failed, setFailed] = useState<MessageKey | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      call('searchUsers', { ...(props.projectKey ? { projectKey: props.projectKey } : {}), query: q })
        .then((r) => {
          if (mine !== seq.current) return;
          if (r.ok) {
            setFound({ query: q, users: r.data });
            setFailed(null);
          } else {
            const key = `adminError.${r.error.code}`;
            setFailed(isMessageKey(key) ? key : 'adminError.internal');
          }
        })
        .catch(() => mine === seq.current && setFailed('app.unreachable'));
    }, 250);
    return () => clearTimeout(timer);
  }, [query, props.projectKey]);

  const add = (u: UserOption) => {
    props.onName(u.accountId, u.displayName);
    if (!props.value.accountIds.includes(u.accountId))
      props.onChange({ ...props.value, accountIds: [...props.value.accountIds, u.accountId] });
    setQuery('');
  };
  const trimmed = query.trim();
  const results = trimmed.length >= 2 && found?.query === trimmed ? found.users : null;

  return (
    <div className="contact-cell" data-testid={props.testId}>
      <ul className="chips">
        {props.value.accountIds.map((id) => (
          <li key={id} className={props.unreachable[id] ? 'chip chip--unreachable' : 'chip'} data-testid="contact-chip">
            <span className="chip__name">{props.names[id] ?? id}</span>
            {props.unreachable[id] ? (
              <span className="chip__flag" data-testid="contact-unreachable" title={t('contacts.skipped')}>
                {t(`contacts.unreachable.${props.unreachable[id]}` as MessageKey)}
              </span>
            ) : null}
            <button
              type="button"
              className="chip__remove"
              aria-label={t('contacts.remove', { name: props.names[id] ?? id })}
              onClick={() => props.onChange({ ...props.value, accountIds: props.value.accountIds.filter((x) => x !== id) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="picker">
        <input
          type="search"
          value={query}
          placeholder={t('contacts.searchPlaceholder')}
          aria-label={t('contacts.search')}
          data-testid="user-search"
          onChange={(e) => setQuery(e.target.value)}
        />
        {results && (
          <ul className="picker__results" role="listbox" data-testid="user-results">
            {results.length === 0 ? <li className="muted">{t('contacts.noUsers')}</li> : null}
            {results.map((u) => (
              <li key={u.accountId}>
                <button type="button" role="option" aria-selected={false} className="picker__option" onClick={() => add(u)}>
                  {u.displayName}
                </button>
              </li>
            ))}
          </ul>
        )}
        {failed && <span className="muted">{t(failed)}</span>}
      </div>
      <input
        value={groups}
        placeholder={t('contacts.groupsPlaceholder')}
        aria-label={t('contacts.groups')}
        data-testid="contact-groups"
        onChange={(e) => {
          setGroups(e.target.value);
          props.onChange({ ...props.value, groups: list(e.target.value) });
        }}
      />
    </div>
  );
}
