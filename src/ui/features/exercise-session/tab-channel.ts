/**
 * Notices between tabs of this browser about one exercise draft, over a BroadcastChannel where
 * the browser has one. They only make a tab look sooner: the draft revisions in the database
 * (saveDraft's check, in one transaction) decide what is a conflict, so a browser without
 * BroadcastChannel is just as safe and learns of the other tab on its next save.
 */
export type TabNotice =
  | { type: 'opened'; draftId: string; writerId: string }
  | { type: 'here'; draftId: string; writerId: string }
  | { type: 'closed'; draftId: string; writerId: string }
  | { type: 'saved'; draftId: string; writerId: string; revision: number };

const CHANNEL_NAME = 'chartlab-exercise-tabs';

export interface TabChannel {
  post(notice: TabNotice): void;
  close(): void;
}

function isNotice(value: unknown): value is TabNotice {
  const v = value as Partial<TabNotice> | null;
  return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.draftId === 'string' && typeof v.writerId === 'string';
}

/** Opens the channel (a no-op channel where BroadcastChannel is missing); close it when done. */
export function openTabChannel(onNotice: (notice: TabNotice) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent) => {
    if (isNotice(event.data)) onNotice(event.data);
  };
  let closed = false;
  return {
    post: (notice) => {
      if (closed) return;
      try {
        channel.postMessage(notice);
      } catch {
        // A closing page may refuse; the database check still holds.
      }
    },
    close: () => {
      closed = true;
      channel.close();
    },
  };
}
