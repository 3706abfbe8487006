import type { RefObject } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import type { Evidence, ScoreReport } from '@/domain/scoring/score-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import { percent } from '@/ui/components/exercise-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import { errorTypeInfo, errorTypeLabel } from './error-types';
import type { FindingReview, MissedError, ValidationReview } from './finding-review';
import { describeTarget, targetLabel } from './target-text';

type Finding = ValidationAnswers['findings'][number];

interface FindingsPanelProps {
  chart: Chart;
  findings: Finding[];
  /** Set after submission: the findings are read-only and each shows how it fared. */
  review?: ValidationReview;
  metrics?: ScoreReport['metrics'];
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
  /** The finding just removed, while it can still be put back. */
  removed: { finding: Finding; index: number } | null;
  onUndo: () => void;
  undoRef: RefObject<HTMLButtonElement | null>;
  /** Id of a finding's Edit button, so focus can return to it. */
  editButtonId: (index: number) => string;
  onShowEvidence: (label: string, evidence: Evidence[], documentId?: string) => void;
  /** What screen readers hear after an edit: "Finding added: …". */
  announcement: string;
}

/** The learner's findings: a count, the list with Edit and Remove (and Undo), then the feedback. */
export function FindingsPanel({
  chart,
  findings,
  review,
  metrics,
  onEdit,
  onRemove,
  removed,
  onUndo,
  undoRef,
  editButtonId,
  onShowEvidence,
  announcement,
}: FindingsPanelProps) {
  const submitted = review !== undefined;
  return (
    <section className="card audit-findings" aria-labelledby="audit-findings-heading">
      <div className="audit-findings__head">
        <h2 id="audit-findings-heading">
          Findings <span className="count">{findings.length}</span>
        </h2>
        <p className="audit-reminder">
          <span className="audit-reminder__icon" aria-hidden="true">
            !
          </span>{' '}
          <span>
            <strong>False alarms cost points.</strong> Each flag on an entry that is not wrong takes off as much as finding a
            real error earns (precision), and each error left unflagged earns nothing (recall).
          </span>
        </p>
      </div>
      {submitted && metrics && <AuditSummary metrics={metrics} total={metrics.truePositives + metrics.falseNegatives} />}
      {findings.length === 0 ? (
        <p className="muted audit-findings__empty">
          {submitted
            ? 'No findings were submitted.'
            : 'No findings yet. Compare the chart with the source documents, then choose Flag beside the entry, the patient banner or the document that is wrong.'}
        </p>
      ) : (
        <ol className="audit-findings__list" aria-label="Your findings">
          {findings.map((finding, index) => (
            <FindingItem
              key={index}
              chart={chart}
              finding={finding}
              index={index}
              result={review?.findings[index]}
              onEdit={onEdit}
              onRemove={onRemove}
              editButtonId={editButtonId}
              onShowEvidence={onShowEvidence}
            />
          ))}
        </ol>
      )}
      {removed && !submitted && (
        <div className="audit-undo">
          <p>
            Removed the finding on {targetLabel(describeTarget(chart, removed.finding.target))}.
          </p>
          <button ref={undoRef} type="button" className="button button--small" onClick={onUndo}>
            Undo <span className="visually-hidden">removing the finding</span>
          </button>
        </div>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {review && <MissedErrors chart={chart} missed={review.missed} onShowEvidence={onShowEvidence} />}
    </section>
  );
}

function AuditSummary({ metrics, total }: { metrics: NonNullable<ScoreReport['metrics']>; total: number }) {
  const { truePositives, falsePositives, precision, recall, correctionAccuracy } = metrics;
  return (
    <dl className="audit-summary">
      <div>
        <dt>Planted errors found</dt>
        <dd>
          {truePositives} of {total}
        </dd>
      </div>
      <div>
        <dt>False alarms</dt>
        <dd>{falsePositives}</dd>
      </div>
      <div>
        <dt>Recall</dt>
        <dd>{percent(recall)}</dd>
      </div>
      <div>
        <dt>Precision</dt>
        <dd>{percent(precision)}</dd>
      </div>
      {correctionAccuracy !== undefined && (
        <div>
          <dt>Corrections right</dt>
          <dd>{percent(correctionAccuracy)}</dd>
        </div>
      )}
    </dl>
  );
}

interface FindingItemProps extends Pick<FindingsPanelProps, 'chart' | 'onEdit' | 'onRemove' | 'editButtonId' | 'onShowEvidence'> {
  finding: Finding;
  index: number;
  result?: FindingReview;
}

function FindingItem({ chart, finding, index, result, onEdit, onRemove, editButtonId, onShowEvidence }: FindingItemProps) {
  const target = describeTarget(chart, finding.target);
  const name = `finding ${index + 1}, ${targetLabel(target)}`;
  const tone = result ? (result.matched ? ' audit-finding--matched' : ' audit-finding--false-alarm') : '';
  return (
    <li className={`audit-finding${tone}`}>
      <p className="audit-finding__target">
        <span className="audit-finding__kind">{target.kind}</span> <span className="audit-finding__name">{target.name}</span>
      </p>
      <dl className="audit-finding__facts">
        <div>
          <dt>Error type</dt>
          <dd>{errorTypeLabel(finding.errorType)}</dd>
        </div>
        <div>
          <dt>Correction</dt>
          <dd>{finding.correction || <span className="muted">None proposed</span>}</dd>
        </div>
      </dl>
      {!result ? (
        <div className="audit-finding__actions">
          <button id={editButtonId(index)} type="button" className="button button--small" onClick={() => onEdit(index)}>
            Edit <span className="visually-hidden">{name}</span>
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => onRemove(index)}>
            Remove <span className="visually-hidden">{name}</span>
          </button>
        </div>
      ) : result.matched ? (
        <div className="audit-review">
          <p className="audit-outcome audit-outcome--matched">
            <span aria-hidden="true">✓</span> Matches a planted error
          </p>
          <p>{result.error.description}</p>
          <ul className="audit-review__checks">
            <li>
              <span className="audit-review__what">Error type</span> <VerdictBadge verdict={result.type} size="small" />
              {result.type !== 'correct' && <> It is “{errorTypeLabel(result.error.type)}”.</>}
            </li>
            <li>
              <span className="audit-review__what">Correction</span> <VerdictBadge verdict={result.correction} size="small" />
              {result.correction !== 'correct' && <> Expected: {result.error.correction}</>}
            </li>
          </ul>
          {result.evidence.length > 0 && (
            <button
              type="button"
              className="button button--small"
              onClick={() => onShowEvidence(`Evidence: ${errorTypeLabel(result.error.type)}`, result.evidence)}
            >
              Show evidence <span className="visually-hidden">for {name}</span>
            </button>
          )}
        </div>
      ) : (
        <div className="audit-review">
          <p className="audit-outcome audit-outcome--false-alarm">
            <span aria-hidden="true">✗</span> False alarm
          </p>
          <p>{result.note}</p>
        </div>
      )}
    </li>
  );
}

function MissedErrors({ chart, missed, onShowEvidence }: { chart: Chart; missed: MissedError[]; onShowEvidence: FindingsPanelProps['onShowEvidence'] }) {
  return (
    <section className="audit-missed" aria-labelledby="audit-missed-heading">
      <h3 id="audit-missed-heading">
        Missed errors <span className="count">{missed.length}</span>
      </h3>
      {missed.length === 0 ? (
        <p className="muted">None: every planted error was flagged.</p>
      ) : (
        <ol className="audit-missed__list" aria-label="Errors you missed">
          {missed.map(({ error, evidence, whyItMatters }) => {
            const label = errorTypeInfo(error.type)?.label ?? error.type;
            return (
              <li key={error.id} className="audit-missed__item">
                <p className="audit-outcome audit-outcome--missed">
                  <span aria-hidden="true">!</span> {label}
                </p>
                <p>{error.description}</p>
                <dl className="audit-finding__facts">
                  <div>
                    <dt>Where</dt>
                    <dd>{targetLabel(describeTarget(chart, error.target))}</dd>
                  </div>
                  <div>
                    <dt>Correction</dt>
                    <dd>{error.correction}</dd>
                  </div>
                  {whyItMatters && (
                    <div>
                      <dt>Why it matters</dt>
                      <dd>{whyItMatters}</dd>
                    </div>
                  )}
                </dl>
                {evidence.length > 0 && (
                  <>
                    <p className="audit-evidence__heading">Evidence in the documents</p>
                    <ul className="audit-evidence">
                      {evidence.map((passage, n) => (
                        <li key={`${passage.documentId}-${passage.start}`}>
                          <q className="audit-evidence__quote">{passage.quote}</q>{' '}
                          <button
                            type="button"
                            className="button button--small button--quiet"
                            onClick={() => onShowEvidence(`Missed: ${label}`, evidence, passage.documentId)}
                          >
                            Show in {passage.documentTitle}{' '}
                            <span className="visually-hidden">
                              (passage {n + 1} of {evidence.length} for the missed {label})
                            </span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
