import type { EscalationPanelView, EscalationView, ObligationItem, ObligationPairView, SectionView } from './escalation-panel-view';
import type { LocalizedText } from './vocabulary';

/**
 * The issue panel's view on the wire, lean: a template version's static texts (obligation texts and rules,
 * section titles, levels, triggers, principles: about three quarters of a full view) travel once and the
 * panel keeps them by {@link PanelTemplateTexts.key}; every later answer carries only what changes. A caller
 * that names no held templates gets the full {@link EscalationPanelView} as before.
 */

/** What a template version says about one obligation, whatever the escalation's state. */
export interface StaticObligation {
  readonly text: LocalizedText;
  readonly kind: ObligationItem['kind'];
  readonly mandatory: boolean;
  readonly rule: ObligationItem['rule'];
  readonly deadline?: Pick<NonNullable<ObligationItem['deadline']>, 'quote' | 'timeFrame'>;
}

/** The static texts of one template version, as the panel shows them. */
export interface PanelTemplateTexts {
  /** `id@version#hash`: the hash of the texts themselves, so a cached copy is never used for other texts. */
  readonly key: string;
  readonly levels: EscalationPanelView['levels'];
  readonly triggers: EscalationPanelView['triggers'];
  readonly principles: EscalationPanelView['principles'];
  readonly sections: Readonly<Record<string, Pick<SectionView, 'title' | 'scope' | 'level'>>>;
  readonly obligations: Readonly<Record<string, StaticObligation>>;
}

type LeanItem = Omit<ObligationItem, 'text' | 'kind' | 'mandatory' | 'rule' | 'deadline'> & {
  readonly deadline?: Pick<NonNullable<ObligationItem['deadline']>, 'dueAt' | 'state'>;
};
interface LeanPair {
  readonly pairIndex: number;
  readonly contractor?: LeanItem;
  readonly client?: LeanItem;
}
interface LeanSection {
  readonly id: string;
  readonly current: boolean;
  readonly pairs: readonly LeanPair[];
}
type LeanEscalation = Omit<EscalationView, 'sections' | 'obligationTexts' | 'levelName'> & { readonly sections: readonly LeanSection[] };

export interface LeanEscalationPanelView extends Omit<EscalationPanelView, 'levels' | 'triggers' | 'principles' | 'escalation'> {
  readonly lean: true;
  /** Whose texts complete this view: the escalation's frozen template, or the active one before any escalation. */
  readonly templateKey: string;
  /** Only when the caller did not name {@link templateKey} among the templates it holds. */
  readonly templateTexts?: PanelTemplateTexts;
  readonly escalation: LeanEscalation | null;
}

/** What the panel resolvers answer: the full view, or the lean one when the caller named the templates it holds. */
export type PanelAnswer = EscalationPanelView | LeanEscalationPanelView;

/** How many template keys a caller may name (a panel rarely sees more than one or two versions). */
export const MAX_HELD_TEMPLATES = 10;

/** FNV-1a (32 bit) of a string, as 8 hex digits: cheap, and enough to tell two texts of one version apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Adds the key (template id, version and the texts' hash) to a template version's static texts. */
export function keyedTemplateTexts(ref: { readonly id: string; readonly version: number }, texts: Omit<PanelTemplateTexts, 'key'>) {
  return { key: `${ref.id}@${ref.version}#${fnv1a(JSON.stringify(texts))}`, ...texts } satisfies PanelTemplateTexts;
}

function leanItem(item: ObligationItem): LeanItem {
  const { text: _text, kind: _kind, mandatory: _mandatory, rule: _rule, deadline, ...rest } = item;
  const running = deadline && (deadline.dueAt !== undefined || deadline.state !== undefined);
  return {
    ...rest,
    ...(running
      ? { deadline: { ...(deadline.dueAt ? { dueAt: deadline.dueAt } : {}), ...(deadline.state ? { state: deadline.state } : {}) } }
      : {}),
  };
}

/** The lean answer for a full view; the texts travel only if the caller does not hold them yet. */
export function leanPanelView(view: EscalationPanelView, texts: PanelTemplateTexts, held: readonly string[]): LeanEscalationPanelView {
  const { levels: _levels, triggers: _triggers, principles: _principles, escalation, ...rest } = view;
  let lean: LeanEscalation | null = null;
  if (escalation) {
    const { sections, obligationTexts: _texts, levelName: _levelName, ...dynamic } = escalation;
    lean = {
      ...dynamic,
      sections: sections.map((s) => ({
        id: s.id,
        current: s.current,
        pairs: s.pairs.map((p) => ({
          pairIndex: p.pairIndex,
          ...(p.contractor ? { contractor: leanItem(p.contractor) } : {}),
          ...(p.client ? { client: leanItem(p.client) } : {}),
        })),
      })),
    };
  }
  return { lean: true, ...rest, templateKey: texts.key, ...(held.includes(texts.key) ? {} : { templateTexts: texts }), escalation: lean };
}

function fullItem(item: LeanItem, texts: PanelTemplateTexts): ObligationItem {
  const known = texts.obligations[item.id];
  if (!known) throw new Error(`The template texts ${texts.key} do not know obligation ${item.id}`);
  const { deadline, ...rest } = item;
  return {
    ...rest,
    text: known.text,
    kind: known.kind,
    mandatory: known.mandatory,
    rule: known.rule,
    ...(known.deadline ? { deadline: { ...known.deadline, ...deadline } } : {}),
  };
}

/** The full view again, from a lean answer and the texts of its template (`templateKey`). */
export function composePanelView(lean: LeanEscalationPanelView, texts: PanelTemplateTexts): EscalationPanelView {
  if (texts.key !== lean.templateKey) throw new Error(`The view needs the template texts ${lean.templateKey}, not ${texts.key}`);
  const { lean: _lean, templateKey: _key, templateTexts: _texts, escalation, ...rest } = lean;
  let full: EscalationView | null = null;
  if (escalation) {
    const level = texts.levels.find((l) => l.level === escalation.level);
    if (!level) throw new Error(`The template texts ${texts.key} have no level ${escalation.level}`);
    full = {
      ...escalation,
      levelName: level.name,
      obligationTexts: Object.fromEntries(Object.entries(texts.obligations).map(([id, o]) => [id, o.text])),
      sections: escalation.sections.map((s): SectionView => {
        const known = texts.sections[s.id];
        if (!known) throw new Error(`The template texts ${texts.key} have no section ${s.id}`);
        return {
          id: s.id,
          title: known.title,
          scope: known.scope,
          ...(known.level ? { level: known.level } : {}),
          current: s.current,
          pairs: s.pairs.map((p): ObligationPairView => ({
            pairIndex: p.pairIndex,
            ...(p.contractor ? { contractor: fullItem(p.contractor, texts) } : {}),
            ...(p.client ? { client: fullItem(p.client, texts) } : {}),
          })),
        };
      }),
    };
  }
  return { ...rest, levels: texts.levels, triggers: texts.triggers, principles: texts.principles, escalation: full };
}
