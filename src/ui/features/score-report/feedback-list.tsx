import { useId, useState } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import { sectionLabel } from '@/ui/components/exercise-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import { EvidencePanel } from './evidence-panel';

function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

/** Every feedback item, grouped by section, with a filter for what the learner missed. */
export function FeedbackList({ report, documents }: { report: ScoreReport; documents: readonly SourceDocument[] }) {
  const id = useId();
  const [onlyMissed, setOnlyMissed] = useState(false);
  const shown = onlyMissed ? report.items.filter((i) => i.verdict !== 'correct') : report.items;
  const sections = [...new Set([...report.sections.map((s) => s.section), ...report.items.map((i) => i.section)])];

  return (
    <section className="feedback" aria-labelledby={`${id}-heading`}>
      <div className="feedback__head">
        <h3 id={`${id}-heading`}>Item by item</h3>
        <label className="checkbox">
          <input type="checkbox" checked={onlyMissed} onChange={(event) => setOnlyMissed(event.target.checked)} />
          Only what I missed
        </label>
        <p role="status" className="feedback__count muted">
          Showing {shown.length} of {report.items.length} {report.items.length === 1 ? 'item' : 'items'}
        </p>
      </div>
      {shown.length === 0 && <p className="feedback__none">Nothing missed: every item is correct.</p>}
      {sections.map((section) => {
        const items = shown.filter((i) => i.section === section);
        if (items.length === 0) return null;
        return (
          <div key={section} className="feedback__group">
            <h4 className="feedback__group-title">{sectionLabel(section)}</h4>
            <ul className="feedback__items">
              {items.map((item) => (
                <FeedbackEntry key={item.id} item={item} documents={documents} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function FeedbackEntry({ item, documents }: { item: FeedbackItem; documents: readonly SourceDocument[] }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const extra = item.verdict === 'extra';
  return (
    <li className={`feedback-item feedback-item--${item.verdict}`}>
      <div className="feedback-item__head">
        <VerdictBadge verdict={item.verdict} />
        <span className="feedback-item__label">{item.label}</span>
        <span className="feedback-item__points">
          {points(item.earned)}/{points(item.weight)} <span className="visually-hidden">points</span>
          <span aria-hidden="true">pt</span>
        </span>
      </div>
      <dl className="feedback-item__values">
        <div>
          <dt>Expected</dt>
          <dd>{extra ? 'Nothing: the documents do not support it' : item.expected || '(blank)'}</dd>
        </div>
        <div>
          <dt>You entered</dt>
          <dd>{item.entered === null ? <span className="muted">Not recorded</span> : item.entered || <span className="muted">(blank)</span>}</dd>
        </div>
      </dl>
      {item.note && item.verdict !== 'correct' && (
        <p className="feedback-item__note">
          <strong>{item.verdict === 'partial' ? 'Why partial credit: ' : 'Note: '}</strong>
          {item.note}
        </p>
      )}
      <p className="feedback-item__why">
        <strong>Why it matters: </strong>
        {item.whyItMatters}
      </p>
      {item.evidence.length > 0 && (
        <>
          <button
            type="button"
            className="button button--small feedback-item__evidence"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide evidence ' : 'Show evidence '}
            <span className="visually-hidden">for {item.label}</span>
          </button>
          {open && <EvidencePanel id={panelId} label={item.label} evidence={item.evidence} documents={documents} />}
        </>
      )}
    </li>
  );
}
