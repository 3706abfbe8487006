import type { Exercise } from '@/domain/exercise/exercise-types';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';

/**
 * The contract between the exercise session (timer, submit, autosave, score) and the screen of
 * one task kind (recording, filing, MPI, validation). A workspace renders the exercise and the
 * learner's answers and reports every edit through `onChange`; it keeps no answer state of its
 * own, so the session can save, restore and score it.
 */
export interface WorkspaceProps<E extends Exercise = Exercise, A extends Answers = Answers> {
  exercise: E;
  answers: A;
  onChange: (next: A) => void;
  /** Set after submission: the answers are read-only and the feedback is shown in place. */
  report?: ScoreReport;
}
