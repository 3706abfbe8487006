import { useId } from 'react';
import { useQuizTopicTotals } from '@/db/use-quiz';
import { percent } from '@/ui/components/exercise-format';
import { QUIZ_TOPIC_ORDER, topicName } from './quiz-labels';

/*
 * Accuracy by topic. Kept free of the quiz generators and the domain's schemas (only words and
 * the repo), so another page (the Progress dashboard) can show the panel without loading them.
 */

/** A percentage in words with a bar beside it (the bar is decoration: the number says it all). */
export function AccuracyBar({ fraction }: { fraction: number }) {
  return (
    <span className="quiz-accuracy">
      <span className="quiz-accuracy__value">{percent(fraction)}</span>
      <span className="quiz-accuracy__track" aria-hidden="true">
        <span className="quiz-accuracy__fill" style={{ width: `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%` }} />
      </span>
    </span>
  );
}

/**
 * Accuracy by topic over every quiz the learner has taken (each answer counts once, from the
 * Leitner statistics in quizItems), on the quiz page and the Progress dashboard.
 */
export function QuizTopicAccuracy({ learnerId, headingLevel = 2 }: { learnerId: string | null | undefined; headingLevel?: 2 | 3 }) {
  const id = useId();
  const totals = useQuizTopicTotals(learnerId, QUIZ_TOPIC_ORDER);
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
