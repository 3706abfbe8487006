import { flagText, type Flag } from './chart-format';

const MARKS: Record<Exclude<Flag, 'N'>, string> = { H: '▲', L: '▼', HH: '▲▲', LL: '▼▼' };

/**
 * An abnormal-result flag. The letters and arrows carry the meaning and the full word is in the
 * accessible text, so the flag never depends on colour (WCAG 1.4.1).
 */
export function FlagBadge({ flag }: { flag: Flag | undefined }) {
  if (!flag || flag === 'N') return null;
  const critical = flag === 'HH' || flag === 'LL';
  return (
    <span className={`flag flag--${critical ? 'critical' : 'abnormal'}`} title={flagText(flag)}>
      <span aria-hidden="true">
        {MARKS[flag]} {flag}
      </span>
      <span className="visually-hidden">{flagText(flag)}</span>
    </span>
  );
}
