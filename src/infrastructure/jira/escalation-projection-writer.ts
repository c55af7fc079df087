import {
  ESCALATION_PROPERTY_KEY,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../../domain/escalation/escalation-projection';
import type { JiraClient } from './jira-client';

/** The manifest key of the "Escalation level" custom field. */
export const ESCALATION_FIELD_MODULE_KEY = 'escalation-level';

/** Forge names the field's schema after the module: `…/static/escalation-level`. Each site has its own id. */
export async function escalationFieldId(asApp: JiraClient): Promise<string> {
  const fields = await asApp.getFields();
  const field = fields.find((f) => f.schema?.custom?.endsWith(`/static/${ESCALATION_FIELD_MODULE_KEY}`));
  if (!field) throw new Error(`The app's custom field ${ESCALATION_FIELD_MODULE_KEY} is not installed in this Jira site`);
  return field.id;
}

/**
 * The field's id, looked up once per instance. Instances belong to one invocation (composition roots make
 * them per invocation), never to the module: a warm Forge process may serve another site next, whose field
 * has another id, so nothing of one site is kept beyond its invocation.
 */
export class EscalationFieldIdLookup {
  private id: Promise<string> | undefined;

  constructor(private readonly asApp: JiraClient) {}

  get(): Promise<string> {
    this.id ??= escalationFieldId(this.asApp).catch((error: unknown) => {
      this.id = undefined;
      throw error;
    });
    return this.id;
  }
}

/**
 * Writes an escalation's projections: the level field (only when given, with a changelog entry) first,
 * then the searchable property. If the field write fails the property still shows the old next check
 * time, so the sweep finds the issue again and the two cannot stay apart.
 */
export async function writeEscalationProjection(
  asApp: JiraClient,
  fieldId: EscalationFieldIdLookup,
  issue: { readonly id: string; readonly key: string },
  document: EscalationIndexDocument,
  field?: EscalationFieldValue,
): Promise<void> {
  if (field) await asApp.setAppFieldValue(await fieldId.get(), [Number(issue.id)], field);
  await asApp.setIssueProperty(issue.key, ESCALATION_PROPERTY_KEY, document);
}
