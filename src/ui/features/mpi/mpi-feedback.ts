import type { MpiExercise } from '@/domain/exercise/exercise-types';
import type { FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { groupIndexOf } from './mpi-answers';

export interface MpiFeedback {
  /** Items about each of the learner's groups, by group index: its links, its survivor, wrong links in it. */
  byGroup: FeedbackItem[][];
  /** Duplicates the learner did not link at all. */
  missed: FeedbackItem[];
  /** Anything that belongs to no group (an unknown record id in an imported answer). */
  other: FeedbackItem[];
}

/**
 * Sort `scoreMpi`'s items onto the learner's groups. Item ids are `mpi:<key group>:link-<record>`,
 * `mpi:<key group>:survivor` and `mpi:extra:<n>`; a wrong link's label names the record first
 * ("Wrongly linked: R0004 … with R0009 …").
 */
export function mpiFeedback(exercise: MpiExercise, answers: MpiAnswers, report: ScoreReport | undefined): MpiFeedback {
  const out: MpiFeedback = { byGroup: answers.groups.map(() => []), missed: [], other: [] };
  if (!report) return out;
  const place = (item: FeedbackItem, recordIds: readonly string[]) => {
    const index = recordIds.map((id) => groupIndexOf(answers, id)).find((i) => i !== -1);
    if (index === undefined) out.other.push(item);
    else out.byGroup[index]?.push(item);
  };
  for (const item of report.items) {
    const link = /^mpi:\d+:link-(.+)$/.exec(item.id);
    const survivor = /^mpi:(\d+):survivor$/.exec(item.id);
    if (link) {
      if (item.verdict === 'missing') out.missed.push(item);
      else place(item, [link[1] as string]);
    } else if (survivor) {
      const key = exercise.key[Number(survivor[1])];
      // "Not merged" repeats what the missed links already say.
      if (item.verdict === 'missing' || !key) continue;
      place(item, [key.survivorId, ...key.recordIds]);
    } else {
      const wrong = /^Wrongly linked: (\S+)/.exec(item.label);
      if (wrong) place(item, [wrong[1] as string]);
      else out.other.push(item);
    }
  }
  return out;
}
