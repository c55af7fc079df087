import {
  ESCALATION_PROPERTY_KEY,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../../domain/escalation/escalation-projection';
import type { JiraClient } from './jira-client';

/** The manifest key of the "Escalation level" custom field. */
export const ESCALATION_FIELD_MODULE_KEY = 'escalation-level';

let cachedFieldId: string | undefined;

/** Forge names the field's schema after the module: `…/static/escalation-level`. The id never changes. */
export async function escalationFieldId(asApp: JiraClient): Promise<string> {
  if (cachedFieldId) return cachedFieldId;
  const fields = await asApp.getFields();
  const field = fields.find((f) => f.schema?.custom?.endsWith(`/static/${ESCALATION_FIELD_MODULE_KEY}`));
  if (!field) throw new Error(`The app's custom field ${ESCALATION_FIELD_MODULE_KEY} is not installed in this Jira site`);
  cachedFieldId = field.id;
  return field.id;
}

/**
 * Writes an escalation's projections: the level field (only when given, with a changelog entry) first,
 * then the searchable property. If the field write fails the property still shows the old next check
 * time, so the sweep finds the issue again and the two cannot stay apart.
 */
export async function writeEscalationProjection(
  asApp: JiraClient,
  issue: { readonly id: string; readonly key: string },
  document: EscalationIndexDocument,
  field?: EscalationFieldValue,
): Promise<void> {
  if (field) await asApp.setAppFieldValue(await escalationFieldId(asApp), [Number(issue.id)], field);
  await asApp.setIssueProperty(issue.key, ESCALATION_PROPERTY_KEY, document);
}
