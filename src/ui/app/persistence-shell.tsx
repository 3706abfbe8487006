import type { TrainerDBContextValue } from '@/db/db-context';
import { useActiveLearner, useLearners } from '@/db/use-learners';
import { downloadProgressFile } from '@/ui/components/progress-download';
import { LearnerPrompt } from '@/ui/features/learners/learner-prompt';
import { LearnerSwitcher } from '@/ui/features/learners/learner-switcher';
import { ImportProgress } from '@/ui/features/progress/progress-transfer';
import { StorageNotices } from '@/ui/features/storage/storage-notices';
import { useDatabaseVersionChanged } from './app-database';
import { LEARNERS_HASH, STORAGE_HASH } from './progress-links';

/*
 * The shell's pieces that need the database: the learner switcher in the header, the banners
 * about storage, and the "who's working?" prompt. App renders them only under a TrainerDBProvider
 * (component tests render the shell without one).
 */

export function HeaderLearner() {
  return <LearnerSwitcher manageHref={LEARNERS_HASH} storageHref={STORAGE_HASH} />;
}

export function AppNotices({ context }: { context: TrainerDBContextValue }) {
  const versionChanged = useDatabaseVersionChanged();
  const learner = useActiveLearner();
  return (
    <StorageNotices
      status={context.status}
      versionChanged={versionChanged}
      storageHref={STORAGE_HASH}
      {...(learner ? { onExport: () => downloadProgressFile(context.db, learner.id) } : {})}
    />
  );
}

/** Above the pages that keep a learner's work, while nobody is chosen. */
export function LearnerPromptSlot() {
  const learners = useLearners();
  return (
    <LearnerPrompt
      extra={
        learners && learners.length === 0 ? (
          <details className="learner-prompt__import">
            <summary>Moving from another computer? Import your progress file</summary>
            <ImportProgress activeLearner={null} learners={learners} />
          </details>
        ) : null
      }
    />
  );
}
