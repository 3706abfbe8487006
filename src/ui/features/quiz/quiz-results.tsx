import { useId, type ReactNode, type RefObject } from 'react';
import { DIFFICULTY_LABELS, durationWords, percent } from '@/ui/components/exercise-format';
import { QuizExcerpt } from './quiz-excerpt';
import { AccuracyBar } from './quiz-accuracy';
import { formatWhen, MODE_LABELS, topicName } from './quiz-labels';
import { scoreOutcome, topicAccuracy, type QuizOutcome, type QuizResultItem } from './quiz-record';
import { AnswerVerdict, PassVerdict } from './quiz-verdict';

interface QuizResultsProps {
  outcome: QuizOutcome;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  /** Buttons under the score: retry, new quiz. */
  actions?: ReactNode;
  /** Whether (and where) the result is saved. */
  saveStatus?: ReactNode;
  /** The heading level of "Results" (2 on the quiz page). */
  title?: string;
}

/** "Practice · Coding, Abbreviations · Intro · 10 questions". */
export function describeQuiz(outcome: Pick<QuizOutcome, 'mode' | 'topicsChosen' | 'difficulty' | 'items'>): string {
  const parts: string[] = [MODE_LABELS[outcome.mode]];
  if (outcome.mode !== 'review') {
    parts.push(outcome.topicsChosen ? outcome.topicsChosen.map(topicName).join(', ') : 'All topics');
    parts.push(outcome.difficulty ? DIFFICULTY_LABELS[outcome.difficulty] : 'Mixed levels');
  }
  parts.push(`${outcome.items.length} ${outcome.items.length === 1 ? 'question' : 'questions'}`);
  return parts.join(' · ');
}

function ResultItem({ item, number }: { item: QuizResultItem; number: number }) {
  const id = useId();
  const { question, response } = item;
  return (
    <li className={`quiz-result quiz-result--${!response ? 'missing' : response.correct ? 'correct' : 'wrong'}`}>
      <article aria-labelledby={id}>
        <header className="quiz-result__head">
          <h4 id={id}>
            Question {number}
            <span className="visually-hidden">:</span> <span className="quiz-result__topic">{topicName(item.topic)}</span>
          </h4>
          <AnswerVerdict correct={!!response?.correct} answered={response !== null} size="small" />
        </header>
        {question ? (
          <>
            <p className="quiz-question__prompt quiz-result__prompt">{question.prompt}</p>
            {question.excerpt && <QuizExcerpt text={question.excerpt} evidence={question.evidence} showEvidence label={question.evidence ? 'Document excerpt (evidence highlighted)' : 'Document excerpt'} />}
            <dl className="quiz-result__answers">
              <div>
                <dt>Your answer</dt>
                <dd>{response ? response.entered || '(nothing)' : 'Not answered'}</dd>
              </div>
              <div>
                <dt>Right answer</dt>
                <dd>
                  <strong>{question.answer}</strong>
                </dd>
              </div>
            </dl>
            <p className="quiz-result__explanation">{question.explanation}</p>
          </>
        ) : (
          <>
            <p className="muted">
              This question was made by an earlier version of ChartLab&rsquo;s quiz generator and can no longer be shown.
            </p>
            {response && (
              <p>
                Your answer: <strong>{response.entered || '(nothing)'}</strong>
              </p>
            )}
          </>
        )}
      </article>
    </li>
  );
}

/**
 * A finished quiz: the score (and for a test, pass or not), accuracy by topic, then every
 * question with the learner's answer, the right one, the explanation and the evidence.
 */
export function QuizResults({ outcome, headingRef, actions, saveStatus, title = 'Your results' }: QuizResultsProps) {
  const id = useId();
  const score = scoreOutcome(outcome);
  const topics = topicAccuracy(outcome.items);
  const unanswered = score.total - score.answered;
  return (
    <section className="quiz-results" aria-labelledby={`${id}-title`}>
      <div className="card quiz-results__summary">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <p className="quiz-results__meta">
          {describeQuiz(outcome)} · {formatWhen(outcome.finishedAt)}
        </p>
        <div className="quiz-results__score">
          <p>
            <span className="quiz-results__big">{percent(score.fraction)}</span>{' '}
            <span>
              {score.correct} of {score.total} correct
            </span>
          </p>
          {score.passed !== null && (
            <p className="quiz-results__pass">
              <PassVerdict passed={score.passed} /> <span className="muted">Pass mark {percent(outcome.passMark ?? 0)}</span>
            </p>
          )}
        </div>
        {outcome.timedOut && (
          <p className="notice notice--warning">
            <strong>Time ran out</strong> after {durationWords(outcome.timeLimitMs ?? 0)}.{' '}
            {unanswered > 0 ? `${unanswered} ${unanswered === 1 ? 'question was' : 'questions were'} not answered and count as wrong.` : ''}
          </p>
        )}
        {!outcome.timedOut && unanswered > 0 && (
          <p className="muted">
            {unanswered} {unanswered === 1 ? 'question was' : 'questions were'} not answered.
          </p>
        )}
        {saveStatus}
        {actions && <div className="quiz-results__actions">{actions}</div>}
      </div>

      <div className="card quiz-results__topics">
        <h3>Accuracy by topic</h3>
        <table className="quiz-topic-table">
          <caption className="visually-hidden">Correct answers in this quiz, by topic</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Correct</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((t) => (
              <tr key={t.topic}>
                <th scope="row">{topicName(t.topic)}</th>
                <td>
                  {t.correct} of {t.total}
                </td>
                <td>
                  <AccuracyBar fraction={t.total ? t.correct / t.total : 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card quiz-results__questions">
        <h3>Question by question</h3>
        <ol className="quiz-result-list">
          {outcome.items.map((item, i) => (
            <ResultItem key={`${item.itemKey}:${i}`} item={item} number={i + 1} />
          ))}
        </ol>
      </div>
    </section>
  );
}
