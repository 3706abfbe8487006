import type { Chart } from '@/domain/chart/chart-types';
import { documentKindText, formatDate, formatDateTime, newestFirst, practitionerName } from '@/ui/components/chart-format';
import { FactAction, useDocumentNavigation } from '../chart-view-context';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

/** The chart's document index: what was written, by whom, and whether it was authenticated. */
export function DocumentsSection({ chart }: { chart: Chart }) {
  const { activeDocumentId: activeId, openDocument } = useDocumentNavigation();
  const documents = newestFirst(chart.documents, (d) => d.date);
  const unsigned = documents.filter((d) => d.author && !d.signed).length;
  return (
    <>
      <SectionHeader
        title="Documents"
        summary={documents.length === 0 ? 'No source documents for this chart.' : `${documents.length} documents, newest first${unsigned ? ` · ${unsigned} unsigned` : ''}`}
      />
      <TableWrap label="Documents">
        <table className="data-table data-table--wide-first" aria-label="Documents">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Type</th>
              <th scope="col">Date</th>
              <th scope="col">Author</th>
              <th scope="col">Authentication</th>
            </tr>
          </thead>
          <tbody>
            {documents.length === 0 && <EmptyRow columns={5}>No source documents have been rendered for this chart.</EmptyRow>}
            {documents.map((document) => (
              <tr key={document.id} className={document.id === activeId ? 'row--current' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="fact"
                    aria-current={document.id === activeId ? 'true' : undefined}
                    onClick={() => openDocument(document.id, { focus: true })}
                  >
                    {document.title}
                  </button>
                  <FactAction fact={{ ref: `DocumentReference/${document.id}`, label: document.title }} />
                </th>
                <td>{documentKindText(document.kind)}</td>
                <td>{formatDateTime(document.date)}</td>
                <td>{document.author ? practitionerName(chart, document.author) : '—'}</td>
                <td>
                  {document.signed ? (
                    <>
                      Signed {formatDate(document.signed.at)}
                      <span className="cell-note">{practitionerName(chart, document.signed.by)}</span>
                    </>
                  ) : document.author ? (
                    <span className="pill pill--warning">Unsigned</span>
                  ) : (
                    <span className="muted">Not required</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
