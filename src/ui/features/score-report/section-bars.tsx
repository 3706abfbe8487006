import { useId } from 'react';
import type { ScoreReport } from '@/domain/scoring/score-types';
import { percent, sectionLabel } from '@/ui/components/exercise-format';

function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

/**
 * Points per section as horizontal bars with the pass mark drawn across them: where the learner
 * lost points, at a glance. The numbers are written out beside each bar (the bars are decoration).
 */
export function SectionBars({ report }: { report: ScoreReport }) {
  const captionId = useId();
  return (
    <figure className="section-bars" aria-labelledby={captionId}>
      <figcaption id={captionId} className="section-bars__caption">
        Score by section <span className="muted">(line: pass mark {percent(report.passingScore)})</span>
      </figcaption>
      <ul className="section-bars__list">
        {report.sections.map((s) => {
          const fraction = s.possible > 0 ? s.earned / s.possible : 0;
          const ok = fraction >= report.passingScore;
          return (
            <li key={s.section} className="section-bars__row">
              <span className="section-bars__label">{sectionLabel(s.section)}</span>
              <span className="section-bars__track" aria-hidden="true">
                <span className={`section-bars__fill section-bars__fill--${ok ? 'ok' : 'low'}`} style={{ width: `${fraction * 100}%` }} />
                <span className="section-bars__mark" style={{ left: `${report.passingScore * 100}%` }} />
              </span>
              <span className="section-bars__value">
                <strong>{s.possible > 0 ? percent(fraction) : '—'}</strong>{' '}
                <span className="muted">
                  {points(s.earned)} of {points(s.possible)} {s.possible === 1 ? 'point' : 'points'}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
