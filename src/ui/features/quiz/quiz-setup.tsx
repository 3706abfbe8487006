import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { QUIZ_TOPICS, type Difficulty, type QuizTopic } from '@/domain/quiz/question-schema';
import { DIFFICULTY_LABELS } from '@/ui/components/exercise-format';
import { formatQuizCode, newQuizSeed, parseQuizCode, type QuizCode } from './quiz-code';
import { MAX_QUIZ_LENGTH, MIN_QUIZ_LENGTH, MODE_LABELS, QUIZ_LENGTHS, TEST_MINUTES_PER_QUESTION, TEST_PASS_MARK, TOPIC_LABELS, topicName } from './quiz-labels';

export type QuizSetupChoice = { mode: 'practice' | 'test'; code: QuizCode } | { mode: 'review'; count: number };

interface QuizSetupProps {
  /** A code from the link the page was opened with. */
  initialCode: QuizCode | null;
  /** Why the link's code could not be read. */
  linkError: string | null;
  /** Items due for review now; undefined while loading. */
  dueCount: number | undefined;
  /** No learner chosen: review needs one. */
  hasLearner: boolean;
  onStart: (choice: QuizSetupChoice) => void;
  /** Why the last start failed (e.g. too many questions for the topics). */
  startError: string | null;
  /** The link for a code, as others open it (the page's address with the code's fragment). */
  linkFor: (hash: string) => string;
  /** Below the form: recent quizzes, accuracy by topic. */
  children?: ReactNode;
}

type Length = (typeof QUIZ_LENGTHS)[number] | 'custom';
const DIFFICULTY_CHOICES: readonly Difficulty[] = ['intro', 'intermediate', 'advanced'];

const MODE_HINTS = {
  practice: 'Feedback and the explanation after every question.',
  test: `${TEST_MINUTES_PER_QUESTION} minute per question, feedback at the end, pass mark ${Math.round(TEST_PASS_MARK * 100)}%.`,
  review: 'Questions from your earlier quizzes that are due again: missed ones at once, right ones after 1, 3, 7 and 14 days.',
} as const;

function lengthOf(count: number): Length {
  return (QUIZ_LENGTHS as readonly number[]).includes(count) ? (count as Length) : 'custom';
}

async function copyText(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Not allowed here (plain http, or no permission): select the text instead.
  }
  fallback?.focus();
  fallback?.select();
  return false;
}

/**
 * Choosing a quiz: mode, topics, level and length, and the quiz code that gives a whole class
 * the same questions (with a field to enter one). A new quiz gets a random seed here, in the UI
 * layer; the generator itself is deterministic.
 */
