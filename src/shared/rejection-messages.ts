import type { Rejection, RejectionCode } from '../domain/escalation/escalation-rejection';
import type { Locale, LocalizedText, ProcessTemplate } from '../domain/process/process-template';
import { en } from './i18n/en';
import { bilingual, translate, type MessageKey } from './i18n/messages';

/**
 * Why something is not possible, in the user's language. Used by the workflow validator's error
 * message and by the issue panel, so both say the same thing. The texts live in the catalog
 * (`rejection.<code>`).
 */
export function rejectionMessage(code: RejectionCode, locale: Locale): string {
  return translate(locale, `rejection.${code}`);
}

/** Every rejection reason in both languages (the catalog's `rejection.*` keys, which follow `RejectionCode`). */
export const REJECTION_MESSAGES = Object.fromEntries(
  Object.keys(en)
    .filter((key) => key.startsWith('rejection.'))
    .map((key) => [key.slice('rejection.'.length), bilingual(key as MessageKey)]),
) as Readonly<Record<RejectionCode, LocalizedText>>;

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A one-paragraph explanation: the reason, who must act, and which obligations are open (id and text).
 *
 * @example
 * describeRejection({ code: 'open-obligations', message: '…', openObligations: [{ id: 'L1-C-02', party: 'contractor' }], awaitedParty: 'contractor' }, 'en', template)
 * // → 'Mandatory obligations of this stage are still open. Awaiting: Contractor. Open: L1-C-02 The contractor notifies the client …'
 */
export function describeRejection(rejection: Rejection, locale: Locale, template?: ProcessTemplate): string {
  const parts = [rejectionMessage(rejection.code, locale)];
  if (rejection.awaitedParty)
    parts.push(translate(locale, 'rejectionDetail.awaiting', { party: translate(locale, `party.${rejection.awaitedParty}`) }));
  const open = rejection.openObligations ?? [];
  if (open.length > 0) {
    const items = open.map((o) => {
      const text = template?.obligations.find((x) => x.id === o.id)?.text[locale];
      return text ? `${o.id} ${shorten(text)}` : o.id;
    });
    parts.push(translate(locale, 'rejectionDetail.open', { items: items.join('; ') }));
  }
  return parts.join(' ');
}
