import { useEffect, useRef, useState } from 'react';
import { scoreAnswer } from '@/domain/quiz/score-answer';
import { useAppStore } from '@/store/app-store';
import type { QuizResponse } from '@/store/quiz-slice';
import { Dialog } from '@/ui/components/dialog';
import { DIFFICULTY_LABELS } from '@/ui/components/exercise-format';
import { MODE_LABELS, topicName } from './quiz-labels';
import { QuizQuestion } from './quiz-question';
import { QuizTimer } from './quiz-timer';

/**
 * The quiz in progress: a bar with the mode, progress and (in a test) the countdown, then the
 * question. Focus goes to each new question's heading and, in practice, to the feedback after an
 * answer; a polite live region says the verdict too, for screen readers that don't read a
 * heading's text on focus.
 */
export function QuizRunner() {
  const quiz = useAppStore((s) => s.quiz);
  const answerQuiz = useAppStore((s) => s.answerQuiz);
  const nextQuizQuestion = useAppStore((s) => s.nextQuizQuestion);
  const finishQuiz = useAppStore((s) => s.finishQuiz);
  const resetQuiz = useAppStore((s) => s.resetQuiz);
  const [announcement, setAnnouncement] = useState('');
  const [confirmEnd, setConfirmEnd] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const feedbackRef = useRef<HTMLHeadingElement>(null);
  const endButtonRef = useRef<HTMLButtonElement>(null);

  const question = quiz.questions[quiz.index];
  const total = quiz.questions.length;
  const answered = quiz.responses.filter((r) => r !== null).length;
  const correct = quiz.responses.filter((r) => r?.correct).length;

  useEffect(() => {
    if (quiz.revealed) feedbackRef.current?.focus();
    else headingRef.current?.focus();
  }, [quiz.index, quiz.revealed]);

  if (!question) return null;

  const answer = (entered: number | string) => {
    const result = scoreAnswer(question, entered);
    const response: QuizResponse =
      typeof entered === 'number' ? { entered: result.chosen ?? '', choice: entered, correct: result.correct } : { entered: entered.trim(), correct: result.correct };
    if (quiz.mode === 'test') {
      const last = quiz.index >= total - 1;
      setAnnouncement(last ? 'Answer saved. That was the last question: here are your results.' : `Answer saved. Question ${quiz.index + 2} of ${total}.`);
    } else {
      setAnnouncement(result.correct ? 'Correct.' : `Incorrect. The right answer is ${result.expected}.`);
    }
    answerQuiz(response, Date.now());
  };

  const next = () => {
    setAnnouncement('');
    nextQuizQuestion(Date.now());
  };

  const isTest = quiz.mode === 'test';
  const deadline = isTest && quiz.startedAt !== null && quiz.timeLimitMs !== null ? quiz.startedAt + quiz.timeLimitMs : null;
  const scope =
    quiz.mode === 'review'
      ? 'Questions due for review'
      : `${quiz.topics ? quiz.topics.map(topicName).join(', ') : 'All topics'} · ${quiz.difficulty ? DIFFICULTY_LABELS[quiz.difficulty] : 'Mixed levels'}`;

  return (
    <div className="quiz-run">
      <div className="card quiz-bar">
        <div className="quiz-bar__about">
          <p className="quiz-bar__mode">
            <strong>{MODE_LABELS[quiz.mode]}</strong> <span className="muted">· {scope}</span>
          </p>
          <div className="quiz-bar__progress">
            <progress max={total} value={answered} aria-label={`Answered ${answered} of ${total}`} />
            <span className="quiz-bar__count">
              {answered} of {total} answered{!isTest && answered > 0 ? ` · ${correct} correct` : ''}
            </span>
          </div>
        </div>
        {deadline !== null && quiz.timeLimitMs !== null && (
          <QuizTimer deadline={deadline} limitMs={quiz.timeLimitMs} onTimeUp={() => finishQuiz(Date.now(), { timedOut: true })} />
        )}
        <button ref={endButtonRef} type="button" className="button button--small" onClick={() => setConfirmEnd(true)}>
          {isTest ? 'End test now' : 'End quiz'}
        </button>
      </div>
      <div className="card quiz-run__card">
        <QuizQuestion
          key={`${quiz.sessionId}:${quiz.index}`}
          question={question}
          index={quiz.index}
          total={total}
          mode={quiz.mode}
          response={quiz.responses[quiz.index] ?? null}
          revealed={quiz.revealed}
          onAnswer={answer}
          onNext={next}
          headingRef={headingRef}
          feedbackRef={feedbackRef}
        />
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <Dialog
        open={confirmEnd}
        title={isTest ? 'End the test now?' : 'End this quiz now?'}
        onCancel={() => setConfirmEnd(false)}
        actions={
          <>
            <button type="button" className="button" onClick={() => setConfirmEnd(false)}>
              {isTest ? 'Keep going' : 'Keep practising'}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setConfirmEnd(false);
                // Nothing answered, nothing to score or keep: back to the setup.
                if (answered === 0) resetQuiz();
                else finishQuiz(Date.now());
              }}
            >
              {answered === 0 ? (isTest ? 'End the test' : 'End the quiz') : isTest ? 'End and score the test' : 'End and see results'}
            </button>
          </>
        }
      >
        <p>
          You have answered {answered} of {total} {total === 1 ? 'question' : 'questions'}.{' '}
          {answered === 0 ? 'Nothing will be saved.' : answered < total ? 'The ones you have not answered count as wrong.' : ''}
        </p>
      </Dialog>
    </div>
  );
}
