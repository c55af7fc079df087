import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import type { PlatformSandbox } from '../platform/create-sandbox';
import { act } from './panel-invoke';
import { satisfyDuties } from './work-through';

export { act, invokePanel, type DemoUser } from './panel-invoke';

/**
 * The app's side of the demo: who the parties of project DEMO are, the escalation rules on its
 * workflow, and escalations at different stages, all made through the app's own code paths.
 */

export const DEMO_CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: {
    contractor: { groups: ['contractor-team', 'contractor-managers'] },
    // Kunde AG (sandbox/platform/demo/seed-demo-jira.ts, DEMO_ORGANIZATIONS): its customers act for the client on the portal.
    client: { groups: ['client-team', 'client-executives'], organizations: ['1'] },
  },
};

export async function configureDemoProject(sandbox: PlatformSandbox): Promise<void> {
  await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', DEMO_CONFIGURATION));
}

/**
 * Demo workflow (see platform/demo/base-jira.ts): Escalate starts, Resolve resolves, Close closes, Reopen reopens;
 * "Change escalation level" (Escalated → Escalated) has a screen with the Escalation level field, whose edit view
 * escalates or proposes de-escalation through the panel's rules. De-escalate carries no rule: the level is the
 * escalation's, the status only says the issue is escalated.
 */
export function attachDemoWorkflowRules(sandbox: PlatformSandbox): void {
  const rule = (transitionId: number, action: string, condition?: string) => {
    sandbox.attachWorkflowRule(
      transitionId,
      'escalation-transition-validator',
      JSON.stringify({ action, ...(action === 'start' ? { trigger: 'sla-breach' } : {}) }),
    );
    sandbox.attachWorkflowRule(
      transitionId,
      'escalation-transition-post-function',
      JSON.stringify({ action, ...(action === 'start' ? { trigger: 'sla-breach' } : {}) }),
    );
    if (condition) sandbox.attachWorkflowRule(transitionId, condition);
  };
  rule(21, 'start', 'escalation-not-started');
  rule(22, 'start', 'escalation-not-started');
  rule(41, 'resolve', 'escalation-can-resolve');
  rule(42, 'resolve', 'escalation-can-resolve');
  rule(51, 'close', 'escalation-can-close');
  rule(61, 'reopen');
  sandbox.addTransitionScreenField(71, sandbox.customFieldId('escalation-level'));
}

/**
 * DEMO-1: at level 2 by agreement, level 1's duties proven by their records and an approved plan.
 * DEMO-2: just started at level 1 (the two-hour notification clock running).
 * DEMO-5: resolved, waiting for the final report.
 */
export async function seedDemoEscalations(sandbox: PlatformSandbox): Promise<void> {
  await act(sandbox, 'sam', 'DEMO-1', 'startEscalation', {
    trigger: 'sla-breach',
    critical: true,
    problem: 'Storage-Cluster im Rechenzentrum Frankfurt nicht erreichbar; Buchungssystem des Auftraggebers steht.',
    impact: 'Keine Buchungen seit 06:10 Uhr; ca. 1.200 Vorgänge pro Stunde betroffen.',
  });
  // What the parties record is the evidence of their duties: nobody ticks what a record proves.
  await act(sandbox, 'sam', 'DEMO-1', 'recordClientNotified', {
    channel: 'phone',
    note: 'Klaus Kunde um 06:40 telefonisch informiert, Ticket-Nummer genannt.',
  });
  await act(sandbox, 'klaus', 'DEMO-1', 'acknowledgeNotice', { note: 'Meldung und erste Einschätzung erhalten.' });
  for (const [user, id, note] of [
    ['klaus', 'L1-K-01', 'Logauszüge und Monitoring-Zugang bereitgestellt.'],
    ['klaus', 'L1-K-06', 'Ansprechpartner für Status-Updates: Klaus Kunde.'],
  ] as const) {
    await act(sandbox, user, 'DEMO-1', 'fulfilObligation', { obligationId: id, note });
  }
  await act(sandbox, 'sam', 'DEMO-1', 'draftActionPlan', {
    stage: 'preliminary',
    text: 'Failover auf Standby-Cluster, danach Ursachenanalyse am Primärsystem.',
  });
  await act(sandbox, 'sam', 'DEMO-1', 'submitActionPlan', { planVersion: 1 });
  await act(sandbox, 'klaus', 'DEMO-1', 'decideActionPlan', { planVersion: 1, decision: 'approve', comment: 'Einverstanden.' });
  // Both agree to call in middle management before level 1's time frame has run out.
  const proposed = await act(sandbox, 'sam', 'DEMO-1', 'proposeEscalation', {
    note: 'Failover did not restore service; middle management must decide on resources.',
  });
  await act(sandbox, 'erika', 'DEMO-1', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
  await act(sandbox, 'sam', 'DEMO-1', 'informManagement', { note: 'Mittleres Management beider Seiten per E-Mail informiert.' });
  await act(sandbox, 'sam', 'DEMO-1', 'postStatusUpdate', {
    text: 'Standby cluster running at 60 % capacity; vendor engineer on site at 14:00.',
  });

  await act(sandbox, 'klaus', 'DEMO-2', 'startEscalation', {
    trigger: 'contract-interpretation',
    problem: 'Monthly availability report delivered 9 days late; client reads the SLA annex as a 3-day limit.',
    impact: 'Client cannot report availability to its own customers on time.',
  });

  await act(sandbox, 'klaus', 'DEMO-5', 'startEscalation', {
    trigger: 'contract-interpretation',
    problem: 'Abweichung bei den abgerechneten Bereitschaftsstunden im Q3.',
    impact: 'Rechnung über 14.300 € strittig.',
  });
  await act(sandbox, 'sam', 'DEMO-5', 'recordRootCause', { text: 'Bereitschaften doppelt erfasst: Import lief zweimal.' });
  await satisfyDuties(sandbox, 'DEMO-5', ['L1-C-01', 'L1-C-04', 'L1-K-01', 'L1-K-04', 'L1-K-06'], { contractor: 'sam', client: 'klaus' });
  const resolution = await act(sandbox, 'carla', 'DEMO-5', 'resolveEscalation', {
    resolution: 'Gutschrift über 2.100 € für doppelt erfasste Bereitschaften.',
  });
  await act(sandbox, 'klaus', 'DEMO-5', 'answerProposal', { proposalSeq: resolution.escalation!.proposal!.seq, accept: true });
}

const DEMO_MARKER = 'sandbox:app-demo-loaded';

/** Loads the app's demo (parties, workflow rules, escalations) once per data file. */
export async function loadAppDemo(sandbox: PlatformSandbox): Promise<boolean> {
  const { kvs } = await import('@forge/kvs');
  const loaded = await sandbox.runAs({ kind: 'app' }, () => kvs.get<string>(DEMO_MARKER));
  if (loaded) return false;
  await configureDemoProject(sandbox);
  attachDemoWorkflowRules(sandbox);
  await seedDemoEscalations(sandbox);
  await sandbox.runAs({ kind: 'app' }, () => kvs.set(DEMO_MARKER, sandbox.now().toISOString()));
  return true;
}
