import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import { documentKindText, formatDate, practitionerName } from '@/ui/components/chart-format';
import { DocumentViewer, type MarkSpan } from '@/ui/components/document-viewer';

/** Evidence the learner asked to see after submission: where the documents state a field. */
export interface EvidenceRequest {
  label: string;
  spans: (MarkSpan & { documentId: string })[];
  /** Bumped on every request, so asking again scrolls again. */
  nonce: number;
}

interface RecordingDocumentsProps {
  chart: Chart;
  documents: readonly SourceDocument[];
  activeId: string | undefined;
  onOpen: (id: string) => void;
  evidence: EvidenceRequest | null;
  onClearEvidence: () => void;
  focusKey: number;
}

/**
 * The documents to abstract from: a list and the open document. After submission, evidence for a
 * field is marked in the document that states it.
 */
export function RecordingDocuments({ chart, documents, activeId, onOpen, evidence, onClearEvidence, focusKey }: RecordingDocumentsProps) {
  const active = documents.find((d) => d.id === activeId) ?? documents[0];
  const spansIn = (id: string) => evidence?.spans.filter((s) => s.documentId === id) ?? [];
  const activeSpans = active ? spansIn(active.id) : [];
  const otherDocs = evidence ? new Set(evidence.spans.map((s) => s.documentId).filter((id) => id !== active?.id)).size : 0;

  return (
    <section className="documents card recording-documents" aria-labelledby="recording-documents-heading">
      <div className="documents__head">
        <h2 id="recording-documents-heading">
          Source documents <span className="count">{documents.length}</span>
        </h2>
      </div>
      {evidence && (
        <div className="evidence">
          <p role="status" className={evidence.spans.length ? 'evidence__found' : 'evidence__none'}>
            {evidence.spans.length === 0 ? (
              <>
                <strong>No evidence found.</strong> No document text is linked to “{evidence.label}”.
              </>
            ) : (
              <>
                <mark className="evidence__swatch">Highlighted</mark>: “{evidence.label}”,{' '}
                {activeSpans.length === 1 ? '1 passage' : `${activeSpans.length} passages`} in {active?.title}.
                {otherDocs > 0 && ` Also stated in ${otherDocs} other ${otherDocs === 1 ? 'document' : 'documents'}, counted in the list.`}
              </>
            )}
          </p>
          <button type="button" className="button button--small button--quiet" onClick={onClearEvidence}>
            Clear highlight
          </button>
        </div>
      )}
      {!active ? (
        <p className="empty-state empty-state--inline">This exercise has no source documents.</p>
      ) : (
        <>
          <ul className="doc-list" aria-label="Documents">
            {documents.map((d) => {
              const count = spansIn(d.id).length;
              return (
                <li key={d.id}>
                  <button type="button" className="doc-list__item" aria-current={d.id === active.id ? 'true' : undefined} onClick={() => onOpen(d.id)}>
                    <span className="doc-list__title">{d.title}</span>
                    <span className="doc-list__meta">
                      {documentKindText(d.kind)} · {formatDate(d.date)}
                    </span>
                    {count > 0 && (
                      <span className="doc-list__hits">
                        {count} <span className="visually-hidden">{count === 1 ? 'passage' : 'passages'} highlighted</span>
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
          <DocumentViewer
            document={active}
            authorName={active.author ? practitionerName(chart, active.author) : undefined}
            spans={activeSpans}
            scrollKey={evidence?.nonce ?? 0}
            focusKey={focusKey}
          />
        </>
      )}
    </section>
  );
}
