import type { ComponentType } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { TaskKind } from '@/domain/scenario/scenario-schema';
import type { Answers } from '@/domain/scoring/submission-schema';
import { TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { FilingWorkspace } from '@/ui/features/filing/filing-workspace';
import { MpiWorkspace } from '@/ui/features/mpi/mpi-workspace';
import { RecordingExerciseWorkspace } from './recording-workspace-view';
import { ValidationExerciseWorkspace } from './validation-workspace-view';

type ExerciseOf<K extends TaskKind> = Extract<Exercise, { kind: K }>;
type AnswersOf<K extends TaskKind> = Extract<Answers, { kind: K }>;

/** The workspace screen of each task kind, typed so that each gets its own exercise and answers. */
export type WorkspaceRegistry = { [K in TaskKind]?: ComponentType<WorkspaceProps<ExerciseOf<K>, AnswersOf<K>>> };

/**
 * THE PLUG POINT: the exercise session renders the workspace registered here for the task kind
 * of the scenario. To add one, import its component and add one line, e.g.
 *
 *   import { FilingWorkspace } from '@/ui/features/filing/filing-workspace';
 *   filing: FilingWorkspace,
 *
 * The component receives `WorkspaceProps` (src/ui/components/workspace-types.ts): render
 * `answers`, report every edit through `onChange` (keep no answer state of your own), and when
 * `report` is set show the answers read-only with the feedback in place. The session supplies
 * the timer, Submit, the confirm dialog, the score report and Export. A kind missing from this map
 * shows a "not available yet" notice instead, and its exercises cannot be submitted.
 */
export const WORKSPACES: WorkspaceRegistry = {
  recording: RecordingExerciseWorkspace,
  filing: FilingWorkspace,
  mpi: MpiWorkspace,
  validation: ValidationExerciseWorkspace,
};

export function hasWorkspace(kind: TaskKind): boolean {
  return WORKSPACES[kind] !== undefined;
}

/** The registered workspace for the exercise's kind, or the "not available yet" notice. */
export function ExerciseWorkspace(props: WorkspaceProps) {
  // The registry is keyed by kind, so the component found for `exercise.kind` takes that kind's
  // exercise and answers; TypeScript cannot follow the correlation through the lookup.
  const Workspace = WORKSPACES[props.exercise.kind] as ComponentType<WorkspaceProps> | undefined;
  if (!Workspace) return <WorkspaceUnavailable kind={props.exercise.kind} />;
  return <Workspace {...props} />;
}

export function WorkspaceUnavailable({ kind }: { kind: TaskKind }) {
  return (
    <section className="card empty-state workspace-unavailable" aria-labelledby="workspace-unavailable-heading">
      <h2 id="workspace-unavailable-heading">The {TASK_KIND_LABELS[kind]} workspace is not available yet</h2>
      <p>
        This exercise was built, but the screen to work on “{TASK_KIND_LABELS[kind]}” tasks has not been added to ChartLab
        yet, so it cannot be answered or submitted here. Choose another exercise from the library.
      </p>
    </section>
  );
}

/** The source documents an exercise's feedback can point at (its evidence lives in these). */
export function exerciseDocuments(exercise: Exercise): SourceDocument[] {
  switch (exercise.kind) {
    case 'recording':
      return exercise.documents;
    case 'validation':
      return exercise.chart.documents;
    case 'filing':
      return exercise.pile;
    case 'mpi':
      return [];
  }
}
