/**
 * Contract between manifest.yml's Jira Automation `action` modules and the code: each action's declared
 * inputs (names, types, required) are the ones its handler's zod schema reads, and each action runs the
 * handler of its use case. Automation rejects a rule with a field the manifest does not declare, and the
 * handler rejects a field its schema does not know: both lists must be the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import * as entryPoints from '../../src/index';
import { AUTOMATION_INPUT_DECLARATIONS, automationActionInputs, type AutomationActionKey } from '../../src/shared/automation-contract';

const APP_DIR = path.resolve(__dirname, '..', '..');
type Module = Record<string, unknown>;
const modules = (parse(fs.readFileSync(path.join(APP_DIR, 'manifest.yml'), 'utf8')) as { modules: Record<string, Module[]> }).modules;

/** Manifest action key → the use case it runs, and the export of src/index.ts that runs it. */
const ACTIONS: Record<string, { useCase: AutomationActionKey; handler: keyof typeof entryPoints }> = {
  'escalation-start': { useCase: 'startEscalation', handler: 'automationStartEscalation' },
  'escalation-record-client-notified': { useCase: 'recordClientNotified', handler: 'automationRecordClientNotified' },
  'escalation-post-status-update': { useCase: 'postStatusUpdate', handler: 'automationPostStatusUpdate' },
  'escalation-acknowledge-notice': { useCase: 'acknowledgeNotice', handler: 'automationAcknowledgeNotice' },
};

const actions = modules.action ?? [];
const functionHandler = (key: unknown) => String((modules.function ?? []).find((f) => f.key === key)?.handler);

it('offers every action module to Automation, and only those in the table', () => {
  const offered = (modules['automation:actionProvider'] ?? []).flatMap((p) => p.actions as string[]);
  expect(offered.sort()).toEqual(Object.keys(ACTIONS).sort());
  expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(ACTIONS).sort());
});

describe.each(Object.entries(ACTIONS))('action %s', (actionKey, { useCase, handler }) => {
  const action = actions.find((a) => a.key === actionKey)!;

  it(`runs index.${handler}`, () => {
    expect(functionHandler(action.function)).toBe(`index.${handler}`);
    expect(typeof entryPoints[handler]).toBe('function');
  });

  it('declares exactly the inputs the handler reads, with their types and whether they are required', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs as Record<string, { type: string; required: boolean }>).map(([name, i]) => [
        name,
        { type: i.type, required: i.required },
      ]),
    );
    expect(declared).toEqual(AUTOMATION_INPUT_DECLARATIONS[useCase]);
    const schema = automationActionInputs[useCase];
    const declarations = Object.entries(AUTOMATION_INPUT_DECLARATIONS[useCase]);
    const sample: Record<string, unknown> = Object.fromEntries(
      declarations.map(([name, d]) => [name, SAMPLES[`${useCase}.${name}`] ?? SAMPLES[d.type]]),
    );
    expect(schema.safeParse(sample).success).toBe(true);
    for (const [name, d] of declarations) {
      const { [name]: _left, ...without } = sample;
      void _left;
      expect({ name, accepted: schema.safeParse(without).success }).toEqual({ name, accepted: !d.required });
    }
    expect(schema.safeParse({ ...sample, undeclared: 'x' }).success).toBe(false);
  });
});

const SAMPLES: Record<string, unknown> = {
  string: 'Some text',
  boolean: true,
  'startEscalation.issueKey': 'DEMO-1',
  'recordClientNotified.issueKey': 'DEMO-1',
  'postStatusUpdate.issueKey': 'DEMO-1',
  'acknowledgeNotice.issueKey': 'DEMO-1',
  'startEscalation.trigger': 'sla-breach',
  'startEscalation.detectedAt': '2026-03-02T08:00:00+01:00',
  'recordClientNotified.channel': 'email',
};
