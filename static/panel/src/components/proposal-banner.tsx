import { useState } from 'react';
import type { ChangeProposal, Level, Party } from '../../../../src/shared/vocabulary';
import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import { useI18n, type I18n } from '../i18n/i18n';
import { InlineForm } from './inline-form';
import { usePanelContext } from './panel-context';
import { partyInline, partyLabel, personName, useRefusal } from './view-helpers';

/** What accepting does, as the confirm button says it: the level it leads to, or the resolution. */
function acceptLabel(i18n: I18n, change: ChangeProposal['change'], level: Level): string {
  switch (change) {
    case 'resolve':
      return i18n.t('actions.resolve.submit');
    case 'de-escalate':
      return i18n.t('actions.deEscalate.submit', { level: Math.max(level - 1, 1) });
    case 'escalate':
      return i18n.t('actions.escalate.submit', { level: Math.min(level + 1, 4) });
  }
}

/**
 * The proposal waiting for the other party (de-escalate, resolve, escalate now): who proposed what, why and
 * when. The other party accepts or declines (with a reason); the proposing party may withdraw it.
 */
export function ProposalBanner({ escalation }: { readonly escalation: EscalationView }) {
  const proposal = escalation.proposal;
  if (!proposal || proposal.actor.party === 'system') return null;
  // A new proposal starts with its forms closed.
  return <OpenProposal key={proposal.seq} escalation={escalation} proposal={proposal} proposer={proposal.actor.party} />;
}

function OpenProposal({
  escalation,
  proposal,
  proposer,
}: {
  readonly escalation: EscalationView;
  readonly proposal: ChangeProposal;
  readonly proposer: Party;
}) {
  const i18n = useI18n();
  const { view, actingParty, run, busy } = usePanelContext();
  const refusal = useRefusal();
  const [form, setForm] = useState<'none' | 'accept' | 'decline'>('none');
  const answerer = proposer === 'contractor' ? 'client' : 'contractor';
  const writable = view.viewer.canEdit && actingParty !== null;
  const answerRefused = refusal(escalation.allowed.answerProposal);
  const withdrawRefused = refusal(escalation.allowed.withdrawProposal);
  const answering = writable && actingParty === answerer;
  const proposing = writable && actingParty === proposer;
  const refused = answering ? answerRefused : proposing ? withdrawRefused : null;
  return (
    <section className="banner banner--proposal" role="status" data-testid="proposal" data-change={proposal.change}>
      <div className="banner__body">
        <strong className="banner__title">{i18n.t('proposal.title', { change: i18n.t(`proposal.change.${proposal.change}`) })}</strong>
        <p className="proposal__by">
          {i18n.t('proposal.by', {
            who: personName(view, i18n, proposal.actor),
            party: partyLabel(i18n, proposer),
            date: i18n.dateTime(proposal.at),
          })}
        </p>
        <blockquote className="proposal__text">{proposal.text}</blockquote>
        <p className="banner__awaited" data-testid="proposal-awaiting">
          {answering ? i18n.t('proposal.yourTurn') : i18n.t('proposal.awaiting', { party: partyInline(i18n, answerer) })}
        </p>
        {refused && <p className="unavailable">{refused}</p>}
        {form === 'none' && !refused && (answering || proposing) && (
          <div className="action-bar">
            {answering ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={busy !== null}
                  onClick={() => setForm('accept')}
                  data-testid="proposal-accept"
                >
                  {i18n.t('proposal.accept')}
                </button>
                <button
                  type="button"
                  className="button button--default"
                  disabled={busy !== null}
                  onClick={() => setForm('decline')}
                  data-testid="proposal-decline"
                >
                  {i18n.t('proposal.decline')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button--default"
                disabled={busy !== null}
                onClick={() => void run('withdrawProposal', { proposalSeq: proposal.seq })}
                data-testid="proposal-withdraw"
              >
                {i18n.t('proposal.withdraw')}
              </button>
            )}
          </div>
        )}
        {answering && form === 'accept' && (
          <InlineForm
            testId="proposal-accept-form"
            title={i18n.t('proposal.accept.title')}
            fields={[]}
            submitLabel={acceptLabel(i18n, proposal.change, escalation.level)}
            onSubmit={() => run('answerProposal', { proposalSeq: proposal.seq, accept: true })}
            onDone={() => setForm('none')}
          />
        )}
        {answering && form === 'decline' && (
          <InlineForm
            testId="proposal-decline-form"
            fields={[{ name: 'reason', label: 'proposal.decline.reason', kind: 'textarea', required: true }]}
            submitLabel={i18n.t('proposal.decline.submit')}
            onSubmit={(v) => run('answerProposal', { proposalSeq: proposal.seq, accept: false, reason: v.reason ?? '' })}
            onDone={() => setForm('none')}
          />
        )}
      </div>
    </section>
  );
}
