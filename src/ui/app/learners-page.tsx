import { useTrainerDB } from '@/db/db-context';
import { downloadProgressFile } from '@/ui/components/progress-download';
import { ManageLearners } from '@/ui/features/learners/manage-learners';
import { RequireDatabase } from './require-database';

function Learners() {
  const db = useTrainerDB();
  return <ManageLearners onExport={(learnerId) => downloadProgressFile(db, learnerId)} />;
}

/** `#/learners`: rename and delete the profiles on this computer. */
export default function LearnersPage() {
  return (
    <RequireDatabase>
      <Learners />
    </RequireDatabase>
  );
}
