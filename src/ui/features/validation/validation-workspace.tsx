import { useEffect, useId, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import type { ValidationExercise } from '@/domain/exercise/exercise-types';
import type { Evidence } from '@/domain/scoring/score-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { errorTypeLabel } from './error-types';
import { FlagAction, type FlaggableFact } from './flag-action';
import { FlagDialog } from './flag-dialog';
import { FindingsPanel } from './findings-panel';
import { reviewFindings } from './finding-review';
import { describeTarget, targetLabel } from './target-text';

type Finding = ValidationAnswers['findings'][number];

/** A stretch of document text to mark, with the document it is in. */
export interface AuditSpan {
  documentId: string;
  start: number;
  end: number;
}

/** What the documents pane marks: the passages citing a fact, or an error's evidence. */
export interface AuditHighlight {
  label: string;
  nonce: number;
  /** Marks where the documents state this fact (`ResourceType/id`)... */
  ref?: string;
  /** ...or these exact passages (a planted error's evidence). */
  spans?: AuditSpan[];
}

/**
 * Everything the chart-and-documents view needs, handed to the view the app plugs in. The
 * workspace holds this state (it is screen state, not answers); the view draws the chart banner
 * and sections beside the source documents and puts `renderFactAction` after every fact and
 * `renderDocumentAction` beside every document. The view is injected because features do not
 * import each other (STYLE.md §1): src/ui/app composes the chart viewer and documents pane into it.
 */
export interface AuditViewProps {
  chart: Chart;
  chartSection: string;
  setChartSection: (id: string) => void;
  selectedFactRef: string | null;
  toggleFact: (ref: string, label: string) => void;
  activeDocumentId: string | null;
  openDocument: (id: string, options?: { focus?: boolean }) => void;
  /** Changes when a document is opened on purpose, so the viewer takes focus. */
  documentFocusKey: number;
  highlight: AuditHighlight | null;
  clearHighlight: () => void;
  renderFactAction: (fact: FlaggableFact, placement: 'row' | 'value') => ReactNode;
  renderDocumentAction: (document: SourceDocument) => ReactNode;
}

export interface ValidationWorkspaceProps extends WorkspaceProps<ValidationExercise, ValidationAnswers> {
  AuditView: ComponentType<AuditViewProps>;
}

type FormState = { target: string; index?: number };

/**
 * The validation (chart audit) workspace: the chart with planted errors beside its source
 * documents, a Flag action on every fact, the banner and every document, the form that records a
 * finding, and the findings list. It keeps no answer state: every edit goes out through
 * `onChange`. With a report, each finding shows what it matched and the missed errors are listed
 * with their evidence, which the documents pane can highlight.
 */
export function ValidationWorkspace({ exercise, answers, onChange, report, AuditView }: ValidationWorkspaceProps) {
  const { chart } = exercise;
  const findings = answers.findings;
  const readOnly = report !== undefined;
  const idPrefix = useId();
  const editButtonId = (index: number) => `${idPrefix}-edit-${index}`;

  const [chartSection, setChartSection] = useState('summary');
  const [activeDocumentId, setActiveDocumentId] = useState<string | null>(chart.documents[0]?.id ?? null);
  const [documentFocusKey, setDocumentFocusKey] = useState(0);
  const [highlight, setHighlight] = useState<AuditHighlight | null>(null);
  const nonce = useRef(0);
  const [form, setForm] = useState<FormState | null>(null);
  const [removed, setRemoved] = useState<{ finding: Finding; index: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const undoRef = useRef<HTMLButtonElement>(null);

  const review = useMemo(() => (report ? reviewFindings(exercise, answers, report) : undefined), [exercise, answers, report]);
  const flaggedCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.target, (counts.get(f.target) ?? 0) + 1);
    return counts;
  }, [findings]);
  const missedTargets = useMemo(() => new Set(review?.missed.map((m) => m.error.target) ?? []), [review]);

  // Focus after the list changed under the learner's hands: the Undo button after a removal, the
  // restored finding's Edit button after an undo (the button they pressed is gone either way).
  const pendingFocus = useRef<'undo' | { edit: number } | null>(null);
  useEffect(() => {
    const wanted = pendingFocus.current;
    if (wanted === null) return;
    pendingFocus.current = null;
    if (wanted === 'undo') undoRef.current?.focus();
    else document.getElementById(editButtonId(wanted.edit))?.focus();
  });

  const describe = (target: string) => targetLabel(describeTarget(chart, target));

  const toggleFact = (ref: string, label: string) => {
    if (highlight?.ref === ref) {
      setHighlight(null);
      return;
    }
    // Stay on the open document when it cites the fact; otherwise go to the first one that does.
    const citing = chart.documents.filter((d) => d.spans.some((s) => s.ref === ref));
    if (!citing.some((d) => d.id === activeDocumentId) && citing[0]) setActiveDocumentId(citing[0].id);
    setHighlight({ label, ref, nonce: ++nonce.current });
  };

  const openDocument = (id: string, options?: { focus?: boolean }) => {
    setActiveDocumentId(id);
    if (options?.focus) setDocumentFocusKey((k) => k + 1);
  };

  const showEvidence = (label: string, evidence: Evidence[], documentId?: string) => {
    const first = documentId ?? evidence[0]?.documentId;
    if (!first) return;
    setHighlight({ label, spans: evidence.map(({ documentId: d, start, end }) => ({ documentId: d, start, end })), nonce: ++nonce.current });
    openDocument(first, { focus: true });
  };

  const openFlag = (fact: FlaggableFact) => setForm({ target: fact.ref });

  const save = (finding: Finding) => {
    if (readOnly || !form) return;
    const editing = form.index;
    const next = editing === undefined ? [...findings, finding] : findings.map((f, i) => (i === editing ? finding : f));
    onChange({ ...answers, findings: next });
    setForm(null);
    const what = `${describe(finding.target)}, ${errorTypeLabel(finding.errorType)}`;
    setAnnouncement(
      editing === undefined ? `Finding added: ${what}. ${next.length} ${next.length === 1 ? 'finding' : 'findings'} in all.` : `Finding updated: ${what}.`,
    );
  };

  const remove = (index: number) => {
    const finding = findings[index];
    if (readOnly || !finding) return;
    onChange({ ...answers, findings: findings.filter((_, i) => i !== index) });
    setRemoved({ finding, index });
    setAnnouncement(`Removed the finding on ${describe(finding.target)}. Undo is available.`);
    pendingFocus.current = 'undo';
  };

  const undo = () => {
    if (readOnly || !removed) return;
    const index = Math.min(removed.index, findings.length);
    onChange({ ...answers, findings: [...findings.slice(0, index), removed.finding, ...findings.slice(index)] });
    setRemoved(null);
    setAnnouncement(`Restored the finding on ${describe(removed.finding.target)}.`);
    pendingFocus.current = { edit: index };
  };

  // Documents and the banner are named the same wherever their Flag sits (list, Documents tab, banner).
  const renderFactAction = (fact: FlaggableFact, placement: 'row' | 'value') => (
    <FlagAction
      fact={/^(DocumentReference|Patient)\//.test(fact.ref) ? { ref: fact.ref, label: describe(fact.ref) } : fact}
      placement={placement}
      flagged={flaggedCount.get(fact.ref) ?? 0}
      missed={missedTargets.has(fact.ref)}
      readOnly={readOnly}
      onFlag={openFlag}
    />
  );

  const renderDocumentAction = (document: SourceDocument) => renderFactAction({ ref: `DocumentReference/${document.id}`, label: document.title }, 'row');

  const editing = form?.index !== undefined ? findings[form.index] : undefined;

  return (
    <div className="audit">
      <FindingsPanel
        chart={chart}
        findings={findings}
        review={review}
        metrics={report?.metrics}
        onEdit={(index) => {
          const finding = findings[index];
          if (finding && !readOnly) setForm({ target: finding.target, index });
        }}
        onRemove={remove}
        removed={readOnly ? null : removed}
        onUndo={undo}
        undoRef={undoRef}
        editButtonId={editButtonId}
        onShowEvidence={showEvidence}
        announcement={announcement}
      />
      <AuditView
        chart={chart}
        chartSection={chartSection}
        setChartSection={setChartSection}
        selectedFactRef={highlight?.ref ?? null}
        toggleFact={toggleFact}
        activeDocumentId={activeDocumentId}
        openDocument={openDocument}
        documentFocusKey={documentFocusKey}
        highlight={highlight}
        clearHighlight={() => setHighlight(null)}
        renderFactAction={renderFactAction}
        renderDocumentAction={renderDocumentAction}
      />
      {form && !readOnly && (
        <FlagDialog
          chart={chart}
          target={form.target}
          initial={editing}
          others={findings.filter((f, i) => f.target === form.target && i !== form.index)}
          onSave={save}
          onCancel={() => setForm(null)}
        />
      )}
    </div>
  );
}
