import type { TrainerDB } from '@/db/trainer-db';
import { buildItemStatements, type ItemAttemptFacts } from '@/domain/instructor/xapi';
import type { FlushOutcome } from '@/lms/xapi-client';
import { createAppXapiQueue } from '@/lms/xapi-settings';

/** One outbox per database (per tab), created on first use. */
const outboxes = new WeakMap<TrainerDB, ReturnType<typeof createAppXapiQueue>>();

export function getXapiOutbox(db: TrainerDB): ReturnType<typeof createAppXapiQueue> {
  let outbox = outboxes.get(db);
  if (!outbox) {
    outbox = createAppXapiQueue(db);
    outboxes.set(db, outbox);
  }
  return outbox;
}

/**
 * Queues and sends the statements for a submitted assignment item. Does nothing (no request)
 * unless an LRS is configured; failures stay queued and are retried on the next submit or from
 * the LRS settings.
 */
export async function reportItemAttempt(db: TrainerDB, facts: ItemAttemptFacts): Promise<FlushOutcome | null> {
  const outbox = getXapiOutbox(db);
  await outbox.refresh();
  if (!(await outbox.queue.enqueue(buildItemStatements(facts)))) return null;
  return outbox.queue.flush();
}
