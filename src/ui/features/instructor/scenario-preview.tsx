import { useEffect, useId, useState } from 'react';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { ageText, documentKindText, genderText, patientName } from '@/ui/components/chart-format';
import { useExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { errorTypeLabel } from './error-type-options';

type PreviewState = { status: 'idle' } | { status: 'building' } | { status: 'ready'; exercise: Exercise; key: string } | { status: 'error'; message: string; key: string };

/**
 * What the scenario generates for its seed, for the instructor: the chart in a line, the
 * documents, and for a validation task the planted errors with their corrections. The exercise
 * module (faker, the generator) is imported on first use and the build waits until the editor
 * has been still for a moment, so typing stays quick.
 */
export function ScenarioPreview({ scenario }: { scenario: Scenario | null }) {
  const headingId = useId();
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const key = scenario ? JSON.stringify(scenario) : '';
  const loadInputs = useExerciseInputsLoader();

  useEffect(() => {
    if (!scenario) return;
    const controller = new AbortController();
    const cancelled = () => controller.signal.aborted;
    const timer = setTimeout(async () => {
      setState({ status: 'building' });
      try {
        const [{ buildExercise }, inputs] = await Promise.all([
          import('@/domain/exercise/build-exercise'),
          // A scenario kept with its imported chart (patients.bundle) previews on that chart.
          loadInputs(scenario, { signal: controller.signal, onProgress: () => undefined }),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled()) return;
        const exercise = buildExercise(scenario, undefined, inputs);
        if (!cancelled()) setState({ status: 'ready', exercise, key });
      } catch (error) {
        if (!cancelled()) setState({ status: 'error', message: error instanceof Error ? error.message : String(error), key });
      }
    }, 500);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // `key` stands for the scenario's content: rebuild only when that changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <section className="card instructor-preview" aria-labelledby={headingId} aria-busy={state.status === 'building'}>
      <h2 id={headingId}>Preview</h2>
      {!scenario ? (
        <p className="muted">The preview appears when the scenario is valid.</p>
      ) : state.status === 'building' || state.status === 'idle' || (state.status !== 'error' && state.key !== key) ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Generating the exercise for seed {scenario.patients.seed}…
        </p>
      ) : state.status === 'error' ? (
        <p role="alert" className="notice notice--error">
          This scenario cannot be built for seed {scenario.patients.seed}: {state.message}
        </p>
      ) : (
        <ExerciseSummary exercise={state.exercise} />
      )}
    </section>
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ExerciseSummary({ exercise }: { exercise: Exercise }) {
  const refDate = exercise.scenario.refDate;
  switch (exercise.kind) {
    case 'recording':
    case 'validation': {
      const chart = exercise.chart;
      const name = patientName(chart.patient).display;
      const documents = exercise.kind === 'recording' ? exercise.documents : chart.documents;
      return (
        <div className="instructor-preview__body">
          <p>
            <strong>{name}</strong>, {ageText(chart.patient.birthDate, refDate)} {genderText(chart.patient.gender).toLowerCase()} · seed{' '}
            <span className="mono">{exercise.seed}</span>
          </p>
          <p className="muted">
            {[
              count(chart.conditions.length, 'condition'),
              count(chart.medications.length, 'medication'),
              count(chart.allergies.length, 'allergy entry', 'allergy entries'),
              count(chart.labs.length, 'lab result'),
              count(chart.encounters.length, 'encounter'),
            ].join(' · ')}
          </p>
          {exercise.kind === 'recording' && <p className="muted">Answer key: {exercise.key.length} items to record.</p>}
          {exercise.kind === 'validation' && (
            <>
              <h3>Planted errors ({exercise.errors.length}) — for the instructor only</h3>
              {exercise.errors.length < (exercise.scenario.task.kind === 'validation' ? exercise.scenario.task.errorCount : 0) && (
                <p className="notice notice--warning">
                  Only {exercise.errors.length} of the {exercise.scenario.task.kind === 'validation' ? exercise.scenario.task.errorCount : 0} errors asked for fit this chart. Choose more error types or another seed.
                </p>
              )}
              <ol className="instructor-preview__errors">
                {exercise.errors.map((e) => (
                  <li key={e.id}>
                    <strong>{errorTypeLabel(e.type)}</strong>: {e.description} <span className="muted">Correction: {e.correction}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
          <h3>Documents ({documents.length})</h3>
          <ul className="plain-list">
            {documents.map((d) => (
              <li key={d.id}>
                {d.title} <span className="muted">({documentKindText(d.kind)}, {d.date.slice(0, 10)})</span>
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case 'filing':
      return (
        <div className="instructor-preview__body">
          <p>
            {exercise.patients.length} patients, {exercise.pile.length} loose documents to file.
          </p>
          <ul className="plain-list">
            {exercise.patients.map((p) => (
              <li key={p.patientId}>
                {p.name} <span className="muted">DOB {p.birthDate} · MRN {p.mrn}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'mpi':
      return (
        <div className="instructor-preview__body">
          <p>
            {exercise.records.length} index records; {exercise.key.length} duplicate groups to find; {exercise.decoys.length} look-alike pairs that must not be merged.
          </p>
          <ul className="plain-list">
            {exercise.key.map((g) => (
              <li key={g.survivorId}>
                Survivor {g.survivorId}: {Object.values(g.differences).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      );
  }
}
