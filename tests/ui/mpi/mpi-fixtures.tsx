import { readFileSync } from 'node:fs';
import { useState } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MpiExercise } from '@/domain/exercise/exercise-types';
import { buildMpiExercise } from '@/domain/exercise/mpi';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { MpiWorkspace } from '@/ui/features/mpi/mpi-workspace';

const SCENARIO = 'scenarios/mpi-name-changes.json';

let cached: MpiExercise | undefined;

/** The "Name changes and moves" index at its scenario seed: 11 records, three duplicate pairs, one look-alike. */
export function nameChangesMpi(): MpiExercise {
  if (!cached) {
    const loaded = loadScenario(SCENARIO, readFileSync(SCENARIO, 'utf8'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    cached = buildMpiExercise(loaded.scenario, loaded.scenario.patients.seed ?? 0);
  }
  return cached;
}

export const noGroups: MpiAnswers = { kind: 'mpi', groups: [] };

/**
 * Hosts the workspace the way the exercise session does: the answers live in the host's state and
 * every `onChange` replaces them. `onAnswers` sees each change.
 */
function Host({ exercise, initial, report, onAnswers }: HostProps) {
  const [answers, setAnswers] = useState(initial);
  return (
    <MpiWorkspace
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
  exercise: MpiExercise;
  initial: MpiAnswers;
  report?: ScoreReport;
  onAnswers?: (next: MpiAnswers) => void;
}

export function renderMpi(props: Partial<HostProps> = {}) {
  const user = userEvent.setup();
  const exercise = props.exercise ?? nameChangesMpi();
  return { user, exercise, ...render(<Host exercise={exercise} initial={props.initial ?? noGroups} report={props.report} onAnswers={props.onAnswers} />) };
}