export function QuizSetup({ initialCode, linkError, dueCount, hasLearner, onStart, startError, linkFor, children }: QuizSetupProps) {
  const id = useId();
  const [mode, setMode] = useState<'practice' | 'test' | 'review'>(initialCode?.mode ?? 'practice');
  const [topics, setTopics] = useState<readonly QuizTopic[]>(initialCode?.topics ?? QUIZ_TOPICS);
  const [difficulty, setDifficulty] = useState<Difficulty | ''>(initialCode?.difficulty ?? '');
  const [length, setLength] = useState<Length>(initialCode ? lengthOf(initialCode.count) : 10);
  const [custom, setCustom] = useState(initialCode ? String(initialCode.count) : '15');
  const [seed, setSeed] = useState<number>(() => initialCode?.seed ?? newQuizSeed());
  const [errors, setErrors] = useState<{ topics?: string; count?: string }>({});
  const [codeInput, setCodeInput] = useState('');
  const [codeMessage, setCodeMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [copyMessage, setCopyMessage] = useState('');
  const codeFieldRef = useRef<HTMLTextAreaElement>(null);
  const customRef = useRef<HTMLInputElement>(null);

  const customCount = Number(custom);
  const customValid = /^\d+$/.test(custom.trim()) && customCount >= MIN_QUIZ_LENGTH && customCount <= MAX_QUIZ_LENGTH;
  const count = length === 'custom' ? (customValid ? customCount : null) : length;
  const shareable = mode !== 'review' && topics.length > 0 && count !== null;
  const code: QuizCode | null = shareable
    ? { seed, count, mode, ...(topics.length < QUIZ_TOPICS.length ? { topics: [...topics] } : {}), ...(difficulty ? { difficulty } : {}) }
    : null;
  const codeHash = code ? formatQuizCode(code) : '';

  const changed = () => setCopyMessage('');

  const toggleTopic = (topic: QuizTopic, on: boolean) => {
    setTopics((current) => QUIZ_TOPICS.filter((t) => (t === topic ? on : current.includes(t))));
    setErrors((e) => ({ ...e, topics: undefined }));
    changed();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (mode !== 'review' && topics.length === 0) next.topics = 'Choose at least one topic.';
    if (count === null) next.count = `Enter a number of questions from ${MIN_QUIZ_LENGTH} to ${MAX_QUIZ_LENGTH}.`;
    setErrors(next);
    if (next.count) customRef.current?.focus();
    else if (next.topics) document.getElementById(`${id}-topic-${topics[0] ?? QUIZ_TOPICS[0]}`)?.focus();
    if (next.topics || next.count || count === null) return;
    if (mode === 'review') onStart({ mode, count });
    else if (code) onStart({ mode, code });
  };

  const applyCode = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseQuizCode(codeInput);
    if (!parsed.ok) {
      setCodeMessage({ ok: false, text: parsed.error });
      return;
    }
    const c = parsed.code;
    setMode(c.mode);
    setTopics(c.topics ?? QUIZ_TOPICS);
    setDifficulty(c.difficulty ?? '');
    setLength(lengthOf(c.count));
    setCustom(String(c.count));
    setSeed(c.seed);
    setErrors({});
    changed();
    setCodeMessage({
      ok: true,
      text: `Code applied: ${MODE_LABELS[c.mode].toLowerCase()}, ${c.count} questions, ${c.topics ? c.topics.map(topicName).join(', ') : 'all topics'}, ${c.difficulty ? DIFFICULTY_LABELS[c.difficulty].toLowerCase() : 'mixed levels'}. Press Start when you are ready.`,
    });
  };

  const copy = async () => {
    if (!codeHash) return;
    const copied = await copyText(linkFor(codeHash), codeFieldRef.current);
    setCopyMessage(copied ? 'Link copied. Anyone who opens it gets these same questions.' : 'The code is selected: press Ctrl+C (or ⌘C) to copy it.');
  };

  const due = dueCount ?? 0;
  const startLabel = mode === 'review' ? 'Start review' : mode === 'test' ? 'Start timed test' : 'Start practice';
  const reviewBlocked = mode === 'review' && (!hasLearner || dueCount === undefined || due === 0);

  return (
    <div className="quiz-setup">
      <form className="card quiz-setup__form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>New quiz</h2>
        {initialCode && (
          <p className="notice notice--info">
            <strong>A shared quiz.</strong> These settings came with the link, so everyone who opens it gets the same questions.
          </p>
        )}
        {linkError && (
          <p className="notice notice--error" role="alert">
            The quiz link could not be read: {linkError} The settings below are a fresh quiz instead.
          </p>
        )}

        <fieldset className="quiz-setup__group">
          <legend>Mode</legend>
          <div className="quiz-setup__modes">
            {(['practice', 'test', 'review'] as const).map((m) => (
              <label key={m} className={`quiz-mode${mode === m ? ' quiz-mode--on' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={m}
                  checked={mode === m}
                  aria-labelledby={`${id}-mode-${m}-name`}
                  aria-describedby={`${id}-mode-${m}`}
                  onChange={() => {
                    setMode(m);
                    changed();
                  }}
                />
                <span id={`${id}-mode-${m}-name`} className="quiz-mode__name">
                  {MODE_LABELS[m]}
                  {m === 'review' && hasLearner && dueCount !== undefined && (
                    <>
                      {' '}
                      <span className="count">{dueCount} due</span>
                    </>
                  )}
                </span>
                <span id={`${id}-mode-${m}`} className="quiz-mode__hint">
                  {MODE_HINTS[m]}
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {mode === 'review' ? (
          <div className="quiz-review-note" role="status">
            {!hasLearner ? (
              <p className="notice notice--info">Review uses the record of your earlier quizzes: choose who is working first.</p>
            ) : dueCount === undefined ? (
              <p className="muted">Looking for questions due for review…</p>
            ) : due === 0 ? (
              <div className="empty-state empty-state--inline quiz-review-empty">
                <p>
                  <strong>Nothing is due for review.</strong>
                </p>
                <p>Questions you miss come back here at once; ones you get right come back after a day, then 3, 7 and 14 days.</p>
              </div>
            ) : (
              <p>
                <strong>
                  {due} {due === 1 ? 'question is' : 'questions are'} due for review.
                </strong>{' '}
                {count !== null && due > count ? `This review takes the ${count} most overdue.` : 'This review takes them all.'}
              </p>
            )}
          </div>
        ) : (
          <>
            <fieldset className="quiz-setup__group" aria-describedby={errors.topics ? `${id}-topics-error` : undefined}>
              <legend>Topics</legend>
              <div className="quiz-setup__topics">
                {QUIZ_TOPICS.map((topic) => (
                  <label key={topic} className="quiz-topic" htmlFor={`${id}-topic-${topic}`}>
                    <input
                      id={`${id}-topic-${topic}`}
                      type="checkbox"
                      checked={topics.includes(topic)}
                      aria-labelledby={`${id}-topic-${topic}-name`}
                      aria-describedby={`${id}-topic-${topic}-hint`}
                      onChange={(event) => toggleTopic(topic, event.target.checked)}
                    />
                    <span id={`${id}-topic-${topic}-name`} className="quiz-topic__name">
                      {TOPIC_LABELS[topic].name}
                    </span>
                    <span id={`${id}-topic-${topic}-hint`} className="quiz-topic__hint">
                      {TOPIC_LABELS[topic].hint}
                    </span>
                  </label>
                ))}
              </div>
              <div className="quiz-setup__topic-actions">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setTopics(QUIZ_TOPICS);
                    setErrors((e) => ({ ...e, topics: undefined }));
                    changed();
                  }}
                >
                  Select all topics
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setTopics([]);
                    changed();
                  }}
                >
                  Clear topics
                </button>
              </div>
              {errors.topics && (
                <p id={`${id}-topics-error`} className="field__error" role="alert">
                  {errors.topics}
                </p>
              )}
            </fieldset>

            <div className="field quiz-setup__difficulty">
              <label htmlFor={`${id}-difficulty`}>Level</label>
              <select
                id={`${id}-difficulty`}
                value={difficulty}
                onChange={(event) => {
                  setDifficulty(event.target.value as Difficulty | '');
                  changed();
                }}
              >
                <option value="">Mixed</option>
                {DIFFICULTY_CHOICES.map((d) => (
                  <option key={d} value={d}>
                    {DIFFICULTY_LABELS[d]}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}

        <fieldset className="quiz-setup__group" aria-describedby={errors.count ? `${id}-count-error` : undefined}>
          <legend>{mode === 'review' ? 'At most' : 'Length'}</legend>
          <div className="quiz-setup__lengths">
            {[...QUIZ_LENGTHS, 'custom' as const].map((l) => (
              <label key={l} className="quiz-length">
                <input
                  type="radio"
                  name={`${id}-length`}
                  value={l}
                  checked={length === l}
                  onChange={() => {
                    setLength(l);
                    setErrors((e) => ({ ...e, count: undefined }));
                    changed();
                  }}
                />
                {l === 'custom' ? 'Other' : `${l} questions`}
              </label>
            ))}
            {length === 'custom' && (
              <span className="field quiz-length__custom">
                <label htmlFor={`${id}-custom`}>
                  Number of questions ({MIN_QUIZ_LENGTH}–{MAX_QUIZ_LENGTH})
                </label>
                <input
                  ref={customRef}
                  id={`${id}-custom`}
                  type="number"
                  inputMode="numeric"
                  min={MIN_QUIZ_LENGTH}
                  max={MAX_QUIZ_LENGTH}
                  value={custom}
                  aria-invalid={errors.count ? true : undefined}
                  aria-describedby={errors.count ? `${id}-count-error` : undefined}
                  onChange={(event) => {
                    setCustom(event.target.value);
                    setErrors((e) => ({ ...e, count: undefined }));
                    changed();
                  }}
                />
              </span>
            )}
          </div>
          {errors.count && (
            <p id={`${id}-count-error`} className="field__error" role="alert">
              {errors.count}
            </p>
          )}
          {mode === 'test' && count !== null && (
            <p className="field__hint">
              Time limit {count * TEST_MINUTES_PER_QUESTION} {count * TEST_MINUTES_PER_QUESTION === 1 ? 'minute' : 'minutes'}; pass mark{' '}
              {Math.round(TEST_PASS_MARK * 100)}%.
            </p>
          )}
        </fieldset>

        {startError && (
          <p className="notice notice--error" role="alert">
            {startError}
          </p>
        )}
        <div className="quiz-setup__start">
          <button type="submit" className="button button--primary" disabled={reviewBlocked}>
            {startLabel}
          </button>
        </div>
      </form>

      <section className="card quiz-code" aria-labelledby={`${id}-code-title`}>
        <h2 id={`${id}-code-title`}>Quiz code</h2>
        {mode === 'review' ? (
          <p className="muted">A review is made from your own earlier answers, so it has no code to share.</p>
        ) : (
          <>
            <p className="muted">The same code gives the same questions, so a whole class can take the same quiz.</p>
            <div className="quiz-code__row">
              <div className="field quiz-code__field">
                <label htmlFor={`${id}-code`}>Code for this quiz</label>
                <textarea ref={codeFieldRef} id={`${id}-code`} rows={3} readOnly value={codeHash || 'Choose at least one topic and a length'} />
              </div>
              <button type="button" className="button" onClick={() => void copy()} disabled={!codeHash}>
                Copy link
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setSeed(newQuizSeed());
                  setCodeMessage(null);
                  changed();
                }}
              >
                New questions
              </button>
            </div>
            <p role="status" className="quiz-code__status">
              {copyMessage}
            </p>
          </>
        )}
        <form className="quiz-code__enter" onSubmit={applyCode} noValidate>
          <div className="field quiz-code__field">
            <label htmlFor={`${id}-enter`}>Have a code? Enter it here</label>
            <input
              id={`${id}-enter`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="#/quiz?seed=123&count=10"
              value={codeInput}
              aria-describedby={codeMessage && !codeMessage.ok ? `${id}-code-message` : undefined}
              aria-invalid={codeMessage && !codeMessage.ok ? true : undefined}
              onChange={(event) => setCodeInput(event.target.value)}
            />
          </div>
          <button type="submit" className="button">
            Use code
          </button>
        </form>
        <p id={`${id}-code-message`} role="status" className={codeMessage?.ok === false ? 'field__error' : 'quiz-code__applied'}>
          {codeMessage?.text ?? ''}
        </p>
      </section>
      {children}
    </div>
  );
}
