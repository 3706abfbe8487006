import { useId, useMemo, useState, type FormEvent } from 'react';
import { CONDITIONS } from '@/domain/codes/code-tables';
import { checkScenarioForm, type ScenarioForm, type TriState } from '@/domain/instructor/scenario-form';
import {
  DIFFICULTIES,
  DOCUMENT_KINDS,
  LOOKALIKE_KINDS,
  MPI_VARIATIONS,
  RECORDING_SECTIONS,
  SKILL_DOMAIN_LABELS,
  SKILL_DOMAINS,
  type Scenario,
  type TaskKind,
} from '@/domain/scenario/scenario-schema';
import { documentKindText } from '@/ui/components/chart-format';
import { DIFFICULTY_LABELS, sectionLabel, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { ERROR_TYPE_OPTIONS } from './error-type-options';
import { CheckboxGroup, ListEditor, SelectField, TextField } from './form-fields';
import { ScenarioPreview } from './scenario-preview';

export interface ScenarioEditorProps {
  initial: ScenarioForm;
  /** Ids this scenario may not take (shipped scenarios, other authored ones). */
  takenIds: ReadonlySet<string>;
  heading: string;
  onSave: (scenario: Scenario) => Promise<void> | void;
  onExport: (scenario: Scenario) => void;
  onClose: () => void;
}

const TRI_OPTIONS: { value: TriState; label: string }[] = [
  { value: 'any', label: 'By chance' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

const LOOKALIKE_LABELS: Record<(typeof LOOKALIKE_KINDS)[number], string> = { 'same-name': 'Same name, different person', twins: 'Twins', 'jr-sr': 'Jr. and Sr.' };
const VARIATION_LABELS: Record<(typeof MPI_VARIATIONS)[number], string> = {
  typo: 'Typing error',
  nickname: 'Nickname',
  'transposed-birth-date': 'Transposed birth date',
  'maiden-name': 'Maiden name',
  'swapped-names': 'First and last name swapped',
  'missing-middle-name': 'Missing middle name',
  'new-address': 'New address',
};

const CONDITION_OPTIONS = [...CONDITIONS].sort((a, b) => a.name.localeCompare(b.name));

/**
 * The scenario editor: a form over the scenario schema, never JSON by hand. Every change is
 * checked against the schema at once (messages under the fields and in a list at the top), the
 * preview builds the exercise once the scenario is valid, and Save / Export take only a valid one.
 */
export function ScenarioEditor({ initial, takenIds, heading, onSave, onExport, onClose }: ScenarioEditorProps) {
  const [form, setForm] = useState<ScenarioForm>(initial);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [conditionToAdd, setConditionToAdd] = useState('');
  const headingId = useId();
  const problemsId = useId();
  const check = useMemo(() => checkScenarioForm(form, { takenIds }), [form, takenIds]);
  const issues = check.issues;
  const valid = check.ok ? check.scenario : null;

  const set = (patch: Partial<ScenarioForm>) => {
    setSaved(null);
    setForm((f) => ({ ...f, ...patch }));
  };
  const setPatients = (patch: Partial<ScenarioForm['patients']>) => set({ patients: { ...form.patients, ...patch } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      document.getElementById(problemsId)?.focus();
      return;
    }
    setSaving(true);
    try {
      await onSave(valid);
      setSaved(`Saved “${valid.title}”. It is now in the exercise library and can be assigned.`);
    } finally {
      setSaving(false);
    }
  };

  const kind = form.taskKind;
  return (
    <div className="instructor-editor">
      <form className="card instructor-editor__form" aria-labelledby={headingId} onSubmit={submit} noValidate>
        <div className="instructor-editor__head">
          <h2 id={headingId}>{heading}</h2>
          <div className="instructor-editor__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              Save scenario
            </button>
            <button type="button" className="button" disabled={!valid} onClick={() => valid && onExport(valid)}>
              Export {form.id.trim() || 'scenario'}.json
            </button>
            <button type="button" className="button button--quiet" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
        {saved && (
          <p role="status" className="notice notice--ok">
            {saved}
          </p>
        )}
        <div id={problemsId} tabIndex={-1} className={`instructor-editor__problems ${issues.length ? 'notice notice--warning' : 'notice notice--ok'}`} aria-live="polite">
          {issues.length === 0 ? (
            <p>
              <span aria-hidden="true">✓</span> The scenario is valid.
            </p>
          ) : (
            <>
              <p>
                <strong>
                  {issues.length} {issues.length === 1 ? 'thing' : 'things'} to fix before saving:
                </strong>
              </p>
              <ul>
                {issues.map((i, n) => (
                  <li key={n}>
                    <span className="mono">{i.field}</span>: {i.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>

        <fieldset className="fieldset instructor-editor__group">
          <legend>About the scenario</legend>
          <div className="form-grid">
            <TextField label="Id" path="id" issues={issues} value={form.id} onChange={(id) => set({ id })} hint="kebab-case; also the file name" />
            <TextField label="Title" path="title" issues={issues} value={form.title} onChange={(title) => set({ title })} className="form-grid__wide" />
            <SelectField
              label="Skill domain"
              path="domain"
              issues={issues}
              value={form.domain}
              options={SKILL_DOMAINS.map((d) => ({ value: d, label: SKILL_DOMAIN_LABELS[d] }))}
              onChange={(domain) => set({ domain })}
            />
            <SelectField
              label="Difficulty"
              path="difficulty"
              issues={issues}
              value={form.difficulty}
              options={DIFFICULTIES.map((d) => ({ value: d, label: DIFFICULTY_LABELS[d] }))}
              onChange={(difficulty) => set({ difficulty })}
            />
            <TextField label="Reference date" type="date" path="refDate" issues={issues} value={form.refDate} onChange={(refDate) => set({ refDate })} hint="The “today” of the chart" />
          </div>
          <TextField label="Summary" multiline path="summary" issues={issues} value={form.summary} onChange={(summary) => set({ summary })} />
          <ListEditor
            label="Learning objectives"
            itemLabel="Objective"
            path="learningObjectives"
            issues={issues}
            values={form.objectives}
            onChange={(objectives) => set({ objectives })}
            addLabel="Add an objective"
          />
        </fieldset>

        <fieldset className="fieldset instructor-editor__group">
          <legend>Patient</legend>
          {form.patients.bundle && (
            <p className="notice notice--info">
              This scenario uses the imported chart <span className="mono">{form.patients.bundle}</span>; it is kept as it is.
            </p>
          )}
          <div className="form-grid">
            <TextField label="Seed" type="number" path="patients.seed" issues={issues} value={form.patients.seed} onChange={(seed) => setPatients({ seed })} hint="The same seed gives the same chart" />
            <TextField label="Variant seeds from" type="number" path="patients.seedRange" issues={issues} value={form.patients.seedFrom} onChange={(seedFrom) => setPatients({ seedFrom })} hint="Optional range for “new variant”" />
            <TextField label="Variant seeds to" type="number" path="patients.seedRange" value={form.patients.seedTo} onChange={(seedTo) => setPatients({ seedTo })} />
            <SelectField
              label="Sex"
              path="patients.sex"
              issues={issues}
              value={form.patients.sex}
              options={[
                { value: '', label: 'Either' },
                { value: 'female', label: 'Female' },
                { value: 'male', label: 'Male' },
              ]}
              onChange={(sex) => setPatients({ sex })}
            />
            <TextField label="Minimum age" type="number" path="patients.minAge" issues={issues} value={form.patients.minAge} onChange={(minAge) => setPatients({ minAge })} />
            <TextField label="Maximum age" type="number" path="patients.maxAge" issues={issues} value={form.patients.maxAge} onChange={(maxAge) => setPatients({ maxAge })} />
            <SelectField label="Allergies" path="patients.allergies" issues={issues} value={form.patients.allergies} options={TRI_OPTIONS} onChange={(allergies) => setPatients({ allergies })} />
            <SelectField label="Inpatient admission" path="patients.admission" issues={issues} value={form.patients.admission} options={TRI_OPTIONS} onChange={(admission) => setPatients({ admission })} />
          </div>
          <div className="instructor-editor__conditions">
            <SelectField
              label="Condition the patient must have"
              value={conditionToAdd}
              options={[{ value: '', label: 'Choose a condition…' }, ...CONDITION_OPTIONS.filter((c) => !form.patients.conditions.includes(c.id)).map((c) => ({ value: c.id, label: `${c.name} (${c.icd10.code})` }))]}
              onChange={setConditionToAdd}
            />
            <button
              type="button"
              className="button button--small"
              disabled={!conditionToAdd}
              onClick={() => {
                setPatients({ conditions: [...form.patients.conditions, conditionToAdd] });
                setConditionToAdd('');
              }}
            >
              Add condition
            </button>
          </div>
          {form.patients.conditions.length > 0 && (
            <ul className="chip-list" aria-label="Required conditions">
              {form.patients.conditions.map((id) => (
                <li key={id} className="chip">
                  {CONDITIONS.find((c) => c.id === id)?.name ?? id}
                  <button type="button" className="chip__remove" aria-label={`Remove ${CONDITIONS.find((c) => c.id === id)?.name ?? id}`} onClick={() => setPatients({ conditions: form.patients.conditions.filter((c) => c !== id) })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset className="fieldset instructor-editor__group">
          <legend>Task</legend>
          <div className="radio-row" role="radiogroup" aria-label="Kind of task">
            {(Object.keys(TASK_KIND_LABELS) as TaskKind[]).map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name={`${headingId}-kind`} checked={kind === k} onChange={() => set({ taskKind: k })} />
                {TASK_KIND_LABELS[k]}
              </label>
            ))}
          </div>
          <TextField label="Instructions to the learner" multiline path="task.instructions" issues={issues} value={form.instructions} onChange={(instructions) => set({ instructions })} />
          {kind === 'recording' && (
            <>
              <CheckboxGroup
                label="Chart sections to record"
                path="task.sections"
                issues={issues}
                values={form.recording.sections}
                options={RECORDING_SECTIONS.map((s) => ({ value: s, label: sectionLabel(s) }))}
                onChange={(sections) => set({ recording: { ...form.recording, sections } })}
              />
              <label className="checkbox">
                <input type="checkbox" checked={form.recording.allDocuments} onChange={(e) => set({ recording: { ...form.recording, allDocuments: e.target.checked } })} />
                Show all documents
              </label>
              {!form.recording.allDocuments && (
                <CheckboxGroup
                  label="Documents to abstract from"
                  path="task.documents"
                  issues={issues}
                  values={form.recording.documents}
                  options={DOCUMENT_KINDS.map((d) => ({ value: d, label: documentKindText(d) }))}
                  onChange={(documents) => set({ recording: { ...form.recording, documents } })}
                />
              )}
            </>
          )}
          {kind === 'filing' && (
            <>
              <div className="form-grid">
                <TextField label="Patients" type="number" path="task.patientCount" issues={issues} value={form.filing.patientCount} onChange={(patientCount) => set({ filing: { ...form.filing, patientCount } })} hint="2 to 6" />
                <TextField
                  label="Documents per patient"
                  type="number"
                  path="task.documentsPerPatient"
                  issues={issues}
                  value={form.filing.documentsPerPatient}
                  onChange={(documentsPerPatient) => set({ filing: { ...form.filing, documentsPerPatient } })}
                  hint="2 to 8"
                />
              </div>
              <CheckboxGroup
                label="Look-alike patients"
                path="task.lookalikes"
                issues={issues}
                values={form.filing.lookalikes}
                options={LOOKALIKE_KINDS.map((l) => ({ value: l, label: LOOKALIKE_LABELS[l] }))}
                onChange={(lookalikes) => set({ filing: { ...form.filing, lookalikes } })}
              />
            </>
          )}
          {kind === 'mpi' && (
            <>
              <div className="form-grid">
                <TextField label="People in the index" type="number" path="task.people" issues={issues} value={form.mpi.people} onChange={(people) => set({ mpi: { ...form.mpi, people } })} hint="3 to 15" />
                <TextField label="Duplicate registrations" type="number" path="task.duplicates" issues={issues} value={form.mpi.duplicates} onChange={(duplicates) => set({ mpi: { ...form.mpi, duplicates } })} hint="1 to 15" />
                <TextField label="Decoys (look-alikes, not duplicates)" type="number" path="task.decoys" issues={issues} value={form.mpi.decoys} onChange={(decoys) => set({ mpi: { ...form.mpi, decoys } })} hint="0 to 5" />
              </div>
              <CheckboxGroup
                label="How duplicates differ"
                path="task.variations"
                issues={issues}
                values={form.mpi.variations}
                options={MPI_VARIATIONS.map((v) => ({ value: v, label: VARIATION_LABELS[v] }))}
                onChange={(variations) => set({ mpi: { ...form.mpi, variations } })}
              />
            </>
          )}
          {kind === 'validation' && (
            <>
              <TextField
                label="Errors to plant"
                type="number"
                path="task.errorCount"
                issues={issues}
                value={form.validation.errorCount}
                onChange={(errorCount) => set({ validation: { ...form.validation, errorCount } })}
                hint="1 to 10; each of a chosen type that fits the chart"
              />
              <CheckboxGroup
                label="Error types that may be planted"
                path="task.errorTypes"
                issues={issues}
                className="fieldset--errors"
                values={form.validation.errorTypes}
                options={ERROR_TYPE_OPTIONS}
                onChange={(errorTypes) => set({ validation: { ...form.validation, errorTypes } })}
              />
            </>
          )}
        </fieldset>

        <fieldset className="fieldset instructor-editor__group">
          <legend>Grading and notes</legend>
          <div className="form-grid">
            <TextField label="Time limit (minutes)" type="number" path="timeLimitMinutes" issues={issues} value={form.timeLimitMinutes} onChange={(timeLimitMinutes) => set({ timeLimitMinutes })} hint="Empty for none" />
            <TextField label="Pass mark (%)" type="number" inputMode="decimal" path="passingScore" issues={issues} value={form.passingPercent} onChange={(passingPercent) => set({ passingPercent })} />
          </div>
          <TextField label="Instructor notes" multiline path="instructorNotes" issues={issues} value={form.instructorNotes} onChange={(instructorNotes) => set({ instructorNotes })} hint="Shown to instructors only" />
          <ListEditor label="Remarks and citations" itemLabel="Remark" path="remarks" issues={issues} values={form.remarks} onChange={(remarks) => set({ remarks })} addLabel="Add a remark" />
        </fieldset>
      </form>
      <ScenarioPreview scenario={valid} />
    </div>
  );
}
