import { useEffect, useRef, useState } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { Evidence } from '@/domain/scoring/score-types';
import { DocumentViewer } from '@/ui/components/document-viewer';

interface EvidencePanelProps {
  id: string;
  label: string;
  evidence: readonly Evidence[];
  documents: readonly SourceDocument[];
}

/** The document that states an item, with the passage marked and scrolled into view. */
export function EvidencePanel({ id, label, evidence, documents }: EvidencePanelProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const documentIds = [...new Set(evidence.map((e) => e.documentId))];
  const [documentId, setDocumentId] = useState(documentIds[0]);
  const [nonce, setNonce] = useState(1);
  const document = documents.find((d) => d.id === documentId);
  const here = evidence.filter((e) => e.documentId === documentId);

  useEffect(() => {
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    panelRef.current?.scrollIntoView?.({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  }, []);

  return (
    <div ref={panelRef} id={id} className="evidence-panel">
      <p className="evidence-panel__quote">
        <span className="muted">The documents say:</span>{' '}
        {[...new Set(evidence.map((e) => e.quote))].map((quote, i) => (
          <q key={i}>{quote}</q>
        ))}
      </p>
      {documentIds.length > 1 && (
        <div className="evidence-panel__docs" role="group" aria-label="Documents that state it">
          {documentIds.map((docId) => (
            <button
              key={docId}
              type="button"
              className="button button--small"
              aria-pressed={docId === documentId}
              onClick={() => {
                setDocumentId(docId);
                setNonce((n) => n + 1);
              }}
            >
              {evidence.find((e) => e.documentId === docId)?.documentTitle ?? docId}
            </button>
          ))}
        </div>
      )}
      {document ? (
        <DocumentViewer
          document={document}
          spans={here.map((e) => ({ start: e.start, end: e.end, field: 'evidence' }))}
          scrollKey={nonce}
          headingLevel={4}
          textLabel={`Evidence for ${label}: text of ${document.title}`}
          markTitle="Evidence"
        />
      ) : (
        <p className="muted">The document is not part of this exercise.</p>
      )}
    </div>
  );
}
