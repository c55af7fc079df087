import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { RunResult } from '../hooks/use-panel';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { usePanelContext } from './panel-context';

export type FieldSpec =
  | {
      readonly name: string;
      readonly label: MessageKey;
      /** `datetime`: a local date and time (`2026-11-23T09:30`), read in the user's time zone by the caller. */
      readonly kind: 'textarea' | 'text' | 'url' | 'date' | 'datetime';
      readonly required?: boolean;
      /** Required only while another field has this value (e.g. a comment when changes are requested). */
      readonly requiredWhen?: { readonly field: string; readonly value: string };
      readonly minLength?: number;
      readonly maxLength?: number;
      /** A sentence under the field that explains it (already translated). */
      readonly hint?: string;
    }
  | {
      readonly name: string;
      readonly label: MessageKey;
      readonly kind: 'select';
      readonly options: readonly { value: string; label: string }[];
      readonly hint?: string;
    }
  | {
      readonly name: string;
      readonly label: MessageKey;
      /** Its value is `'true'` when ticked, `''` otherwise. */
      readonly kind: 'checkbox';
      readonly hint?: string;
    };

export type FormValues = Readonly<Record<string, string>>;

interface InlineFormProps {
  readonly fields: readonly FieldSpec[];
  readonly submitLabel: string;
  readonly title?: string;
  readonly testId?: string;
  /** Shown between the title and the fields (e.g. the principles that bear on the decision). */
  readonly preamble?: ReactNode;
  readonly onSubmit: (values: FormValues) => Promise<RunResult>;
  readonly onDone: () => void;
  /** Whether the form has a Cancel button (a form that is the whole content has nothing to go back to). */
  readonly cancellable?: boolean;
  /** Values the fields start with (e.g. from a proposal); the others start empty or at their first option. */
  readonly initialValues?: FormValues;
  /** Shown above the fields: what the form will record beyond them. */
  readonly note?: string;
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A small form inside the panel: checks what it can before sending (required fields, links), shows the
 * server's field messages beside the fields for `invalid-payload`, and closes once the action succeeded.
 */
export function InlineForm({
  fields,
  submitLabel,
  title,
  testId,
  preamble,
  onSubmit,
  onDone,
  cancellable = true,
  initialValues = {},
  note,
}: InlineFormProps) {
  const i18n = useI18n();
  const { busy, blocked } = usePanelContext();
  const formId = useId();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, initialValues[f.name] ?? (f.kind === 'select' ? (f.options[0]?.value ?? '') : '')])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);

  const validate = (): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const field of fields) {
      if (field.kind === 'select' || field.kind === 'checkbox') continue;
      const value = (values[field.name] ?? '').trim();
      const required =
        field.required || (field.requiredWhen !== undefined && values[field.requiredWhen.field] === field.requiredWhen.value);
      if (required && value === '') found[field.name] = i18n.t('form.required');
      else if (value !== '' && field.minLength && value.length < field.minLength) found[field.name] = i18n.t('form.reasonMin');
      else if (value !== '' && field.kind === 'url' && !isWebLink(value)) found[field.name] = i18n.t('form.url');
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting || busy) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    const result = await onSubmit(trimmed);
    setSubmitting(false);
    if (result.ok) {
      onDone();
      return;
    }
    if (result.error === 'busy') return;
    const fieldErrors = result.error !== 'unreachable' && result.error.fields ? result.error.fields : {};
    setErrors(
      Object.fromEntries(
        Object.entries(fieldErrors)
          .map(([path, message]) => [path.split('.')[0] ?? path, i18n.t('form.server', { message })] as const)
          .filter(([name]) => fields.some((f) => f.name === name)),
      ),
    );
  };

  const disabled = submitting || busy !== null || blocked !== null;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid={testId}
      aria-label={title ?? submitLabel}
    >
      {title && <div className="inline-form__title">{title}</div>}
      {preamble}
      {note && (
        <p className="inline-form__note" data-testid={testId ? `${testId}-note` : undefined}>
          {note}
        </p>
      )}
      {fields.map((field) => {
        const id = `${formId}-${field.name}`;
        const error = errors[field.name];
        const describedBy = [error ? `${id}-error` : null, field.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: field.name,
          value: values[field.name] ?? '',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
          onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field.name]: e.target.value })),
        };
        const hint = field.hint && (
          <div className="field__hint" id={`${id}-hint`}>
            {field.hint}
          </div>
        );
        if (field.kind === 'checkbox') {
          return (
            <div className="field field--check" key={field.name}>
              <label htmlFor={id}>
                <input
                  id={id}
                  name={field.name}
                  type="checkbox"
                  checked={values[field.name] === 'true'}
                  aria-describedby={describedBy}
                  onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.checked ? 'true' : '' }))}
                />
                {i18n.t(field.label)}
              </label>
              {hint}
            </div>
          );
        }
        const required =
          field.kind !== 'select' &&
          (field.required || (field.requiredWhen !== undefined && values[field.requiredWhen.field] === field.requiredWhen.value));
        return (
          <div className={`field${error ? ' field--error' : ''}`} key={field.name}>
            <label htmlFor={id}>
              {i18n.t(field.label)}
              {required && (
                <span className="field__required" aria-hidden="true">
                  {' '}
                  *
                </span>
              )}
            </label>
            {field.kind === 'select' ? (
              <select {...common}>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : field.kind === 'textarea' ? (
              <textarea {...common} rows={3} maxLength={field.maxLength ?? 5000} required={required} />
            ) : field.kind === 'datetime' ? (
              <input {...common} type="datetime-local" required={required} />
            ) : (
              <input
                {...common}
                type={field.kind === 'text' ? 'text' : field.kind}
                placeholder={field.kind === 'url' ? 'https://' : undefined}
                maxLength={field.maxLength ?? (field.kind === 'url' ? 2000 : 1000)}
                required={required}
              />
            )}
            {hint}
            {error && (
              <div className="field__error" id={`${id}-error`} role="alert">
                {error}
              </div>
            )}
          </div>
        );
      })}
      <div className="inline-form__buttons">
        <button type="submit" className="button button--primary" disabled={disabled}>
          {submitting ? i18n.t('app.busy') : submitLabel}
        </button>
        {cancellable && (
          <button type="button" className="button button--subtle" onClick={onDone} disabled={submitting}>
            {i18n.t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
