import { useId } from 'react';
import type { QuizSession } from '@/db/records';
import { QUIZ_TOPICS } from '@/domain/quiz/question-schema';
import { percent } from '@/ui/components/exercise-format';
import { MODE_LABELS, topicName } from './quiz-labels';
import { quizSessionDetailsSchema } from './quiz-record';
import { AccuracyBar, formatWhen } from './quiz-results';
import { PassVerdict } from './quiz-verdict';
import { useQuizSessions, useQuizTopicTotals } from './use-quiz-data';

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

/**
 * Accuracy by topic over every quiz the learner has taken (each answer counts once, from the
 * Leitner statistics in quizItems). Also meant for the Progress dashboard.
 */
export function QuizTopicAccuracy({ learnerId, headingLevel = 2 }: { learnerId: string | null | undefined; headingLevel?: 2 | 3 }) {
  const id = useId();
  const totals = useQuizTopicTotals(learnerId);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card quiz-panel" aria-labelledby={id}>
      <Heading id={id}>Quiz accuracy by topic</Heading>
      {learnerId === null ? (
        <p className="muted">Choose who is working to see your accuracy.</p>
      ) : totals === undefined ? (
        <p className="muted">Loading…</p>
      ) : totals.length === 0 ? (
        <p className="muted">No answers yet. Take a quiz to see how you do in each topic.</p>
      ) : (
        <table className="quiz-topic-table">
          <caption className="visually-hidden">Correct answers over all your quizzes, by topic</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Correct</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr key={t.topic}>
                <th scope="row">{topicName(t.topic)}</th>
                <td>
                  {t.correct} of {t.seen}
                </td>
                <td>
                  <AccuracyBar fraction={t.seen ? t.correct / t.seen : 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
