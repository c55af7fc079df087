/**
 * The workflow editor as a Jira admin sees it (Project settings → Workflows → edit → transition → Rules):
 * the transitions of the sandbox's workflow and, for the selected one, the app's conditions, validators and
 * post functions. Each rule's configuration view (manifest `create` / `edit` / `view` resource) is mounted
 * as a Custom UI frame; Save asks the frame for its configuration (`workflowRules.onConfigure`) as Jira
 * does, and stores it on the transition.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type RuleModuleInfo, type WorkflowPage, type WorkflowRule, type WorkflowView as Workflow } from './api';
import { ForgeFrame, requestWorkflowRuleConfiguration } from './forge-frame';
import { useLocale, type Labels } from './i18n';
import { StatusLozenge } from './status-lozenge';

type Transition = Workflow['transitions'][number];
type RuleKind = RuleModuleInfo['kind'];

const KINDS: { kind: RuleKind; label: keyof Labels }[] = [
  { kind: 'jira:workflowCondition', label: 'conditions' },
  { kind: 'jira:workflowValidator', label: 'validators' },
  { kind: 'jira:workflowPostFunction', label: 'postFunctions' },
];

const lozenge = (s: { name: string; category: string }) => <StatusLozenge status={{ name: s.name, statusCategory: { key: s.category } }} />;

export function WorkflowEditor(props: { transitionId?: number; onSelect(id: number): void }) {
  const { t } = useLocale();
  const [page, setPage] = useState<WorkflowPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Settles through callbacks: state is set when the answer arrives, never synchronously in the effect.
  const load = useCallback(
    () =>
      api.workflow().then(
        (loaded) => {
          setPage(loaded);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  if (error)
    return (
      <main className="page">
        <div className="error-banner" data-testid="workflow-error">
          {error}
        </div>
      </main>
    );
  if (!page) return <main className="page muted">{t.loading}</main>;
  const selected = page.workflow.transitions.find((tr) => tr.id === props.transitionId);
  return (
    <div className="split">
      <aside className="issue-list" aria-label={t.transitions}>
        <div className="pad workflow-name">
          <strong>{page.workflow.name}</strong>
          <div className="muted small">{t.transitions}</div>
        </div>
        <ul className="issue-rows">
          {page.workflow.transitions.map((tr) => (
            <li key={tr.id}>
              <button
                className={`issue-row${tr.id === selected?.id ? ' selected' : ''}`}
                onClick={() => props.onSelect(tr.id)}
                data-testid={`transition-${tr.id}`}
              >
                <span className="issue-row-top">
                  <strong>{tr.name}</strong>
                  <span className="muted small wf-rule-count">
                    {tr.rules.length} {tr.rules.length === 1 ? t.ruleCount : t.rulesCount}
                  </span>
                </span>
                <span className="wf-path">
                  {tr.from ? lozenge(tr.from) : <span className="muted small">{t.anyStatus}</span>} <span aria-hidden>→</span>{' '}
                  {lozenge(tr.to)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main className="detail-pane" data-testid="workflow-page">
        <h1 className="page-title">{t.workflow}</h1>
        <p className="muted wf-intro">{t.workflowIntro}</p>
        {selected ? (
          <TransitionRules key={selected.id} transition={selected} modules={page.ruleModules} reload={load} />
        ) : (
          <p className="muted">{t.selectTransition}</p>
        )}
      </main>
    </div>
  );
}

function TransitionRules(props: { transition: Transition; modules: RuleModuleInfo[]; reload: () => Promise<void> }) {
  const { t } = useLocale();
  const { transition, modules } = props;
  return (
    <section className="wf-transition" data-testid={`transition-rules-${transition.id}`}>
      <h2 className="wf-transition-title">
        {transition.name}{' '}
        <span className="wf-path">
          {transition.from ? lozenge(transition.from) : <span className="muted small">{t.anyStatus}</span>} <span aria-hidden>→</span>{' '}
          {lozenge(transition.to)}
        </span>
      </h2>
      {KINDS.map(({ kind, label }) => {
        const rules = transition.rules.filter((r) => r.kind === kind);
        return (
          <div key={kind} className="wf-group" data-testid={`rules-${kind.replace('jira:', '')}`}>
            <h3>{t[label]}</h3>
            {rules.length === 0 && <p className="muted small">{t.noRules}</p>}
            {rules.map((rule) => (
              <RuleCard key={rule.id} rule={rule} module={modules.find((m) => m.key === rule.moduleKey)} reload={props.reload} />
            ))}
          </div>
        );
      })}
      <AddRule transition={transition} modules={modules} reload={props.reload} />
    </section>
  );
}

function RuleCard(props: { rule: WorkflowRule; module: RuleModuleInfo | undefined; reload: () => Promise<void> }) {
  const { t } = useLocale();
  const { rule, module } = props;
  const [editing, setEditing] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = module?.name ?? rule.moduleKey;

  async function save(): Promise<void> {
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const configuration = await requestWorkflowRuleConfiguration(token);
      await api.saveWorkflowRule(rule.id, configuration);
      setEditing(false);
      await props.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api.removeWorkflowRule(rule.id);
      await props.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <div className="wf-rule" data-testid={`rule-${rule.id}`} data-module-key={rule.moduleKey}>
      <div className="wf-rule-head">
        <div>
          <strong>{name}</strong>
          {module?.description && <div className="muted small">{module.description}</div>}
        </div>
        <div className="wf-rule-actions">
          {!editing && module?.views.includes('edit') && (
            <button className="btn btn-default" disabled={busy} onClick={() => setEditing(true)} data-testid="rule-edit">
              {t.edit}
            </button>
          )}
          {!editing && (
            <button className="btn btn-subtle" disabled={busy} onClick={() => void remove()} data-testid="rule-remove">
              {t.remove}
            </button>
          )}
        </div>
      </div>
      {editing ? (
        <div className="wf-rule-config" data-testid="rule-editor">
          <ForgeFrame
            moduleKey={rule.moduleKey}
            title={name}
            workflowRule={{ entryPoint: 'edit', ruleId: rule.id }}
            minHeight={80}
            onMounted={setToken}
          />
          <div className="wf-rule-buttons">
            <button className="btn btn-primary" disabled={busy || !token} onClick={() => void save()} data-testid="rule-save">
              {t.save}
            </button>
            <button className="btn btn-subtle" disabled={busy} onClick={() => setEditing(false)} data-testid="rule-cancel">
              {t.cancel}
            </button>
          </div>
        </div>
      ) : module?.views.includes('view') ? (
        <div className="wf-rule-config" data-testid="rule-view">
          <ForgeFrame
            key={rule.configuration ?? ''}
            moduleKey={rule.moduleKey}
            title={name}
            workflowRule={{ entryPoint: 'view', ruleId: rule.id }}
            minHeight={32}
          />
        </div>
      ) : module?.views.length ? (
        <p className="muted small">{rule.configuration ?? t.noConfiguration}</p>
      ) : null}
      {error && (
        <div className="error-banner" role="alert" data-testid="rule-error">
          {error}
        </div>
      )}
    </div>
  );
}

function AddRule(props: { transition: Transition; modules: RuleModuleInfo[]; reload: () => Promise<void> }) {
  const { t } = useLocale();
  const [moduleKey, setModuleKey] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const module = props.modules.find((m) => m.key === moduleKey);
  const needsCreateView = !!module?.views.includes('create');

  async function add(): Promise<void> {
    if (!module) return;
    setBusy(true);
    setError(null);
    try {
      const configuration = needsCreateView ? await requestWorkflowRuleConfiguration(token ?? '') : null;
      await api.addWorkflowRule(props.transition.id, module.key, configuration);
      setModuleKey('');
      await props.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="wf-add" data-testid="add-rule">
      <h3>{t.addRule}</h3>
      <div className="wf-add-row">
        <select value={moduleKey} onChange={(e) => setModuleKey(e.target.value)} aria-label={t.addRule} data-testid="add-rule-module">
          <option value="">{t.chooseRule}</option>
          {KINDS.map(({ kind, label }) => (
            <optgroup key={kind} label={t[label]}>
              {props.modules
                .filter((m) => m.kind === kind)
                .map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {module && !needsCreateView && (
          <button className="btn btn-primary" disabled={busy} onClick={() => void add()} data-testid="add-rule-submit">
            {t.add}
          </button>
        )}
      </div>
      {module?.description && <p className="muted small">{module.description}</p>}
      {module && needsCreateView && (
        <div className="wf-rule-config" data-testid="rule-creator">
          <ForgeFrame
            key={module.key}
            moduleKey={module.key}
            title={module.name}
            workflowRule={{ entryPoint: 'create', transitionId: props.transition.id }}
            minHeight={80}
            onMounted={setToken}
          />
          <div className="wf-rule-buttons">
            <button className="btn btn-primary" disabled={busy || !token} onClick={() => void add()} data-testid="add-rule-submit">
              {t.add}
            </button>
            <button className="btn btn-subtle" disabled={busy} onClick={() => setModuleKey('')}>
              {t.cancel}
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="error-banner" role="alert" data-testid="add-rule-error">
          {error}
        </div>
      )}
    </div>
  );
}
