import type { FilingExercise } from '@/domain/exercise/exercise-types';
import { buildFilingExercise } from '@/domain/exercise/filing';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { FilingWorkspace } from '@/ui/features/filing/filing-workspace';
import { hostWorkspace, scenarioExercise, type HostProps } from '../../helpers/workspace-host';

/** The "Same name, different patient" exercise at its scenario seed: three patients, two namesakes, 12 documents. */
export const lookalikeFiling = scenarioExercise('scenarios/file-lookalike-patients.json', buildFilingExercise);

export const noPlacements: FilingAnswers = { kind: 'filing', placements: [] };

export function renderFiling(props: Partial<HostProps<FilingExercise, FilingAnswers>> = {}) {
  return hostWorkspace(FilingWorkspace, { ...props, exercise: props.exercise ?? lookalikeFiling(), initial: props.initial ?? noPlacements });
}
