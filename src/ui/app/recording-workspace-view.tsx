import type { RecordingExercise } from '@/domain/exercise/exercise-types';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { RecordingWorkspace, type RecordingDocumentsViewProps } from '@/ui/features/recording/recording-workspace';
import { DocumentsPanel, type DocumentHighlight } from '@/ui/features/source-documents/source-documents-pane';

/**
 * The recording workspace's documents: the shared documents pane over the exercise's documents,
 * composed here because features do not import each other (STYLE.md §1).
 */
function RecordingDocumentsView({ evidence, onClearEvidence, ...props }: RecordingDocumentsViewProps) {
  const highlight: DocumentHighlight | null = evidence && {
    label: evidence.label,
    nonce: evidence.nonce,
    spansIn: (document) => evidence.spans.filter((s) => s.documentId === document.id),
  };
  return <DocumentsPanel {...props} highlight={highlight} onClearHighlight={onClearEvidence} emptyText="This exercise has no source documents." />;
}

/** The recording workspace as the exercise session's plug point takes it (exercise-workspaces.tsx). */
export function RecordingExerciseWorkspace(props: WorkspaceProps<RecordingExercise, RecordingAnswers>) {
  return <RecordingWorkspace {...props} DocumentsView={RecordingDocumentsView} />;
}
