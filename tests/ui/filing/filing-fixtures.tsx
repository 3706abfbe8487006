import { readFileSync } from 'node:fs';
import { useState } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilingExercise } from '@/domain/exercise/exercise-types';
import { buildFilingExercise } from '@/domain/exercise/filing';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { FilingWorkspace } from '@/ui/features/filing/filing-workspace';

const SCENARIO = 'scenarios/file-lookalike-patients.json';

let cached: FilingExercise | undefined;

/** The "Same name, different patient" exercise at its scenario seed: three patients, two namesakes, 12 documents. */
export function lookalikeFiling(): FilingExercise {
  if (!cached) {
    const loaded = loadScenario(SCENARIO, readFileSync(SCENARIO, 'utf8'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    cached = buildFilingExercise(loaded.scenario, loaded.scenario.patients.seed ?? 0);
  }
  return cached;
}

export const noPlacements: FilingAnswers = { kind: 'filing', placements: [] };

/**
 * Hosts the workspace the way the exercise session does: the answers live in the host's state and
 * every `onChange` replaces them. `onAnswers` sees each change.
 */
function Host({ exercise, initial, report, onAnswers }: HostProps) {
  const [answers, setAnswers] = useState(initial);
  return (
    <FilingWorkspace
      exercise={exercise}
      answers={answers}
      report={report}
      onChange={(next) => {
        onAnswers?.(next);
        setAnswers(next);
      }}
    />
  );
}

interface HostProps {
  exercise: FilingExercise;
  initial: FilingAnswers;
  report?: ScoreReport;
  onAnswers?: (next: FilingAnswers) => void;
}

export function renderFiling(props: Partial<HostProps> = {}) {
  const user = userEvent.setup();
  const exercise = props.exercise ?? lookalikeFiling();
  return { user, exercise, ...render(<Host exercise={exercise} initial={props.initial ?? noPlacements} report={props.report} onAnswers={props.onAnswers} />) };
}
