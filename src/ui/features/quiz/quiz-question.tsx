import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { Question } from '@/domain/quiz/question-schema';
import type { QuizMode, QuizResponse } from '@/store/quiz-slice';
import { QuizExcerpt } from './quiz-excerpt';
import { topicName } from './quiz-labels';
import { AnswerVerdict } from './quiz-verdict';

interface QuizQuestionProps {
  question: Question;
  /** 0-based. */
  index: number;
  total: number;
  mode: QuizMode;
  /** This question's answer, once given (practice and review show its feedback). */
  response: QuizResponse | null;
  revealed: boolean;
  /** A choice's index or the typed text. */
  onAnswer: (entered: number | string) => void;
  onNext: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  feedbackRef: RefObject<HTMLHeadingElement | null>;
}

/** Keys that type into a field: number keys and Enter belong to it, not to the quiz. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
}

/** Controls that act on Enter themselves. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a[href], summary, select');
}

/**
 * One question: the prompt, the excerpt, and a radio group or a text field. Keyboard first
 * (WAI-ARIA radio group: arrow keys move; and here number keys 1–9 choose, Enter answers, and
 * Enter again goes on after the feedback). The feedback takes focus after an answer, so a
 * screen reader reads the verdict, the right answer and the explanation in that order.
 */
export function QuizQuestion({ question, index, total, mode, response, revealed, onAnswer, onNext, headingRef, feedbackRef }: QuizQuestionProps) {
  const id = useId();
  const [selected, setSelected] = useState<number | null>(response?.choice ?? null);
  const [typed, setTyped] = useState(response && question.format === 'typed' ? response.entered : '');
  const [hint, setHint] = useState<string | null>(null);
  const choiceRefs = useRef<(HTMLInputElement | null)[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const choices = question.choices ?? [];
  const isChoice = question.format === 'multiple-choice';
  const last = index === total - 1;
  const showFeedback = revealed && response !== null && mode !== 'test';

  const submit = () => {
    if (revealed) return;
    if (isChoice) {
      if (selected === null) {
        setHint(`Choose an answer first: press a number from 1 to ${choices.length}, or use the arrow keys.`);
        return;
      }
      onAnswer(selected);
    } else {
      if (typed.trim() === '') {
        setHint('Type your answer first.');
        inputRef.current?.focus();
        return;
      }
      onAnswer(typed);
    }
    setHint(null);
  };

  // The latest handlers for the document listener, which is added once per question.
  const keys = useRef({ submit, onNext, revealed });
  useEffect(() => {
    keys.current = { submit, onNext, revealed };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof Element && target.closest('[role="dialog"]')) return;
      if (isTextEntry(target)) return;
      const { submit: answer, onNext: next, revealed: shown } = keys.current;
      if (isChoice && !shown && /^[1-9]$/.test(event.key)) {
        const n = Number(event.key) - 1;
        if (n < choices.length) {
          event.preventDefault();
          setSelected(n);
          setHint(null);
          choiceRefs.current[n]?.focus();
        }
        return;
      }
      if (event.key === 'Enter' && !isControl(target)) {
        event.preventDefault();
        if (shown) next();
        else answer();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isChoice, choices.length]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const promptId = `${id}-prompt`;
  const hintId = `${id}-hint`;
  const submitLabel = mode === 'test' ? (last ? 'Answer and finish the test' : 'Answer and go on') : 'Check answer';

  return (
    <article className="quiz-question" aria-labelledby={`${id}-heading`}>
      <header className="quiz-question__head">
        <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
          Question {index + 1} of {total}
        </h2>
        <span className="quiz-question__topic">{topicName(question.topic)}</span>
      </header>
      <form className="quiz-question__form" onSubmit={onSubmit} noValidate>
        <p id={promptId} className="quiz-question__prompt">
          {question.prompt}
        </p>
        {question.excerpt && <QuizExcerpt text={question.excerpt} evidence={question.evidence} showEvidence={showFeedback} />}
        {isChoice ? (
          <fieldset className="quiz-choices" disabled={revealed} aria-describedby={`${promptId}${hint ? ` ${hintId}` : ''}`}>
            <legend className="quiz-choices__legend">
              Your answer <span className="quiz-choices__keys">(press 1–{choices.length}, then Enter)</span>
            </legend>
            {choices.map((choice, i) => {
              const chosen = selected === i;
              const state = showFeedback ? (choice.correct ? 'right' : chosen ? 'wrong' : 'other') : chosen ? 'chosen' : 'other';
              return (
                <label key={i} className={`quiz-choice quiz-choice--${state}`}>
                  <input
                    ref={(el) => {
                      choiceRefs.current[i] = el;
                    }}
                    type="radio"
                    name={`${id}-choice`}
                    value={i}
                    checked={chosen}
                    onChange={() => {
                      setSelected(i);
                      setHint(null);
                    }}
                  />
                  <span className="quiz-choice__key" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="quiz-choice__text">{choice.text}</span>
                  {showFeedback && choice.correct && <span className="quiz-choice__note">{chosen ? 'Your answer: right' : 'Right answer'}</span>}
                  {showFeedback && chosen && !choice.correct && <span className="quiz-choice__note">Your answer</span>}
                </label>
              );
            })}
          </fieldset>
        ) : (
          <div className="field quiz-typed">
            <label htmlFor={`${id}-typed`}>Your answer</label>
            <input
              ref={inputRef}
              id={`${id}-typed`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              readOnly={revealed}
              aria-describedby={`${promptId}${hint ? ` ${hintId}` : ''}`}
              onChange={(event) => {
                setTyped(event.target.value);
                setHint(null);
              }}
            />
            <span className="field__hint">Press Enter to answer. Spelling, case and common abbreviations are forgiven where a professional would.</span>
          </div>
        )}
        {hint && (
          <p id={hintId} className="field__error quiz-question__hint" role="alert">
            {hint}
          </p>
        )}
        {!revealed && (
          <div className="quiz-question__actions">
            <button type="submit" className="button button--primary">
              {submitLabel}
            </button>
            <span className="muted quiz-question__enter">
              or press <kbd>Enter</kbd>
            </span>
          </div>
        )}
      </form>
      {showFeedback && response && (
        <section className={`quiz-feedback quiz-feedback--${response.correct ? 'correct' : 'wrong'}`} aria-labelledby={`${id}-feedback`}>
          <h3 id={`${id}-feedback`} ref={feedbackRef} tabIndex={-1} className="quiz-feedback__verdict">
            <AnswerVerdict correct={response.correct} />
          </h3>
          {!response.correct && (
            <p>
              You answered: <strong>{response.entered || '(nothing)'}</strong>
            </p>
          )}
          <p>
            {response.correct ? 'The answer: ' : 'The right answer: '}
            <strong>{question.answer}</strong>
          </p>
          <p className="quiz-feedback__explanation">{question.explanation}</p>
          {question.excerpt && question.evidence && <p className="muted quiz-feedback__evidence-note">The evidence is highlighted in the excerpt above.</p>}
          <div className="quiz-question__actions">
            <button type="button" className="button button--primary" onClick={onNext}>
              {last ? 'See my results' : 'Next question'}
            </button>
            <span className="muted quiz-question__enter">
              or press <kbd>Enter</kbd>
            </span>
          </div>
        </section>
      )}
    </article>
  );
}
