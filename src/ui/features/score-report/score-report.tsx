import type { ReactNode, Ref } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { ScoreReport as Report, Verdict } from '@/domain/scoring/score-types';
import { percent } from '@/ui/components/exercise-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import { FeedbackList } from './feedback-list';
import { ScoreGauge } from './score-gauge';
import { SectionBars } from './section-bars';

interface ScoreReportProps {
  report: Report;
  /** The documents the evidence points into. */
  documents: readonly SourceDocument[];
  /** The session moves focus here when the report appears. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Buttons the session adds (try again, new variant). */
  actions?: ReactNode;
}

const VERDICT_ORDER: Verdict[] = ['correct', 'partial', 'wrong', 'missing', 'extra'];

function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

/**
 * The result of a submission: the score against the pass mark, points by section, the finding
 * metrics where the task is about finding things, and every item explained with its evidence.
 */
export function ScoreReport({ report, documents, headingRef, actions }: ScoreReportProps) {
  const counts = VERDICT_ORDER.map((verdict) => ({ verdict, count: report.items.filter((i) => i.verdict === verdict).length })).filter(
    (c) => c.count > 0,
  );
  return (
    <section className="score-report card" aria-labelledby="score-report-heading">
      <h2 id="score-report-heading" ref={headingRef} tabIndex={-1} className="score-report__title">
        Score report
      </h2>
      <div className="score-report__summary">
        <ScoreGauge score={report.score} passingScore={report.passingScore} passed={report.passed} />
        <div className="score-report__verdict">
          <p className={`score-report__result score-report__result--${report.passed ? 'pass' : 'fail'}`}>
            <span aria-hidden="true">{report.passed ? '✓' : '✗'}</span> {report.passed ? 'Passed' : 'Not passed'}
          </p>
          <p className="muted">
            {points(report.earned)} of {points(report.possible)} points · pass mark {percent(report.passingScore)}
          </p>
          <ul className="score-report__counts" aria-label="Items by verdict">
            {counts.map(({ verdict, count }) => (
              <li key={verdict}>
                <strong>{count}</strong> <VerdictBadge verdict={verdict} size="small" />
              </li>
            ))}
          </ul>
          {actions && <div className="score-report__actions">{actions}</div>}
        </div>
        <SectionBars report={report} />
      </div>
      {report.metrics && (
        <dl className="score-metrics">
          <div>
            <dt>Precision</dt>
            <dd>
              <strong>{percent(report.metrics.precision)}</strong>
              <span className="muted">
                {' '}
                of what you flagged was right ({report.metrics.truePositives} of {report.metrics.truePositives + report.metrics.falsePositives})
              </span>
            </dd>
          </div>
          <div>
            <dt>Recall</dt>
            <dd>
              <strong>{percent(report.metrics.recall)}</strong>
              <span className="muted">
                {' '}
                of what was there you found ({report.metrics.truePositives} of {report.metrics.truePositives + report.metrics.falseNegatives})
              </span>
            </dd>
          </div>
          {report.metrics.correctionAccuracy !== undefined && (
            <div>
              <dt>Correction accuracy</dt>
              <dd>
                <strong>{percent(report.metrics.correctionAccuracy)}</strong>
                <span className="muted"> of your corrections were right</span>
              </dd>
            </div>
          )}
        </dl>
      )}
      <FeedbackList report={report} documents={documents} />
    </section>
  );
}
