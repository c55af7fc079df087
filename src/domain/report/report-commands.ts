import type { CommandContext } from '../escalation/escalation-commands';
import type { EventOf } from '../escalation/escalation-event';
import { accept, reject, type Decision } from '../escalation/escalation-rejection';
import type { EscalationState, ReportVersion } from '../escalation/escalation-state';
import type { Locale } from '../process/process-template';
import { cleanReportTexts, type ReportTexts } from './report-texts';

/**
 * The final report's review cycle as commands: the contractor submits a version (its content frozen by
 * hash), the client asks for changes with a comment or approves exactly that version; any later change
 * is a new version. Approved versions stay as they are; exports and the debrief are recorded here too.
 */
type New<
  T extends EventOf<'report-submitted'>['type'] | 'report-changes-requested' | 'report-approved' | 'report-exported' | 'debrief-held',
> = Omit<EventOf<T>, 'seq'>;

const stamp = (ctx: CommandContext) => ({ at: ctx.now.toISOString(), actor: ctx.actor });

/** The newest version, the only one that may be decided on. */
export const latestReport = (state: EscalationState): ReportVersion | undefined => state.reports[state.reports.length - 1];

function requireResolved(state: EscalationState | undefined): Decision<EscalationState> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  if (state.status !== 'resolved') return reject('not-resolved', 'The final report is written once the escalation is resolved.');
  return accept(state);
}

function pendingVersion(state: EscalationState, reportVersion: number): Decision<ReportVersion> {
  const version = state.reports.find((r) => r.version === reportVersion);
  if (!version) return reject('unknown-record', `Report version ${reportVersion} does not exist.`);
  if (version !== latestReport(state))
    return reject('record-state', `Report version ${reportVersion} was superseded by version ${latestReport(state)!.version}.`);
  if (version.status !== 'submitted')
    return reject('record-state', `Report version ${reportVersion} is ${version.status}, not awaiting a decision.`);
  return accept(version);
}

/**
 * The contractor submits the report as generated now, with the contractor's own texts (summary, lessons
 * learned, answer to a change request); its content hash freezes what the client will see, texts included.
 */
export function submitReport(
  state: EscalationState | undefined,
  input: { readonly contentHash: string; readonly locale: Locale; readonly texts?: ReportTexts },
  ctx: CommandContext,
): Decision<New<'report-submitted'>> {
  const resolved = requireResolved(state);
  if (!resolved.ok) return resolved;
  if (ctx.actor.party !== 'contractor')
    return reject('wrong-party', 'The contractor submits the escalation report.', { awaitedParty: 'contractor' });
  const reportVersion = Math.max(0, ...resolved.value.reports.map((r) => r.version)) + 1;
  const texts = cleanReportTexts(input.texts);
  return accept({
    type: 'report-submitted',
    ...stamp(ctx),
    reportVersion,
    contentHash: input.contentHash,
    locale: input.locale,
    ...(Object.keys(texts).length > 0 ? { texts } : {}),
  });
}

/** The client sends the submitted version back with a comment saying what should change. */
export function requestReportChanges(
  state: EscalationState | undefined,
  input: { readonly reportVersion: number; readonly comment: string },
  ctx: CommandContext,
): Decision<New<'report-changes-requested'>> {
  const resolved = requireResolved(state);
  if (!resolved.ok) return resolved;
  if (ctx.actor.party !== 'client') return reject('wrong-party', 'The client reviews the escalation report.', { awaitedParty: 'client' });
  if (!input.comment.trim()) return reject('comment-required', 'Say what should change in the report.');
  const pending = pendingVersion(resolved.value, input.reportVersion);
  if (!pending.ok) return pending;
  return accept({ type: 'report-changes-requested', ...stamp(ctx), reportVersion: input.reportVersion, comment: input.comment });
}

/**
 * The client approves the submitted version; `contentHash` is the hash of the content the client saw and
 * must equal the frozen version's, so nothing else can be approved by accident.
 */
export function approveSubmittedReport(
  state: EscalationState | undefined,
  input: { readonly reportVersion: number; readonly contentHash: string; readonly note?: string },
  ctx: CommandContext,
): Decision<New<'report-approved'>> {
  const resolved = requireResolved(state);
  if (!resolved.ok) return resolved;
  if (ctx.actor.party !== 'client') return reject('wrong-party', 'The client approves the escalation report.', { awaitedParty: 'client' });
  const pending = pendingVersion(resolved.value, input.reportVersion);
  if (!pending.ok) return pending;
  if (pending.value.contentHash !== input.contentHash) {
    return reject(
      'hash-mismatch',
      `Report version ${input.reportVersion} has hash ${pending.value.contentHash.slice(0, 12)}…, not ${input.contentHash.slice(0, 12)}…`,
    );
  }
  return accept({
    type: 'report-approved',
    ...stamp(ctx),
    reportVersion: input.reportVersion,
    contentHash: input.contentHash,
    ...(input.note ? { note: input.note } : {}),
  });
}

/** Records that an approved version was exported to Confluence (page and its version). */
export function recordReportExported(
  state: EscalationState | undefined,
  input: { readonly reportVersion: number; readonly pageId: string; readonly pageVersion: number; readonly url: string },
  ctx: CommandContext,
): Decision<New<'report-exported'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (ctx.actor.party === 'system') return reject('system-not-allowed', 'Only a person of a party may do this.');
  const version = state.reports.find((r) => r.version === input.reportVersion);
  if (!version) return reject('unknown-record', `Report version ${input.reportVersion} does not exist.`);
  if (version.status !== 'approved')
    return reject('report-not-approved', `Report version ${input.reportVersion} is not approved; only approved versions are archived.`, {
      awaitedParty: 'client',
    });
  return accept({ type: 'report-exported', ...stamp(ctx), ...input });
}

/** Either party records the debrief and its lessons learned, once the matter is resolved. */
export function recordDebrief(
  state: EscalationState | undefined,
  input: { readonly lessonsLearned: string; readonly improvements?: string },
  ctx: CommandContext,
): Decision<New<'debrief-held'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'open') return reject('not-resolved', 'The debrief is held once the escalation is resolved.');
  if (ctx.actor.party === 'system') return reject('system-not-allowed', 'Only a person of a party may do this.');
  return accept({
    type: 'debrief-held',
    ...stamp(ctx),
    lessonsLearned: input.lessonsLearned,
    ...(input.improvements ? { improvements: input.improvements } : {}),
  });
}
