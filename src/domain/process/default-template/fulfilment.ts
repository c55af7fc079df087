import type { FulfilmentRule, Level } from '../process-template';

/**
 * How each obligation of the annex is fulfilled: which of the app's records is its evidence, which duties the
 * app performs itself, and which happen outside it (a call, a meeting) and are ticked with a note. Approvals
 * and decisions are never ticked: they exist only as the approval itself. "Bei Bedarf" / "gegebenenfalls"
 * duties may be marked not applicable, with a reason the other party sees.
 */
const manual: FulfilmentRule = { records: [], manual: true };
const optional: FulfilmentRule = { records: [], manual: true, notApplicable: true };
const automatic: FulfilmentRule = { records: [], automatic: true, manual: false };
const only = (...records: FulfilmentRule['records']): FulfilmentRule => ({ records, manual: false });
const orManual = (...records: FulfilmentRule['records']): FulfilmentRule => ({ records, manual: true });

export const DEFAULT_FULFILMENT: Readonly<Record<string, FulfilmentRule>> = {
  // Level 1: immediate problem solving
  'L1-C-01': orManual({ record: 'escalation-started', party: 'contractor' }),
  // A client that started the escalation knows of it: there is nobody to notify.
  'L1-C-02': only({ record: 'client-notified' }, { record: 'escalation-started', party: 'client' }),
  'L1-C-03': automatic, // the escalation lives on a prioritised Jira ticket
  'L1-C-04': only({ record: 'preliminary-plan-submitted' }, { record: 'detailed-plan-submitted' }),
  'L1-C-05': manual,
  'L1-C-06': only({ record: 'status-update-posted' }),
  'L1-C-07': automatic, // the escalation log is that log
  'L1-C-08': manual,
  'L1-C-09': only({ record: 'root-cause-recorded' }),
  'L1-C-10': manual,
  'L1-K-01': manual,
  'L1-K-02': manual,
  'L1-K-03': manual,
  'L1-K-04': { ...only({ record: 'preliminary-plan-decided' }, { record: 'detailed-plan-decided' }), notApplicable: true },
  'L1-K-05': optional,
  'L1-K-06': manual,
  'L1-K-07': manual,
  'L1-K-08': manual,
  'L1-K-09': orManual({ record: 'preventive-measure-recorded' }),
  'L1-K-10': manual, // approves plans kept outside the app; the note names the approved version
  // Level 2: middle management
  'L2-C-01': only({ record: 'management-informed' }),
  'L2-C-02': orManual({ record: 'meeting-confirmed', party: 'any' }), // a date both parties agreed on
  'L2-C-03': manual,
  'L2-C-04': only({ record: 'detailed-plan-submitted' }),
  'L2-C-05': manual,
  'L2-C-06': orManual({ record: 'status-update-posted' }),
  'L2-C-07': manual,
  'L2-C-08': optional,
  'L2-C-09': manual,
  'L2-C-10': orManual({ record: 'preventive-measure-recorded' }),
  'L2-K-01': manual,
  'L2-K-02': manual,
  'L2-K-03': optional,
  'L2-K-04': only({ record: 'detailed-plan-decided' }),
  'L2-K-05': only({ record: 'detailed-plan-approved' }),
  'L2-K-06': manual,
  'L2-K-07': manual,
  'L2-K-08': manual,
  'L2-K-09': manual,
  'L2-K-10': orManual({ record: 'preventive-measure-recorded' }),
  // Level 3: executive management
  'L3-C-01': only({ record: 'management-informed' }),
  'L3-C-02': manual,
  'L3-C-03': orManual({ record: 'meeting-proposed' }), // the dates proposed: the client's "zeitnah" answer runs from here
  'L3-C-04': manual,
  'L3-C-05': manual,
  'L3-C-06': manual,
  'L3-C-07': orManual({ record: 'status-update-posted' }),
  'L3-C-08': manual,
  'L3-C-09': optional,
  'L3-C-10': manual,
  'L3-K-01': only({ record: 'management-informed' }),
  'L3-K-02': manual,
  'L3-K-03': orManual({ record: 'meeting-confirmed' }), // the confirmation of a proposed date
  'L3-K-04': manual,
  'L3-K-05': manual,
  'L3-K-06': manual,
  'L3-K-07': manual,
  'L3-K-08': manual,
  'L3-K-09': manual,
  'L3-K-10': manual,
  // Level 4: external conciliation
  'L4-C-01': only({ record: 'conciliator-proposed' }),
  'L4-C-02': manual,
  'L4-C-03': only({ record: 'conciliator-approved', party: 'client' }),
  'L4-C-04': manual,
  'L4-C-05': manual,
  'L4-C-06': orManual(
    { record: 'conciliation-session-held', party: 'any' },
    { record: 'meeting-proposed' },
    { record: 'meeting-confirmed' },
  ),
  'L4-C-07': orManual({ record: 'conciliation-session-held', party: 'any' }),
  'L4-C-08': orManual({ record: 'conciliation-session-held', party: 'any' }),
  'L4-C-09': manual,
  'L4-C-10': manual,
  'L4-K-01': only({ record: 'conciliator-approved' }),
  'L4-K-02': manual, // the client's internal stakeholders agree inside its own organisation
  'L4-K-03': only({ record: 'conciliator-approved' }),
  'L4-K-04': manual,
  'L4-K-05': manual,
  'L4-K-06': orManual({ record: 'conciliation-session-held', party: 'any' }, { record: 'meeting-confirmed' }),
  'L4-K-07': manual,
  'L4-K-08': orManual({ record: 'conciliation-session-held', party: 'any' }),
  'L4-K-09': manual,
  'L4-K-10': manual,
  // Documentation and reporting (through the whole escalation)
  'DOC-C-01': orManual({ record: 'escalation-started', party: 'contractor' }),
  'DOC-C-02': only({ record: 'client-notified' }, { record: 'escalation-started', party: 'client' }),
  'DOC-C-03': orManual({ record: 'root-cause-recorded' }),
  'DOC-C-04': only({ record: 'detailed-plan-submitted' }),
  'DOC-C-05': orManual({ record: 'status-update-posted' }),
  'DOC-C-06': optional,
  'DOC-C-07': only({ record: 'report-submitted' }),
  'DOC-C-08': only({ record: 'report-submitted' }),
  'DOC-C-09': only({ record: 'report-approved', party: 'any' }), // the approved version is frozen and kept by the app
  'DOC-C-10': only({ record: 'debrief-held', party: 'any' }),
  'DOC-K-01': only({ record: 'notice-acknowledged' }),
  'DOC-K-02': optional,
  'DOC-K-03': manual,
  'DOC-K-04': only({ record: 'detailed-plan-decided' }),
  'DOC-K-05': optional,
  'DOC-K-06': optional,
  'DOC-K-07': only({ record: 'report-approved' }),
  'DOC-K-08': orManual({ record: 'report-exported', party: 'any' }),
  'DOC-K-09': only({ record: 'debrief-held', party: 'any' }),
  'DOC-K-10': manual,
  // Revision of the process: fulfilled on the process pages, not in an escalation
  'REV-C-01': { records: [], manual: false, processRecord: 'yearly-review' },
  'REV-C-02': manual,
  'REV-C-03': manual,
  'REV-C-04': manual,
  'REV-C-05': manual,
  'REV-C-06': manual,
  'REV-C-07': manual,
  'REV-C-08': manual,
  'REV-C-09': optional,
  'REV-C-10': manual,
  'REV-K-01': manual,
  'REV-K-02': manual,
  'REV-K-03': manual,
  'REV-K-04': manual,
  'REV-K-05': optional,
  'REV-K-06': manual,
  'REV-K-07': { records: [], manual: false, processRecord: 'template-approval' },
  'REV-K-08': manual,
  'REV-K-09': manual,
  'REV-K-10': manual,
};

/** Level-4 preparation happens at level 3: "bevor dieser Weg eingeschlagen wird". */
export const DEFAULT_OPENS_AT_LEVEL: Readonly<Record<string, Level>> = {
  'L4-C-01': 3,
  'L4-C-02': 3,
  'L4-K-01': 3,
  'L4-K-02': 3,
};
