import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import type { ResolverKey, ResolverPayload, ResolverResponse } from '../../src/shared/resolver-contract';
import type { EscalationPanelView } from '../../src/shared/escalation-panel-view';
import type { PlatformSandbox } from '../platform/create-sandbox';
import { DEMO_USERS } from '../platform/demo/seed-demo-jira';

/**
 * The app's side of the demo: who the parties of project DEMO are, the escalation rules on its
 * workflow, and escalations at different stages, all made through the app's own code paths.
 */
export type DemoUser = keyof typeof DEMO_USERS;

export const DEMO_CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: {
    contractor: { groups: ['contractor-team', 'contractor-managers'] },
    client: { groups: ['client-team', 'client-executives'] },
  },
};

export async function configureDemoProject(sandbox: PlatformSandbox): Promise<void> {
  await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', DEMO_CONFIGURATION));
}

/** Demo workflow (see platform/demo/base-jira.ts): Escalate starts, Resolve resolves, Close closes, Reopen reopens. */
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
}

/** Calls a panel resolver exactly as the issue panel's frame would, as a demo user. */
export async function invokePanel<K extends ResolverKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  issueKey: string,
  key: K,
  payload: ResolverPayload<K>,
): Promise<ResolverResponse<EscalationPanelView>> {
  const person = DEMO_USERS[user];
  return (await sandbox.invoke({
    moduleKey: 'escalation-panel',
    functionKey: key,
    payload,
    context: {
      accountId: person.accountId,
      cloudId: 'sandbox',
      localId: `panel-${issueKey}`,
      locale: person.locale,
      timezone: person.timeZone,
      moduleKey: 'escalation-panel',
      siteUrl: 'http://localhost',
      extension: { type: 'jira:issuePanel', issue: { key: issueKey, type: 'Service Request' }, project: { key: issueKey.split('-')[0] } },
    },
  })) as ResolverResponse<EscalationPanelView>;
}

/** Like {@link invokePanel}, failing loudly on an error envelope (demo seeding must not half-work). */
export async function act<K extends ResolverKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  issueKey: string,
  key: K,
  payload: ResolverPayload<K>,
): Promise<EscalationPanelView> {
  const response = await invokePanel(sandbox, user, issueKey, key, payload);
  if (!response.ok) throw new Error(`${key} as ${user} on ${issueKey} failed: ${response.error.code} ${response.error.message}`);
  return response.data;
}

/** The other party accepts the proposal (escalate now, de-escalate, resolve) that `proposed` shows waiting. */
async function accept(sandbox: PlatformSandbox, issueKey: string, proposed: EscalationPanelView, accepter: DemoUser): Promise<void> {
  const proposalSeq = proposed.escalation?.proposal?.seq;
  if (!proposalSeq) throw new Error(`no proposal waiting on ${issueKey}`);
  await act(sandbox, accepter, issueKey, 'answerProposal', { proposalSeq, accept: true });
}

/**
 * DEMO-1: a critical outage at level 2, agreed by both parties; level 1's duties fulfilled by their records (the
 * notification, the approved preliminary plan) and by ticks only where they happen outside the app.
 * DEMO-2: just started at level 1 by the client (no two-hour notification clock: the client knows of it).
 * DEMO-5: resolved at level 1 by agreement, waiting for the final report.
 */
export async function seedDemoEscalations(sandbox: PlatformSandbox): Promise<void> {
  await act(sandbox, 'sam', 'DEMO-1', 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Storage-Cluster im Rechenzentrum Frankfurt nicht erreichbar; Buchungssystem des Auftraggebers steht.',
    impact: 'Keine Buchungen seit 06:10 Uhr; ca. 1.200 Vorgänge pro Stunde betroffen.',
    critical: true,
  });
  await act(sandbox, 'sam', 'DEMO-1', 'recordClientNotified', {
    channel: 'phone',
    note: 'Klaus Kunde telefonisch informiert, Ticket-Nummer genannt.',
  });
  await act(sandbox, 'klaus', 'DEMO-1', 'acknowledgeNotice', { note: 'Meldung erhalten.' });
  for (const [user, id, note] of [
    ['sam', 'L1-C-05', 'Storage-Team und Hersteller-Support sind im Einsatz.'],
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
  const escalation = await act(sandbox, 'erika', 'DEMO-1', 'proposeEscalation', {
    note: 'Failover did not restore service; middle management must decide on resources.',
  });
  await accept(sandbox, 'DEMO-1', escalation, 'carla');
  await act(sandbox, 'sam', 'DEMO-1', 'informManagement', {
    note: 'Both middle managements informed by e-mail; coordination call tomorrow 09:00.',
  });
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
  for (const [user, id] of [
    ['sam', 'L1-C-01'],
    ['klaus', 'L1-K-01'],
    ['klaus', 'L1-K-06'],
  ] as const) {
    await act(sandbox, user, 'DEMO-5', 'fulfilObligation', { obligationId: id, note: 'Erledigt laut Abstimmung vom Montag.' });
  }
  await act(sandbox, 'sam', 'DEMO-5', 'draftActionPlan', {
    stage: 'preliminary',
    text: 'Stundenzettel Q3 gemeinsam mit dem Auftraggeber abgleichen.',
  });
  await act(sandbox, 'sam', 'DEMO-5', 'submitActionPlan', { planVersion: 1 });
  await act(sandbox, 'klaus', 'DEMO-5', 'decideActionPlan', { planVersion: 1, decision: 'approve' });
  const resolution = await act(sandbox, 'carla', 'DEMO-5', 'resolveEscalation', {
    resolution: 'Gutschrift über 2.100 € für doppelt erfasste Bereitschaften.',
  });
  await accept(sandbox, 'DEMO-5', resolution, 'klaus');
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
