/**
 * Verdicts as an icon and words, never colour alone (WCAG 1.4.1). Drawn like the shared
 * VerdictBadge, with the quiz's own words: "Correct" / "Incorrect" / "Not answered", and
 * "Passed" / "Not passed" for a test.
 */

const PATHS = {
  yes: 'M3.5 8.5l3 3 6-7',
  no: 'M4 4l8 8M12 4l-8 8',
  none: 'M3.5 8h9',
};

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="verdict-badge__icon">
      <path d={path} />
    </svg>
  );
}

export function AnswerVerdict({ correct, answered = true, size = 'normal' }: { correct: boolean; answered?: boolean; size?: 'normal' | 'small' }) {
  const kind = !answered ? 'missing' : correct ? 'correct' : 'wrong';
  return (
    <span className={`verdict-badge verdict-badge--${kind}${size === 'small' ? ' verdict-badge--small' : ''} quiz-verdict`}>
      <Icon path={!answered ? PATHS.none : correct ? PATHS.yes : PATHS.no} />
      {!answered ? 'Not answered' : correct ? 'Correct' : 'Incorrect'}
    </span>
  );
}

export function PassVerdict({ passed }: { passed: boolean }) {
  return (
    <span className={`verdict-badge verdict-badge--${passed ? 'correct' : 'wrong'} quiz-verdict quiz-verdict--pass`}>
      <Icon path={passed ? PATHS.yes : PATHS.no} />
      {passed ? 'Passed' : 'Not passed'}
    </span>
  );
}
