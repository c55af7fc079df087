/**
 * Jira's comment box with its @mention picker: typing `@` and the start of a name asks Jira's user search
 * (`GET /rest/api/3/user/search?query=…`) and lists the people found; picking one writes `@Name` into the text
 * and the comment is saved as ADF with a `mention` node for that person, as Jira's editor saves it. So the
 * app's comment trigger (a contractor's comment mentioning the client's contacts) can be tried in the sandbox.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { commentToAdf, type Mention } from './adf';
import { api } from './api';
import { useLocale } from './i18n';

/** How many people the picker lists (Jira's picker shows a short list too). */
const SUGGESTIONS = 8;

interface FoundUser {
  accountId: string;
  displayName: string;
  accountType?: string;
  emailAddress?: string;
}

/** The `@name` being typed right before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
}

export function CommentEditor(props: { issueKey: string; onSaved(): Promise<void> | void; onError(message: string): void }) {
  const { t } = useLocale();
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [picker, setPicker] = useState<{ start: number; query: string; users: FoundUser[]; active: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  // Answers of earlier searches arriving late must not replace the list for what is typed now.
  const latestQuery = useRef('');

  function typed(value: string, caret: number): void {
    setText(value);
    const found = mentionQuery(value, caret);
    if (!found) {
      latestQuery.current = '';
      return setPicker(null);
    }
    latestQuery.current = found.query;
    setPicker((p) => ({ start: found.start, query: found.query, users: p?.users ?? [], active: 0 }));
    // Jira's user search needs a query: an `@` alone shows the hint only.
    if (!found.query) return setPicker({ ...found, users: [], active: 0 });
    api.jira<FoundUser[]>('GET', `/rest/api/3/user/search?query=${encodeURIComponent(found.query)}&maxResults=${SUGGESTIONS}`).then(
      (users) => {
        if (latestQuery.current !== found.query) return;
        // People only: the app's own account is no one to mention.
        const people = users.filter((u) => u.accountType === undefined || u.accountType === 'atlassian' || u.accountType === 'customer');
        setPicker({ ...found, users: people, active: 0 });
      },
      () => latestQuery.current === found.query && setPicker({ ...found, users: [], active: 0 }),
    );
  }

  function pick(user: FoundUser): void {
    if (!picker) return;
    const before = text.slice(0, picker.start);
    const after = text.slice(picker.start + 1 + picker.query.length);
    const inserted = `@${user.displayName} `;
    setText(before + inserted + after);
    setMentions((m) =>
      m.some((x) => x.accountId === user.accountId) ? m : [...m, { accountId: user.accountId, displayName: user.displayName }],
    );
    setPicker(null);
    latestQuery.current = '';
    const caret = before.length + inserted.length;
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(caret, caret);
    });
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (!picker || picker.users.length === 0) {
      if (e.key === 'Escape') setPicker(null);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setPicker({ ...picker, active: (picker.active + step + picker.users.length) % picker.users.length });
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      pick(picker.users[picker.active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPicker(null);
    }
  }

  async function save(): Promise<void> {
    if (!text.trim()) return;
    setBusy(true);
    try {
      const body = commentToAdf(text, mentions);
      await api.jira('POST', `/rest/api/3/issue/${encodeURIComponent(props.issueKey)}/comment`, { body });
      setText('');
      setMentions([]);
      setPicker(null);
      await props.onSaved();
    } catch (e) {
      props.onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const listId = `mention-picker-${props.issueKey}`;
  return (
    <div className="comment-editor">
      <div className="comment-input-wrap">
        <textarea
          ref={area}
          value={text}
          onChange={(e) => typed(e.target.value, e.target.selectionStart)}
          onKeyDown={keyDown}
          placeholder={t.addComment}
          aria-label={t.addComment}
          aria-controls={picker ? listId : undefined}
          rows={2}
          data-testid="comment-input"
        />
        {picker && (
          <div className="mention-picker" data-testid="mention-picker">
            {picker.users.length === 0 ? (
              <div className="muted mention-hint">{picker.query ? t.mentionNoMatch : t.mentionHint}</div>
            ) : (
              <ul id={listId} role="listbox" aria-label={t.mentionPeople}>
                {picker.users.map((u, i) => (
                  <li
                    key={u.accountId}
                    role="option"
                    aria-selected={i === picker.active}
                    className={i === picker.active ? 'mention-option active' : 'mention-option'}
                    // mousedown, not click: the textarea keeps its focus and caret.
                    tabIndex={-1}
                    onMouseDown={(e) => (e.preventDefault(), pick(u))}
                    data-account-id={u.accountId}
                  >
                    <strong>{u.displayName}</strong>
                    {u.accountType === 'customer' && <span className="muted"> · {t.mentionCustomer}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <button className="btn btn-primary" disabled={busy || !text.trim()} onClick={() => void save()} data-testid="comment-save">
        {t.save}
      </button>
    </div>
  );
}
