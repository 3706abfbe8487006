import type { Verdict } from '@/domain/scoring/score-types';

export const VERDICT_WORDS: Record<Verdict, string> = {
  correct: 'Correct',
  partial: 'Partly right',
  wrong: 'Wrong',
  missing: 'Missing',
  extra: 'Not in the record',
};

/** One small glyph per verdict, drawn in a 16×16 box. */
const ICONS: Record<Verdict, string> = {
  correct: 'M3.5 8.5l3 3 6-7',
  partial: 'M8 2.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 1 1 0-11M8 2.5v11',
  wrong: 'M4 4l8 8M12 4l-8 8',
  missing: 'M3.5 8h9',
  extra: 'M8 3.5v9M3.5 8h9',
};

/**
 * A verdict as an icon and a word (never colour alone, WCAG 1.4.1): the score report and the
 * workspaces' in-place feedback show the same badge.
 */
export function VerdictBadge({ verdict, size = 'normal' }: { verdict: Verdict; size?: 'normal' | 'small' }) {
  return (
    <span className={`verdict-badge verdict-badge--${verdict}${size === 'small' ? ' verdict-badge--small' : ''}`}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="verdict-badge__icon">
        <path d={ICONS[verdict]} />
      </svg>
      {VERDICT_WORDS[verdict]}
    </span>
  );
}
