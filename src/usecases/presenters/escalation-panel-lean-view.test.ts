import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate } from '../../domain/process/process-template';
import type { EscalationPanelView } from '../../shared/escalation-panel-view';
import { composePanelView, type LeanEscalationPanelView, type PanelAnswer } from '../../shared/panel-view-wire';
import { getEscalationPanel } from '../get-escalation-panel-use-case';
import { performEscalationAction } from '../perform-escalation-action-use-case';
import { InMemoryWorld } from '../testing/in-memory-deps';
import { panelTemplateTexts } from './escalation-panel-presenter';

const full = { browse: true, edit: true, admin: false };
const sam = { accountId: 'sam', issueKey: 'DEMO-1' };
const klaus = { accountId: 'klaus', issueKey: 'DEMO-1' };

function world(template: ProcessTemplate = DEFAULT_PROCESS_TEMPLATE): InMemoryWorld {
  return new InMemoryWorld(template)
    .addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full })
    .addUser({ accountId: 'klaus', displayName: 'Klaus', groups: ['client-team'], access: full });
}

function lean(answer: PanelAnswer): LeanEscalationPanelView {
  if (!('lean' in answer)) throw new Error('expected the lean view');
  return answer;
}

function fullView(answer: PanelAnswer): EscalationPanelView {
  if ('lean' in answer) throw new Error('expected the full view');
  return answer;
}

/** An escalation under way: started, some duties done, an action plan drafted, a level up. */
async function underWay(w: InMemoryWorld): Promise<void> {
  w.currentUser = 'sam';
  await performEscalationAction(w.deps(), sam, 'startEscalation', { trigger: 'sla-breach', problem: 'Checkout down', impact: 'No orders' });
  await performEscalationAction(w.deps(), sam, 'fulfilObligation', { obligationId: 'L1-C-08', note: 'Done outside the app' });
  await performEscalationAction(w.deps(), sam, 'draftActionPlan', { stage: 'preliminary', text: 'Restart, then fix' });
  w.currentUser = 'klaus';
  await performEscalationAction(w.deps(), klaus, 'acknowledgeNotice', {});
}

describe('the lean panel view (the template texts travel once)', () => {
  it('is the same view as the full one once composed with its texts, before and during an escalation', async () => {
    const w = world();
    w.currentUser = 'sam';
    const before = lean(await getEscalationPanel(w.deps(), sam, []));
    expect(composePanelView(before, before.templateTexts!)).toEqual(await getEscalationPanel(w.deps(), sam));
    await underWay(w);
    w.currentUser = 'sam';
    const during = lean(await getEscalationPanel(w.deps(), sam, []));
    const expected = fullView(await getEscalationPanel(w.deps(), sam));
    expect(expected.escalation?.sections.length).toBeGreaterThan(0);
    expect(composePanelView(during, during.templateTexts!)).toEqual(expected);
  });

  it('carries the texts only to a caller that does not hold them', async () => {
    const w = world();
    await underWay(w);
    w.currentUser = 'sam';
    const first = lean(await getEscalationPanel(w.deps(), sam, []));
    const texts = first.templateTexts!;
    expect(texts.key).toBe(first.templateKey);
    const next = lean(await getEscalationPanel(w.deps(), sam, [texts.key]));
    expect(next.templateTexts).toBeUndefined();
    // No obligation text, section title or principle is in the answer; the running clocks and records are.
    const json = JSON.stringify(next);
    const l1c01 = DEFAULT_PROCESS_TEMPLATE.obligations.find((o) => o.id === 'L1-C-01')!;
    expect(json).not.toContain(l1c01.text.de);
    expect(json).not.toContain(DEFAULT_PROCESS_TEMPLATE.principles[0]!.text.de);
    expect(json).toContain('Restart, then fix');
    expect(json.length).toBeLessThan(JSON.stringify(await getEscalationPanel(w.deps(), sam)).length / 3);
    expect(composePanelView(next, texts)).toEqual(await getEscalationPanel(w.deps(), sam));
  });

  it("answers an action lean too, with the texts of the escalation's template", async () => {
    const w = world();
    w.currentUser = 'sam';
    const key = panelTemplateTexts(DEFAULT_PROCESS_TEMPLATE).key;
    const started = lean(
      await performEscalationAction(w.deps(), sam, 'startEscalation', {
        trigger: 'sla-breach',
        problem: 'Checkout down',
        impact: 'No orders',
        templates: [key],
      }),
    );
    expect(started.templateKey).toBe(key);
    expect(started.templateTexts).toBeUndefined();
    expect(composePanelView(started, panelTemplateTexts(DEFAULT_PROCESS_TEMPLATE)).escalation?.level).toBe(1);
    // Without `templates` an action answers the full view, as before.
    const plain = await performEscalationAction(w.deps(), sam, 'postStatusUpdate', { text: 'Working on it' });
    expect('lean' in plain).toBe(false);
  });

  it('keys the texts by template, version and content: other texts of the same version get another key', () => {
    const changed: ProcessTemplate = {
      ...DEFAULT_PROCESS_TEMPLATE,
      obligations: DEFAULT_PROCESS_TEMPLATE.obligations.map((o) => (o.id === 'L1-C-01' ? { ...o, text: { ...o.text, en: 'Changed' } } : o)),
    };
    const a = panelTemplateTexts(DEFAULT_PROCESS_TEMPLATE).key;
    const b = panelTemplateTexts(changed).key;
    expect(a).toMatch(/^eskalationsprozess-default@1#[0-9a-f]{8}$/);
    expect(b).toMatch(/^eskalationsprozess-default@1#/);
    expect(b).not.toBe(a);
  });

  it('refuses to compose a view with the texts of another template', async () => {
    const w = world();
    w.currentUser = 'sam';
    const answer = lean(await getEscalationPanel(w.deps(), sam, []));
    const other = { ...answer.templateTexts!, key: 'other@1#00000000' };
    expect(() => composePanelView(answer, other)).toThrow(/template texts/);
  });
});

describe('the context hints of the workspace', () => {
  it("reads the issue's own log when the context names another issue (the issue itself wins over the hint)", async () => {
    const w = world();
    await underWay(w);
    w.currentUser = 'sam';
    const plain = await getEscalationPanel(w.deps(), sam);
    const misled = await getEscalationPanel(w.deps(), { ...sam, issueId: '99999', projectKey: 'OTHER' });
    expect(misled).toEqual(plain);
    expect(misled.escalation?.timeline.length).toBeGreaterThan(0);
  });
});
