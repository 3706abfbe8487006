import { SUBMISSION_FORMAT, SUBMISSION_VERSION, type Answers, type Submission } from '@/domain/scoring/submission-schema';

/** The learner's answers in the submission format `npx chartlab score` reads (as keySubmission writes it). */
export function submissionOf(scenarioId: string, seed: number, answers: Answers): Submission {
  return { format: SUBMISSION_FORMAT, version: SUBMISSION_VERSION, scenarioId, seed, answers };
}

export function submissionFileName(scenarioId: string, seed: number): string {
  return `${scenarioId}-seed-${seed}.submission.json`;
}

/** Save JSON as a file through a temporary object URL. */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
