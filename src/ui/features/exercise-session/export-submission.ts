import { downloadFile } from '@/ui/components/download';
import { SUBMISSION_FORMAT, SUBMISSION_VERSION, type Answers, type Submission } from '@/domain/scoring/submission-schema';

/** The learner's answers in the submission format `npx chartlab score` reads (as keySubmission writes it). */
export function submissionOf(scenarioId: string, seed: number, answers: Answers): Submission {
  return { format: SUBMISSION_FORMAT, version: SUBMISSION_VERSION, scenarioId, seed, answers };
}

export function submissionFileName(scenarioId: string, seed: number): string {
  return `${scenarioId}-seed-${seed}.submission.json`;
}

/** Save JSON as a file, pretty-printed with a final newline. */
export function downloadJson(fileName: string, data: unknown): void {
  downloadFile(fileName, `${JSON.stringify(data, null, 2)}\n`);
}
