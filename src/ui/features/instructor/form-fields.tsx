import { useId, type ReactNode } from 'react';
import { issuesAt, type FormIssue } from '@/domain/instructor/scenario-form';

/**
 * Small form controls for the instructor screens. Each names the schema path it edits, shows the
 * schema's messages for that path under it, and marks itself invalid (aria-invalid +
 * aria-describedby), so a screen reader hears what is wrong where it is.
 */

interface FieldBase {
  label: string;
  /** Schema path whose issues show here. */
  path?: string;
  issues?: readonly FormIssue[];
  hint?: ReactNode;
  className?: string;
}

function useFieldIds(path: string | undefined, issues: readonly FormIssue[] | undefined) {
  const id = useId();
  const errors = path && issues ? issuesAt(issues, path) : [];
  return { id, hintId: `${id}-hint`, errorId: `${id}-error`, errors };
}

function Describe({ hintId, errorId, hint, errors }: { hintId: string; errorId: string; hint?: ReactNode; errors: FormIssue[] }) {
  return (
    <>
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {errors.length > 0 && (
        <span id={errorId} className="field__error">
          {errors.map((e) => e.message).join('; ')}
        </span>
      )}
    </>
  );
}

function describedBy(hint: ReactNode, hintId: string, errors: FormIssue[], errorId: string): string | undefined {
  const ids = [hint ? hintId : '', errors.length ? errorId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function TextField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  type = 'text',
  multiline = false,
  inputMode,
  required,
}: FieldBase & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'url' | 'password' | 'number';
  multiline?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text';
  required?: boolean;
}) {
  const { id, hintId, errorId, errors } = useFieldIds(path, issues);
  const common = {
    id,
    value,
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': describedBy(hint, hintId, errors, errorId),
    required,
  };
  return (
    <div className={`field ${errors.length ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type === 'number' ? 'text' : type} inputMode={type === 'number' ? (inputMode ?? 'numeric') : inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      <Describe hintId={hintId} errorId={errorId} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField<T extends string>({
  label,
  path,
  issues,
  hint,
  className,
  value,
  options,
  onChange,
}: FieldBase & { value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }) {
  const { id, hintId, errorId, errors } = useFieldIds(path, issues);
  return (
    <div className={`field ${errors.length ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-invalid={errors.length > 0 || undefined} aria-describedby={describedBy(hint, hintId, errors, errorId)} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Describe hintId={hintId} errorId={errorId} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxGroup<T extends string>({
  label,
  path,
  issues,
  hint,
  className,
  values,
  options,
  onChange,
}: FieldBase & { values: readonly T[]; options: readonly { value: T; label: string; description?: string }[]; onChange: (values: T[]) => void }) {
  const { hintId, errorId, errors } = useFieldIds(path, issues);
  const toggle = (value: T, on: boolean) => onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));
  return (
    <fieldset className={`fieldset ${errors.length ? 'fieldset--invalid' : ''} ${className ?? ''}`} aria-describedby={describedBy(hint, hintId, errors, errorId)}>
      <legend>{label}</legend>
      <div className="check-grid">
        {options.map((o) => (
          <label key={o.value} className="checkbox check-grid__item">
            <input type="checkbox" checked={values.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>
              {o.label}
              {o.description && <span className="check-grid__description">{o.description}</span>}
            </span>
          </label>
        ))}
      </div>
      <Describe hintId={hintId} errorId={errorId} hint={hint} errors={errors} />
    </fieldset>
  );
}

/** An ordered list of short texts (learning objectives, remarks) with add and remove. */
export function ListEditor({
  label,
  itemLabel,
  path,
  issues,
  hint,
  values,
  onChange,
  addLabel,
}: FieldBase & { itemLabel: string; values: readonly string[]; onChange: (values: string[]) => void; addLabel: string }) {
  const { hintId, errorId, errors } = useFieldIds(path, issues);
  const own = errors.filter((e) => e.field === path);
  return (
    <fieldset className="fieldset" aria-describedby={describedBy(hint, hintId, own, errorId)}>
      <legend>{label}</legend>
      <ol className="list-editor">
        {values.map((value, i) => (
          <li key={i} className="list-editor__row">
            <TextField
              label={`${itemLabel} ${i + 1}`}
              path={`${path}[${i}]`}
              issues={issues}
              value={value}
              onChange={(next) => onChange(values.map((v, j) => (j === i ? next : v)))}
            />
            <button type="button" className="button button--small" onClick={() => onChange(values.filter((_, j) => j !== i))} aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small" onClick={() => onChange([...values, ''])}>
        {addLabel}
      </button>
      <Describe hintId={hintId} errorId={errorId} hint={hint} errors={own} />
    </fieldset>
  );
}
