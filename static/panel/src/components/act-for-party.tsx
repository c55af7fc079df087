import { useId } from 'react';
import type { Party } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n/i18n';
import { partyLabel } from './view-helpers';

export interface ActForPartyState {
  readonly enabled: boolean;
  readonly party: Party;
  readonly reason: string;
}

export const MIN_REASON = 3;

/** For Jira admins: act for a party, with a reason that is recorded with every change. */
export function ActForParty({
  value,
  onChange,
}: {
  readonly value: ActForPartyState;
  readonly onChange: (next: ActForPartyState) => void;
}) {
  const i18n = useI18n();
  const id = useId();
  const reasonTooShort = value.enabled && value.reason.trim().length < MIN_REASON;
  return (
    <div className="act-for" data-testid="act-for-party">
      <label className="act-for__toggle">
        <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />{' '}
        {i18n.t('actFor.toggle')}
      </label>
      {value.enabled && (
        <div className="act-for__fields">
          <div className="field">
            <label htmlFor={`${id}-party`}>{i18n.t('actFor.party')}</label>
            <select id={`${id}-party`} value={value.party} onChange={(e) => onChange({ ...value, party: e.target.value as Party })}>
              {(['contractor', 'client'] as const).map((p) => (
                <option key={p} value={p}>
                  {partyLabel(i18n, p)}
                </option>
              ))}
            </select>
          </div>
          <div className={`field field--grow${reasonTooShort ? ' field--error' : ''}`}>
            <label htmlFor={`${id}-reason`}>{i18n.t('actFor.reason')}</label>
            <input
              id={`${id}-reason`}
              type="text"
              maxLength={1000}
              value={value.reason}
              aria-invalid={reasonTooShort || undefined}
              onChange={(e) => onChange({ ...value, reason: e.target.value })}
            />
            {reasonTooShort && <div className="field__error">{i18n.t('form.reasonMin')}</div>}
          </div>
          <p className="muted act-for__hint">{i18n.t('actFor.hint')}</p>
        </div>
      )}
    </div>
  );
}
