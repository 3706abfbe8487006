import { QuizSection } from '@/ui/features/quiz/quiz-section';
import { RequireDatabase } from './require-database';
import type { SectionPageProps } from './sections';

/**
 * `#/quiz`: the quizzes. Results and Leitner boxes are kept in the database, and the shell shows
 * "who's working?" above the page (sections.tsx: keepsWork), so the feature shows no prompt itself.
 */
export default function QuizPage(props: SectionPageProps) {
  return (
    <RequireDatabase>
      <QuizSection {...props} learnerPrompt={null} />
    </RequireDatabase>
  );
}
