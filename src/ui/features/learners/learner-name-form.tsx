import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ChartLabStorageError } from '@/db/db-errors';

interface LearnerNameFormProps {
  label: string;
  submitLabel: string;
  initialName?: string;
  /** Creates or renames; a thrown LearnerNameError ("already a learner called…") is shown under the field. */
  onSubmit: (name: string) => Promise<void>;
  onCancel?: () => void;
  /** Focus the field on mount (in a dialog or an inline rename, not on a page that has its own focus). */
  focusOnMount?: boolean;
  hint?: string;
}

/** A name field with its button; errors from the repo are shown in place, tied to the field. */
export function LearnerNameForm({ label, submitLabel, initialName = '', onSubmit, onCancel, focusOnMount = false, hint }: LearnerNameFormProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!focusOnMount) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusOnMount]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name);
    } catch (caught) {
      setError(caught instanceof ChartLabStorageError ? caught.message : `Something went wrong: ${caught instanceof Error ? caught.message : String(caught)}`);
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <form className="learner-name-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-name`}>{label}</label>
        <input
          ref={inputRef}
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => setName(event.target.value)}
        />
        {hint && (
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="learner-name-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
