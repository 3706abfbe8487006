import type { ValidationExercise } from '@/domain/exercise/exercise-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { ChartViewContext, type ChartViewController } from '@/ui/features/chart-viewer/chart-view-context';
import { ChartLayout } from '@/ui/features/chart-viewer/chart-viewer';
import { DocumentsPanel, type DocumentHighlight } from '@/ui/features/source-documents/source-documents-pane';
import { ValidationWorkspace, type AuditViewProps } from '@/ui/features/validation/validation-workspace';

/**
 * The validation workspace's chart-and-documents view, composed here because features do not
 * import each other (STYLE.md §1): the chart viewer's banner and sections and the documents pane,
 * showing the exercise's chart with the workspace's Flag actions, instead of the app's chart.
 */
function AuditChartView(props: AuditViewProps) {
  const { chart, highlight, renderFactAction } = props;
  // A new value each render: the workspace re-renders on every pick and edit anyway.
  const controller: ChartViewController = {
    selectedFactRef: props.selectedFactRef,
    toggleFact: props.toggleFact,
    activeDocumentId: props.activeDocumentId,
    openDocument: props.openDocument,
    chartSection: props.chartSection,
    setChartSection: props.setChartSection,
    renderFactAction,
  };
  const documentHighlight: DocumentHighlight | null = highlight && {
    label: highlight.label,
    nonce: highlight.nonce,
    spansIn: (document) =>
      highlight.ref !== undefined
        ? document.spans.filter((s) => s.ref === highlight.ref)
        : (highlight.spans ?? []).filter((s) => s.documentId === document.id).map((s) => ({ start: s.start, end: s.end, field: 'evidence' })),
  };
  return (
    <ChartViewContext.Provider value={controller}>
      <ChartLayout
        chart={chart}
        stickyBanner={false}
        documentsPane={
          <DocumentsPanel
            chart={chart}
            activeDocumentId={props.activeDocumentId}
            onOpenDocument={props.openDocument}
            highlight={documentHighlight}
            onClearHighlight={props.clearHighlight}
            focusKey={props.documentFocusKey}
            renderDocumentAction={props.renderDocumentAction}
            idleText="Select a fact in the chart to highlight where the documents state it, or open a document from the list."
          />
        }
      />
    </ChartViewContext.Provider>
  );
}

/** The validation workspace as the exercise session's plug point takes it (exercise-workspaces.tsx). */
export function ValidationExerciseWorkspace(props: WorkspaceProps<ValidationExercise, ValidationAnswers>) {
  return <ValidationWorkspace {...props} AuditView={AuditChartView} />;
}
