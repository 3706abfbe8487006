import type { MpiExercise } from '@/domain/exercise/exercise-types';
import { buildMpiExercise } from '@/domain/exercise/mpi';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { MpiWorkspace } from '@/ui/features/mpi/mpi-workspace';
import { hostWorkspace, scenarioExercise, type HostProps } from '../../helpers/workspace-host';

/** The "Name changes and moves" index at its scenario seed: 11 records, three duplicate pairs, one look-alike. */
export const nameChangesMpi = scenarioExercise('scenarios/mpi-name-changes.json', buildMpiExercise);

export const noGroups: MpiAnswers = { kind: 'mpi', groups: [] };

export function renderMpi(props: Partial<HostProps<MpiExercise, MpiAnswers>> = {}) {
  return hostWorkspace(MpiWorkspace, { ...props, exercise: props.exercise ?? nameChangesMpi(), initial: props.initial ?? noGroups });
}
