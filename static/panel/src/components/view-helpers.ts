import type { Actor, Party } from '../../../../src/shared/vocabulary';
import type { Allowed, EscalationPanelView, ObligationItem } from '../../../../src/shared/escalation-panel-view';
import type { ResolverError } from '../../../../src/shared/resolver-contract';
import { isMessageKey, useI18n, type I18n } from '../i18n/i18n';
import { usePanelContext } from './panel-context';

/** An obligation's text in the escalation's frozen template, also for stages no longer active. */
export function obligationTextOf(view: EscalationPanelView, id: string) {
  return view.escalation?.obligationTexts[id];
}

/** Every obligation the view carries (the active sections), by id. */
export function obligationIndex(view: EscalationPanelView): ReadonlyMap<string, ObligationItem> {
  const index = new Map<string, ObligationItem>();
  for (const section of view.escalation?.sections ?? []) {
    for (const pair of section.pairs) {
      if (pair.contractor) index.set(pair.contractor.id, pair.contractor);
      if (pair.client) index.set(pair.client.id, pair.client);
    }
  }
  return index;
}

export function partyLabel(i18n: I18n, party: Party | 'both' | 'system'): string {
  return i18n.t(`party.${party}`);
}

/** A party's name inside a sentence ("the contractor" in English, "der Auftragnehmer" in German). */
export function partyInline(i18n: I18n, party: Party): string {
  return i18n.t(`party.${party}.inline`);
}

/** The display name of a person in the record, else their account id; the sweep is "Automatic". */
export function personName(view: EscalationPanelView, i18n: I18n, actor: Actor): string {
  if (actor.party === 'system') return i18n.t('actor.system');
  return view.people[actor.accountId] ?? actor.accountId;
}

/** A rejection (or an action's `allowed` refusal) in the user's language, by its stable code. */
export function rejectionText(i18n: I18n, rejection: { readonly code?: string; readonly reason?: string }): string {
  const code = rejection.reason ?? rejection.code ?? '';
  // A server newer than this bundle may send a code the catalog does not know yet.
  const key = `rejection.${code}`;
  return isMessageKey(key) ? i18n.t(key) : i18n.t('error.rejected');
}

/** The banner's main sentence for an envelope error. */
export function errorText(i18n: I18n, error: ResolverError): string {
  if (error.code === 'rejected') return rejectionText(i18n, error);
  return i18n.t(`error.${error.code}`);
}

/**
 * The view judges actions for the viewer's own party (`system` for an admin outside both parties). These
 * refusals say nothing about the party an admin acts for, so the server decides those actions.
 */
const ACTING_UNKNOWN = new Set(['system-not-allowed', 'time-frame-not-expired', 'already-consented', 'wrong-party']);

/**
 * Why an action is not possible now, in the user's language with the party awaited, or null when it is
 * (or when the view cannot judge it: an admin acting for a party is judged by the server).
 */
export function useRefusal(): (allowed: Allowed | undefined) => string | null {
  const i18n = useI18n();
  const { blocked, actingOnBehalf } = usePanelContext();
  return (allowed) => {
    if (blocked) return i18n.t(blocked);
    if (!allowed || allowed.ok) return null;
    const { rejection } = allowed;
    if (actingOnBehalf && ACTING_UNKNOWN.has(rejection.code)) return null;
    const awaited = awaitedText(i18n, rejection);
    return rejectionText(i18n, rejection) + (awaited ? ` ${awaited}` : '');
  };
}

/**
 * Who must act for a refused action: both parties where both have required items open (the server names
 * the first one only), else the party the rejection names.
 */
export function awaitedText(
  i18n: I18n,
  rejection: { readonly awaitedParty?: Party; readonly openObligations?: readonly { readonly party: Party }[] },
): string | null {
  const open = rejection.openObligations ?? [];
  const contractor = open.filter((o) => o.party === 'contractor').length;
  const client = open.length - contractor;
  if (contractor > 0 && client > 0) return i18n.t('awaited.both', { contractor, client });
  return rejection.awaitedParty ? i18n.t('error.awaited', { party: partyLabel(i18n, rejection.awaitedParty) }) : null;
}
