import { useId, useMemo, useState, type ComponentType } from 'react';
import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import type { RecordingExercise } from '@/domain/exercise/exercise-types';
import type { RecordingSection } from '@/domain/scenario/scenario-schema';
import type { FeedbackItem } from '@/domain/scoring/score-types';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { newestFirst } from '@/ui/components/chart-format';
import { sectionLabel } from '@/ui/components/exercise-format';
import { Tabs } from '@/ui/components/tabs';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { suggestionLists, type SuggestionListId } from './code-suggestions';
import { KeyboardHelp } from './keyboard-help';
import { RecordSection } from './record-section';
import { rowsOf, withRows } from './recording-fields';
import { sectionFeedback } from './recording-feedback';

/** Evidence the learner asked to see after submission: where the documents state a field. */
export interface EvidenceRequest {
  label: string;
  spans: { documentId: string; start: number; end: number; field: string }[];
  /** Bumped on every request, so asking again scrolls again. */
  nonce: number;
}

/** The documents pane beside the form, its state held by the workspace. */
export interface RecordingDocumentsViewProps {
  chart: Chart;
  documents: readonly SourceDocument[];
  activeDocumentId: string | null;
  onOpenDocument: (id: string) => void;
  evidence: EvidenceRequest | null;
  onClearEvidence: () => void;
  focusKey: number;
  /** What the pane's status line says while nothing is marked; null: no status line. */
  idleText: string | null;
}

export interface RecordingWorkspaceProps extends WorkspaceProps<RecordingExercise, RecordingAnswers> {
  /** The shared documents pane, plugged in by src/ui/app (features do not import each other). */
  DocumentsView: ComponentType<RecordingDocumentsViewProps>;
}

/**
 * Chart abstraction: the exercise's source documents beside a form with one tab per section to
 * record. The form keeps no answers of its own: every edit goes to `onChange`. After submission
 * (`report` set) the rows are read-only, every field shows its verdict, and "Evidence" marks
 * where the documents state it.
 */
export function RecordingWorkspace({ exercise, answers, onChange, report, DocumentsView }: RecordingWorkspaceProps) {
  const id = useId();
  const documents = useMemo(() => newestFirst(exercise.documents, (d) => d.date), [exercise.documents]);
  const [sectionId, setSectionId] = useState<RecordingSection>(exercise.sections[0] ?? 'allergies');
  const [activeDocumentId, setActiveDocumentId] = useState<string | null>(documents[0]?.id ?? null);
  const [evidence, setEvidence] = useState<EvidenceRequest | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const lists = suggestionLists();
  const listIds = useMemo(
    () => Object.fromEntries(Object.keys(lists).map((name) => [name, `${id}-list-${name}`])) as Record<SuggestionListId, string>,
    [id, lists],
  );

  const feedbackBySection = useMemo(
    () => (report ? new Map(exercise.sections.map((s) => [s, sectionFeedback(report, s, rowsOf(answers, s))])) : undefined),
    [report, exercise.sections, answers],
  );

  const showEvidence = (label: string, items: FeedbackItem[]) => {
    const spans = items.flatMap((item) => item.evidence.map((e) => ({ documentId: e.documentId, start: e.start, end: e.end, field: item.field })));
    const first = spans[0]?.documentId;
    const keep = spans.some((s) => s.documentId === activeDocumentId);
    if (first && !keep) setActiveDocumentId(first);
    setEvidence((previous) => ({ label, spans, nonce: (previous?.nonce ?? 0) + 1 }));
  };

  const tabs = exercise.sections.map((section) => {
    const count = rowsOf(answers, section).length;
    const fb = feedbackBySection?.get(section);
    return {
      id: section,
      label: (
        <>
          {sectionLabel(section)}
          <span className="tabs__count">
            {fb ? `${Math.round(fb.earned)}/${fb.possible}` : count}
            <span className="visually-hidden">{fb ? ' points' : count === 1 ? ' row' : ' rows'}</span>
          </span>
        </>
      ),
    };
  });
  const current = exercise.sections.includes(sectionId) ? sectionId : (exercise.sections[0] as RecordingSection);

  return (
    <div className={`recording${report ? ' recording--reviewed' : ''}`}>
      <div className="recording__documents">
        <DocumentsView
          chart={exercise.chart}
          documents={documents}
          activeDocumentId={activeDocumentId}
          onOpenDocument={(documentId) => {
            setActiveDocumentId(documentId);
            setFocusKey((k) => k + 1);
          }}
          evidence={evidence}
          onClearEvidence={() => setEvidence(null)}
          focusKey={focusKey}
          idleText={report ? 'Choose Evidence under a field to highlight where the documents state it.' : null}
        />
      </div>
      <section className="recording__form card" aria-labelledby={`${id}-form-heading`}>
        <div className="recording__form-head">
          <h2 id={`${id}-form-heading`}>{report ? 'Your answers, with feedback' : 'Abstraction form'}</h2>
          {!report && <KeyboardHelp />}
        </div>
        <Tabs label="Sections to record" items={tabs} selectedId={current} onSelect={(s) => setSectionId(s as RecordingSection)} idPrefix={`${id}-sections`}>
          <RecordSection
            key={current}
            section={current}
            rows={rowsOf(answers, current)}
            onRowsChange={(rows) => onChange(withRows(answers, current, rows))}
            scope={exercise.scope[current]}
            listIds={listIds}
            feedback={feedbackBySection?.get(current)}
            onShowEvidence={showEvidence}
          />
        </Tabs>
      </section>
      {!report && (
        <div hidden>
          {(Object.keys(lists) as SuggestionListId[]).map((name) => (
            <datalist key={name} id={listIds[name]}>
              {lists[name].map((s) => (
                <option key={s.value} value={s.value} label={s.label} />
              ))}
            </datalist>
          ))}
        </div>
      )}
    </div>
  );
}
