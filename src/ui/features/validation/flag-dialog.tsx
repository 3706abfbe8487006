import { useId, useRef, useState, type FormEvent } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import { Dialog } from '@/ui/components/dialog';
import { ERROR_TYPE_GROUPS, errorTypeInfo, errorTypeLabel } from './error-types';
import { describeTarget } from './target-text';

type Finding = ValidationAnswers['findings'][number];

interface FlagDialogProps {
  chart: Chart;
  target: string;
  /** The finding being edited; a new finding when absent. */
  initial?: Finding;
  /** Other findings already on this target, so the learner does not flag it twice by mistake. */
  others: Finding[];
  onSave: (finding: Finding) => void;
  onCancel: () => void;
}

/**
 * The form behind every Flag button: the target (fixed by the button that opened it), the error
 * type chosen from the whole catalog grouped by category with the chosen type explained, and the
 * proposed correction. Escape or Cancel closes it without saving.
 */
export function FlagDialog({ chart, target, initial, others, onSave, onCancel }: FlagDialogProps) {
  const formId = useId();
  const ids = { target: useId(), type: useId(), typeHelp: useId(), typeError: useId(), correction: useId(), correctionHelp: useId() };
  const [errorType, setErrorType] = useState(initial?.errorType ?? '');
  const [correction, setCorrection] = useState(initial?.correction ?? '');
  const [tried, setTried] = useState(false);
  const typeRef = useRef<HTMLSelectElement>(null);
  const text = describeTarget(chart, target);
  const info = errorTypeInfo(errorType);
  const typeMissing = tried && errorType === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (errorType === '') {
      setTried(true);
      typeRef.current?.focus();
      return;
    }
    onSave({ target, errorType, correction: correction.trim() });
  };

  return (
    <Dialog
      open
      title={initial ? 'Edit finding' : 'Flag an error'}
      onCancel={onCancel}
      initialFocusRef={typeRef}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary">
            {initial ? 'Save changes' : 'Save finding'}
          </button>
        </>
      }
    >
      <form id={formId} className="flag-form" onSubmit={submit} noValidate>
        <p className="flag-form__target">
          <span className="flag-form__kind">{text.kind}</span> {text.name}
        </p>
        <div className="field">
          <label htmlFor={ids.target}>Target</label>
          <input id={ids.target} className="mono flag-form__ref" value={target} readOnly />
        </div>
        {others.length > 0 && !initial && (
          <p className="flag-form__note">
            This entry already has {others.length === 1 ? 'a finding' : `${others.length} findings`} (
            {others.map((f) => errorTypeLabel(f.errorType)).join('; ')}). Saving adds another; to change it, use Edit in the
            findings list.
          </p>
        )}
        <div className={`field${typeMissing ? ' field--invalid' : ''}`}>
          <label htmlFor={ids.type}>Error type</label>
          <select
            id={ids.type}
            ref={typeRef}
            value={errorType}
            onChange={(event) => setErrorType(event.target.value)}
            required
            aria-invalid={typeMissing || undefined}
            aria-describedby={typeMissing ? `${ids.typeError} ${ids.typeHelp}` : ids.typeHelp}
          >
            <option value="">Choose an error type…</option>
            {ERROR_TYPE_GROUPS.map((group) => (
              <optgroup key={group.category} label={group.label}>
                {group.types.map((type) => (
                  <option key={type.type} value={type.type}>
                    {type.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {typeMissing && (
            <p id={ids.typeError} className="field__error">
              Choose the type of error before saving.
            </p>
          )}
          <p id={ids.typeHelp} className="field__hint flag-form__help" aria-live="polite">
            {info ? info.description : 'Once you choose a type, what it means is explained here.'}
          </p>
        </div>
        <details className="flag-form__glossary">
          <summary>What each error type means</summary>
          {ERROR_TYPE_GROUPS.map((group) => (
            <div key={group.category} className="flag-form__glossary-group">
              <h3>{group.label}</h3>
              <dl>
                {group.types.map((type) => (
                  <div key={type.type}>
                    <dt>{type.label}</dt>
                    <dd>{type.description}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </details>
        <div className="field">
          <label htmlFor={ids.correction}>Proposed correction</label>
          <textarea
            id={ids.correction}
            rows={2}
            value={correction}
            onChange={(event) => setCorrection(event.target.value)}
            aria-describedby={ids.correctionHelp}
          />
          <p id={ids.correctionHelp} className="field__hint">
            What the record should say, or what should be done: the right value, unit, date or code, or an action such as
            “mark discontinued” or “query the author”. A right correction earns a point of its own.
          </p>
        </div>
      </form>
    </Dialog>
  );
}
