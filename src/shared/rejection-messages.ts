import type { Rejection, RejectionCode } from '../domain/escalation/escalation-rejection';
import type { Locale, Party, ProcessTemplate } from '../domain/process/process-template';

/**
 * Why something is not possible, in the user's language. Used by the workflow validator's error
 * message and by the issue panel, so both say the same thing.
 */
export const REJECTION_MESSAGES: Record<RejectionCode, { de: string; en: string }> = {
  'no-escalation': { de: 'Für diesen Vorgang wurde keine Eskalation gestartet.', en: 'No escalation has been started on this issue.' },
  'already-started': { de: 'Für diesen Vorgang läuft bereits eine Eskalation.', en: 'An escalation is already recorded on this issue.' },
  'not-open': { de: 'Die Eskalation ist gelöst; öffnen Sie sie zuerst wieder.', en: 'The escalation is resolved; reopen it first.' },
  'not-resolved': { de: 'Die Eskalation ist noch nicht gelöst.', en: 'The escalation is not resolved yet.' },
  closed: { de: 'Die Eskalation ist abgeschlossen.', en: 'The escalation is closed.' },
  'highest-level': { de: 'Die externe Schlichtung ist die höchste Stufe.', en: 'External arbitration is the highest level.' },
  'lowest-level': { de: 'Die Eskalation ist bereits auf Stufe 1.', en: 'The escalation is already at level 1.' },
  'open-obligations': { de: 'Pflichtleistungen dieser Stufe sind noch offen.', en: 'Mandatory obligations of this stage are still open.' },
  'wrong-party': { de: 'Diese Leistung obliegt der anderen Vertragspartei.', en: 'This belongs to the other party.' },
  'system-not-allowed': { de: 'Nur eine Person einer Vertragspartei kann dies tun.', en: 'Only a person of a party may do this.' },
  'unknown-obligation': {
    de: 'Diese Leistung gehört nicht zum Prozess dieser Eskalation.',
    en: 'This obligation is not part of this escalation’s process.',
  },
  'obligation-not-in-stage': {
    de: 'Diese Leistung gehört nicht zur aktuellen Stufe.',
    en: 'This obligation does not belong to the current stage.',
  },
  'already-fulfilled': { de: 'Diese Leistung ist bereits erfüllt.', en: 'This obligation is already fulfilled.' },
  'not-fulfilled': { de: 'Diese Leistung ist nicht erfüllt.', en: 'This obligation is not fulfilled.' },
  'time-frame-not-expired': {
    de: 'Der vereinbarte Zeitrahmen der Stufe ist noch nicht abgelaufen.',
    en: 'The level’s agreed time frame has not run out.',
  },
  'arbitration-needs-both-parties': {
    de: 'Die externe Schlichtung braucht die Zustimmung beider Parteien.',
    en: 'External arbitration needs the consent of both parties.',
  },
  'already-consented': { de: 'Ihre Partei hat der Schlichtung bereits zugestimmt.', en: 'Your party has already agreed to arbitration.' },
  'not-at-level-3': {
    de: 'Der externen Schlichtung kann nur auf Stufe 3 zugestimmt werden.',
    en: 'External arbitration can only be agreed at level 3.',
  },
  'report-not-approved': {
    de: 'Der Abschlussbericht ist vom Auftraggeber noch nicht genehmigt.',
    en: 'The final report has not been approved by the client.',
  },
  'unknown-record': { de: 'Diesen Eintrag gibt es nicht.', en: 'This record does not exist.' },
  'record-state': {
    de: 'Dieser Eintrag ist in einem anderen Zustand; laden Sie die Ansicht neu.',
    en: 'This record is in another state; reload the view.',
  },
  'comment-required': { de: 'Bitte begründen Sie die gewünschten Änderungen.', en: 'Please say what should change.' },
  'not-in-arbitration': {
    de: 'Die Eskalation hat die externe Schlichtung nicht erreicht.',
    en: 'The escalation has not reached external arbitration.',
  },
  'hash-mismatch': {
    de: 'Der Bericht hat sich seit der Prüfung geändert; bitte die eingereichte Version neu laden.',
    en: 'The report differs from the version reviewed; reload the submitted version.',
  },
};

export const PARTY_NAMES: Record<Party, { de: string; en: string }> = {
  contractor: { de: 'Auftragnehmer', en: 'Contractor' },
  client: { de: 'Auftraggeber', en: 'Client' },
};

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A one-paragraph explanation: the reason, who must act, and which obligations are open (id and text).
 *
 * @example
 * describeRejection({ code: 'open-obligations', message: '…', openObligations: [{ id: 'L1-C-02', party: 'contractor' }], awaitedParty: 'contractor' }, 'en', template)
 * // → 'Mandatory obligations of this stage are still open. Awaiting: Contractor. Open: L1-C-02 The contractor notifies the client …'
 */
export function describeRejection(rejection: Rejection, locale: Locale, template?: ProcessTemplate): string {
  const parts = [REJECTION_MESSAGES[rejection.code][locale]];
  if (rejection.awaitedParty) parts.push(`${locale === 'de' ? 'Am Zug' : 'Awaiting'}: ${PARTY_NAMES[rejection.awaitedParty][locale]}.`);
  const open = rejection.openObligations ?? [];
  if (open.length > 0) {
    const items = open.map((o) => {
      const text = template?.obligations.find((x) => x.id === o.id)?.text[locale];
      return text ? `${o.id} ${shorten(text)}` : o.id;
    });
    parts.push(`${locale === 'de' ? 'Offen' : 'Open'}: ${items.join('; ')}`);
  }
  return parts.join(' ');
}
