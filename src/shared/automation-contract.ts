import { z } from 'zod';
import { resolverPayloads } from './resolver-contract';

/**
 * The contract between Jira Automation and the app's `action` modules (manifest.yml, offered through
 * `automation:actionProvider`): the inputs each action declares, and the zod schema its handler checks them with.
 *
 * Automation calls the action's function with the rule's configured inputs as the payload, smart values
 * resolved (https://developer.atlassian.com/platform/forge/manifest-reference/modules/automation-action/,
 * "Action execution"). Who acts is never an input: it is the user of the rule's connection, from the
 * invocation's context. The inputs are the panel's payloads (src/shared/resolver-contract.ts) without
 * `onBehalf`, plus the issue, which Automation does not pass by itself (`{{issue.key}}` in the rule).
 */

/** The input types Automation knows (manifest `inputs.<name>.type`). */
export type AutomationInputType = 'string' | 'integer' | 'number' | 'boolean';

export interface AutomationInputDeclaration {
  readonly type: AutomationInputType;
  readonly required: boolean;
}

const issueKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/, 'must be an issue key such as PROJ-123 (in a rule: {{issue.key}})');

const { onBehalf: _start, ...startShape } = resolverPayloads.startEscalation.shape;
const { onBehalf: _notified, ...notifiedShape } = resolverPayloads.recordClientNotified.shape;
const { onBehalf: _update, ...updateShape } = resolverPayloads.postStatusUpdate.shape;
const { onBehalf: _ack, ...ackShape } = resolverPayloads.acknowledgeNotice.shape;
void [_start, _notified, _update, _ack];

/**
 * Strict: an input the manifest does not declare (an `onBehalf`, an `accountId`) is refused, never used.
 * An empty value counts as absent: an optional input left empty in the rule, or a smart value that
 * resolved to nothing, arrives as `""`; a required one then fails as missing.
 */
const inputs = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(
    (raw) =>
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null && v !== undefined))
        : raw,
    z.object({ issueKey, ...shape }).strict(),
  );

export const automationActionInputs = {
  startEscalation: inputs(startShape),
  recordClientNotified: inputs(notifiedShape),
  postStatusUpdate: inputs(updateShape),
  acknowledgeNotice: inputs(ackShape),
} as const;

export type AutomationActionKey = keyof typeof automationActionInputs;
export type AutomationActionInput<K extends AutomationActionKey> = z.output<(typeof automationActionInputs)[K]>;

/** What manifest.yml declares for each action's inputs; a contract test keeps both and the schemas in step. */
export const AUTOMATION_INPUT_DECLARATIONS: { readonly [K in AutomationActionKey]: Readonly<Record<string, AutomationInputDeclaration>> } =
  {
    startEscalation: {
      issueKey: { type: 'string', required: true },
      trigger: { type: 'string', required: true },
      problem: { type: 'string', required: true },
      impact: { type: 'string', required: true },
      critical: { type: 'boolean', required: false },
      detectedAt: { type: 'string', required: false },
    },
    recordClientNotified: {
      issueKey: { type: 'string', required: true },
      channel: { type: 'string', required: true },
      note: { type: 'string', required: true },
    },
    postStatusUpdate: {
      issueKey: { type: 'string', required: true },
      text: { type: 'string', required: true },
    },
    acknowledgeNotice: {
      issueKey: { type: 'string', required: true },
      note: { type: 'string', required: false },
    },
  };

/** Automation's documented way to fail an action with messages for the rule's audit log. */
export interface AutomationActionErrors {
  readonly errors: readonly { readonly message: string }[];
}
