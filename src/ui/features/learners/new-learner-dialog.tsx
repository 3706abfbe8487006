import { useTrainerDB } from '@/db/db-context';
import { createLearner, setActiveLearner } from '@/db/learner-repo';
import { Dialog } from '@/ui/components/dialog';
import { LearnerNameForm } from './learner-name-form';

/** "New learner": creates a profile and makes it the active one. */
export function NewLearnerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const db = useTrainerDB();
  const create = async (name: string) => {
    const learner = await createLearner(db, name);
    await setActiveLearner(db, learner.id);
    onClose();
  };
  return (
    <Dialog open={open} title="New learner" onCancel={onClose} actions={null}>
      <p>Your work is saved under this name on this computer. There is no password: anyone using this computer can switch to it.</p>
      <LearnerNameForm label="Name" submitLabel="Create and switch" onSubmit={create} onCancel={onClose} />
    </Dialog>
  );
}
