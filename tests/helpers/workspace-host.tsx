import { readFileSync } from 'node:fs';
import { useState, type ComponentType } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Exercise } from '@/domain/exercise/exercise-types';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import type { WorkspaceProps } from '@/ui/components/workspace-types';

/**
 * The exercise a scenario file (path from the repository root) builds at the scenario's own seed,
 * built on the first call and shared by the later ones: building a multi-patient exercise takes
 * a while, and the workspaces never change it.
 */
export function scenarioExercise<E extends Exercise>(path: string, build: (scenario: Scenario, seed: number) => E): () => E {
  let cached: E | undefined;
  return () => {
    if (!cached) {
      const loaded = loadScenario(path, readFileSync(path, 'utf8'));
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      cached = build(loaded.scenario, loaded.scenario.patients.seed ?? 0);
    }
    return cached;
  };
}

export interface HostProps<E extends Exercise, A extends Answers> {
  exercise: E;
  initial: A;
  report?: ScoreReport;
  /** Sees each change. */
  onAnswers?: (next: A) => void;
}

/**
 * Hosts a workspace the way the exercise session does: the answers live in the host's state and
 * every `onChange` replaces them.
 */
function Host<E extends Exercise, A extends Answers>({ Workspace, exercise, initial, report, onAnswers }: HostProps<E, A> & { Workspace: ComponentType<WorkspaceProps<E, A>> }) {
  const [answers, setAnswers] = useState(initial);
  return (
    <Workspace
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

/** Render `Workspace` in a host, with a userEvent session set up before rendering. */
export function hostWorkspace<E extends Exercise, A extends Answers>(Workspace: ComponentType<WorkspaceProps<E, A>>, props: HostProps<E, A>) {
  const user = userEvent.setup();
  return { user, exercise: props.exercise, ...render(<Host Workspace={Workspace} {...props} />) };
}
