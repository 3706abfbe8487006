import { useId } from 'react';
import type { QuizSession } from '@/db/records';
import { useQuizSessions } from '@/db/use-quiz';
import { QUIZ_TOPICS } from '@/domain/quiz/question-schema';
import { percent } from '@/ui/components/exercise-format';
import { formatWhen, MODE_LABELS, topicName } from './quiz-labels';
import { quizSessionDetailsSchema } from './quiz-session-details';
import { PassVerdict } from './quiz-verdict';

export const RECENT_QUIZZES = 8;

/** `#/quiz/results/<id>`: one stored quiz's results. */
export function quizResultsHash(sessionId: string): string {
  return `#/quiz/results/${encodeURIComponent(sessionId)}`;
}

/** What a list row says about a stored quiz; plain fallbacks for details it cannot read. */
function describeSession(session: QuizSession): { mode: string; scope: string; passed: boolean | null } {
  const parsed = quizSessionDetailsSchema.safeParse(session.details);
  if (!parsed.success) return { mode: 'Quiz', scope: session.topics.map(topicName).join(', '), passed: null };
  const d = parsed.data;
  const scope = d.mode === 'review' ? 'Questions due for review' : d.topicsChosen && d.topicsChosen.length < QUIZ_TOPICS.length ? d.topicsChosen.map(topicName).join(', ') : 'All topics';
  return { mode: MODE_LABELS[d.mode], scope, passed: d.passed };
}

/** The learner's latest quizzes, newest first, each linking to its full results. */
export function RecentQuizzes({ learnerId }: { learnerId: string | null | undefined }) {
  const id = useId();
  const sessions = useQuizSessions(learnerId, RECENT_QUIZZES);
  return (
    <section className="card quiz-panel" aria-labelledby={id}>
      <h2 id={id}>Recent quizzes</h2>
      {learnerId === null ? (
        <p className="muted">Choose who is working to keep your quiz results.</p>
      ) : sessions === undefined ? (
        <p className="muted">Loading…</p>
      ) : sessions.length === 0 ? (
        <p className="muted">No quizzes yet. Your results appear here when you finish one.</p>
      ) : (
        <ul className="quiz-recent">
          {sessions.map((s) => {
            const { mode, scope, passed } = describeSession(s);
            const fraction = s.questionCount ? s.correctCount / s.questionCount : 0;
            return (
              <li key={s.id} className="quiz-recent__item">
                <a href={quizResultsHash(s.id)} className="quiz-recent__link">
                  <span className="quiz-recent__score">{percent(fraction)}</span>
                  <span className="quiz-recent__text">
                    <span className="quiz-recent__title">
                      {mode}: {s.correctCount} of {s.questionCount} correct
                    </span>
                    <span className="quiz-recent__meta">
                      {formatWhen(s.finishedAt ?? s.startedAt)} · {scope}
                    </span>
                  </span>
                </a>
                {passed !== null && <PassVerdict passed={passed} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
