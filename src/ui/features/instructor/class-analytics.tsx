import { useId } from 'react';
import { classAnalytics } from '@/domain/instructor/analytics';
import type { AssignmentGradebook } from '@/domain/instructor/grade';
import { formatPercent } from './download';
import { errorTypeLabel } from './error-type-options';
import { ScoreHistogram } from './score-histogram';

/** Per assignment: how the class did, what most of it missed, which error types were missed most. */
export function ClassAnalyticsPanel({ book }: { book: AssignmentGradebook }) {
  const id = useId();
  const stats = classAnalytics(book);
  if (stats.learners === 0) return null;
  return (
    <section className="instructor-analytics" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Class analytics</h3>
      <p className="muted">
        {stats.learners} learner{stats.learners === 1 ? '' : 's'} · average {formatPercent(stats.averageScore)} · median {formatPercent(stats.medianScore)} · {formatPercent(stats.passRate)} passed
      </p>
      <div className="instructor-analytics__grid">
        <ScoreHistogram bins={stats.histogram} passMark={book.assignment.passMark} />
        <div className="table-wrap">
          <table className="data-table">
            <caption>By item</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Handed in</th>
                <th scope="col">Average</th>
                <th scope="col">Passed</th>
              </tr>
            </thead>
            <tbody>
              {stats.items.map((i) => (
                <tr key={i.index}>
                  <th scope="row">
                    {i.index + 1}. {i.title}
                  </th>
                  <td>{i.submitted}</td>
                  <td>{formatPercent(i.averageScore)}</td>
                  <td>{formatPercent(i.passRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="instructor-analytics__grid">
        <div className="table-wrap">
          <table className="data-table">
            <caption>Most missed by the class</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Item</th>
                <th scope="col">Missed by</th>
              </tr>
            </thead>
            <tbody>
              {stats.mostMissed.slice(0, 10).map((f) => (
                <tr key={`${f.index}|${f.id}`}>
                  <th scope="row">
                    {f.label}
                    {/* "found" items expect a chart reference (Flag Observation/…), which means nothing here. */}
                    {f.expected && f.field !== 'found' && <div className="muted small">Expected: {f.expected}</div>}
                  </th>
                  <td>{f.index + 1}</td>
                  <td>
                    {f.missed} of {f.learners} ({formatPercent(f.share)})
                  </td>
                </tr>
              ))}
              {stats.mostMissed.length === 0 && (
                <tr>
                  <td colSpan={3}>Nothing was missed.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {stats.mostMissedErrorTypes.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <caption>Error types most missed</caption>
              <thead>
                <tr>
                  <th scope="col">Error type</th>
                  <th scope="col">Missed</th>
                  <th scope="col">Learners</th>
                </tr>
              </thead>
              <tbody>
                {stats.mostMissedErrorTypes.map((t) => (
                  <tr key={t.errorType}>
                    <th scope="row">{errorTypeLabel(t.errorType)}</th>
                    <td>
                      {t.missed} of {t.planted} ({formatPercent(t.share)})
                    </td>
                    <td>{t.learners}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
