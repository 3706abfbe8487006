import { StoragePanel } from '@/ui/features/storage/storage-panel';
import { PROGRESS_HASH } from './progress-links';
import { RequireDatabase } from './require-database';

/** `#/storage`: where the work is kept and how much space it takes. */
export default function StoragePage() {
  return (
    <RequireDatabase>
      <StoragePanel progressHref={PROGRESS_HASH} />
    </RequireDatabase>
  );
}
