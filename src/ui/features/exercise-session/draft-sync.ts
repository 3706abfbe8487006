import { submitAttempt, type AttemptScenario } from '@/db/attempt-repo';
import { DraftConflictError, StorageFullError, type StoredDraftInfo } from '@/db/db-errors';
import { loadDraft, putDraftOnExit, saveDraft } from '@/db/draft-repo';
import { draftId, type Attempt, type Draft } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import type { AppState } from '@/store/app-store';
import type { ExerciseState } from '@/store/exercise-slice';
import { openTabChannel, type TabChannel, type TabNotice } from './tab-channel';

/** Answer edits are saved this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 400;
/** How often the clock is checkpointed while nothing else changes, so a crash loses at most this much time. */
export const TIMER_CHECKPOINT_MS = 5_000;
/** A case that was only looked at (no answer, under this long) gets no draft and no "Resume". */
export const DRAFT_AFTER_MS = 30_000;

export type ConflictReason = 'newer-elsewhere' | 'gone' | 'saved-earlier';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  /** The last save failed; the next change tries again. `full`: the disk or quota is full. */
  | { kind: 'error'; reason: string; message: string; full: boolean }
  /** Autosave stopped so that neither version is overwritten unseen; the learner chooses. */
  | { kind: 'conflict'; reason: ConflictReason; stored: StoredDraftInfo | null };

export interface DraftSyncSnapshot {
  /** 'ready' once the store holds this learner's case (restored from the draft or started fresh). */
  phase: 'loading' | 'ready';
  status: SaveStatus;
  /** The same case is open in another tab of this browser (BroadcastChannel notices). */
  otherTab: boolean;
  /** The draft was saved under another generator version, so the chart may differ from the one answered. */
  olderGenerator: boolean;
  /** A result scored before anyone was chosen, now shown to this learner and not yet in their progress. */
  unsavedResult: boolean;
}

/** The zustand store, as much of it as this needs (tests may pass their own). */
export interface ExerciseStore {
  getState(): AppState;
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void;
}

export interface DraftSyncOptions {
  db: TrainerDB;
  learnerId: string;
  /** This tab (createWriterId()). */
  writerId: string;
  scenario: AttemptScenario;
  seed: number;
  /** The built exercise's blank answers: tells "looked at" from "worked on". */
  emptyAnswers: Answers;
  store: ExerciseStore;
  /**
   * The assignment this case is an item of: its own draft (draftId), and the attempt is stored
   * with it. Absent for free practice.
   */
  assignmentId?: string;
}

const INITIAL: DraftSyncSnapshot = { phase: 'loading', status: { kind: 'idle' }, otherTab: false, olderGenerator: false, unsavedResult: false };

function storedInfo(draft: Draft): StoredDraftInfo {
  return { revision: draft.revision, writerId: draft.writerId, updatedAt: draft.updatedAt };
}

/** A save error in the learner's words: a short reason for the indicator and the whole story. */
export function describeSaveError(error: unknown): { reason: string; message: string; full: boolean } {
  if (error instanceof StorageFullError) return { reason: 'this browser is out of storage space', message: error.message, full: true };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'DatabaseClosedError') {
    return {
      reason: 'ChartLab was updated in another tab; reload this tab',
      message: 'ChartLab was updated in another tab, so this tab can no longer save. Reload it; your saved work is kept.',
      full: false,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { reason: 'the browser refused to save it', message: `ChartLab could not save your work: ${detail}`, full: false };
}

/**
 * Keeps one learner's exercise (the store's `exercise`) in step with its draft in the database:
 * restores it on open, autosaves edits (debounced) and the clock (checkpoints, and on hide /
 * pagehide), detects another tab's newer work through draft revisions, and submits. One instance
 * per session screen; `attach()` / `detach()` follow the component (React may attach twice).
 *
 * The rule that keeps work safe: a save names the revision it is based on, and the database
 * refuses it (DraftConflictError) when another tab wrote a newer one. Then autosave stops and the
 * learner chooses: load the other version, or keep this one (save over it knowingly).
 */
export class DraftSync {
  private snapshot: DraftSyncSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly id: string;
  private readonly emptyJson: string;
  private initializing: Promise<void> | null = null;
  private attached = false;
  private cleanups: (() => void)[] = [];
  private channel: TabChannel | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  /** Autosave is off after a conflict until the learner chooses, and after a submit. */
  private stopped = false;
  private submitting = false;
  private submitted = false;
  /** What the last successful save wrote (same object identity as the store's answers). */
  private lastSaved: { answers: Answers; elapsedMs: number } | null = null;
  /** The draft revision this tab last loaded or saved; mirrored into the store for a remount. */
  private revision = 0;
  /** The generator version the draft was started under (kept on the exit write, which doesn't read it). */
  private generatorVersion = GENERATOR_VERSION;
  /** The exercise captured by a flush while another save was running (the screen may be gone by then). */
  private queued: ExerciseState | null = null;
  /** The other tabs (writer ids) that said they have this case open. */
  private readonly otherWriters = new Set<string>();

  constructor(private readonly options: DraftSyncOptions) {
    this.id = draftId(options.learnerId, options.scenario.id, options.seed, options.assignmentId);
    this.emptyJson = JSON.stringify(options.emptyAnswers);
  }

  // --- external store for React (useSyncExternalStore) -------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DraftSyncSnapshot => this.snapshot;

  private update(patch: Partial<DraftSyncSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private setStatus(status: SaveStatus) {
    this.update({ status });
  }

  // --- the store's exercise --------------------------------------------------------------------

  private get kind() {
    return this.options.emptyAnswers.kind;
  }

  /** True when `ex` is this case (scenario, seed, assignment or none), whoever's it is. */
  private isThisCase(ex: ExerciseState): boolean {
    const { scenario, seed, assignmentId } = this.options;
    return ex.scenarioId === scenario.id && ex.seed === seed && ex.assignmentId === assignmentId && ex.answers?.kind === this.kind;
  }

  /** The store's exercise if it is this learner's case, else null. */
  private own(state: AppState = this.options.store.getState()): ExerciseState | null {
    const ex = state.exercise;
    return ex.learnerId === this.options.learnerId && this.isThisCase(ex) ? ex : null;
  }

  /** What the store's revision bookkeeping needs to find this case. */
  private get caseKey() {
    const { learnerId, scenario, seed, assignmentId } = this.options;
    return { learnerId, scenarioId: scenario.id, seed, ...(assignmentId === undefined ? {} : { assignmentId }) };
  }

  private loadStored(): Promise<Draft | null> {
    const { db, learnerId, scenario, seed, assignmentId } = this.options;
    return loadDraft(db, learnerId, scenario.id, seed, assignmentId);
  }

  private isBlank(answers: Answers): boolean {
    return JSON.stringify(answers) === this.emptyJson;
  }

  private restoreDraft(draft: Draft) {
    const { store, learnerId, scenario, seed, assignmentId } = this.options;
    this.lastSaved = { answers: draft.answers, elapsedMs: draft.elapsedMs };
    this.revision = draft.revision;
    this.generatorVersion = draft.generatorVersion ?? GENERATOR_VERSION;
    store.getState().restoreExercise({
      scenarioId: scenario.id,
      seed,
      ...(assignmentId === undefined ? {} : { assignmentId }),
      answers: draft.answers,
      startedAt: draft.startedAt,
      elapsedMs: draft.elapsedMs,
      status: 'working',
      report: null,
      learnerId,
      revision: draft.revision,
    });
    this.update({ olderGenerator: draft.generatorVersion !== undefined && draft.generatorVersion !== GENERATOR_VERSION });
  }

  // --- lifecycle -------------------------------------------------------------------------------

  /** Loads the draft (once) and starts listening. Safe to call again after detach(). */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    const { store } = this.options;
    this.channel = openTabChannel(this.onNotice);
    this.channel.post({ type: 'opened', draftId: this.id, writerId: this.options.writerId });

    this.cleanups.push(
      store.subscribe((state, previous) => {
        const ex = this.own(state);
        if (!ex) return;
        const before = previous.exercise;
        // "Try again" after a submit: a fresh case, saved as a new draft from the first edit.
        if (ex.status === 'working' && before.status === 'submitted') {
          this.submitted = false;
          this.stopped = false;
          this.lastSaved = null;
          this.revision = ex.revision ?? 0;
          this.update({ status: { kind: 'idle' }, unsavedResult: false });
          return;
        }
        if (ex.status === 'working' && ex.answers !== before.answers && this.snapshot.phase === 'ready') this.schedule(AUTOSAVE_DELAY_MS);
      }),
    );
    const checkpoint = setInterval(() => void this.save('timer'), TIMER_CHECKPOINT_MS);
    this.cleanups.push(() => clearInterval(checkpoint));
    if (typeof document !== 'undefined') {
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') void this.save('flush');
      };
      const notice = (type: 'opened' | 'closed') => this.channel?.post({ type, draftId: this.id, writerId: this.options.writerId });
      // A closed or reloaded tab never unmounts (detach() doesn't run): say so on pagehide, or the
      // other tab keeps its "also open in another tab" notice and stops checkpointing the clock.
      const onPageHide = () => {
        this.saveOnExit();
        notice('closed');
      };
      // Back from the back-forward cache: open again.
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted) notice('opened');
      };
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('pagehide', onPageHide);
      window.addEventListener('pageshow', onPageShow);
      this.cleanups.push(() => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', onPageHide);
        window.removeEventListener('pageshow', onPageShow);
      });
    }
    this.initializing ??= this.initialize();
  }

  /** Saves what is pending and stops listening (the session screen is going away). */
  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    void this.save('flush');
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.channel?.post({ type: 'closed', draftId: this.id, writerId: this.options.writerId });
    this.channel?.close();
    this.channel = null;
  }

  /** Settles once the store holds this learner's case (tests await it). */
  whenReady(): Promise<void> {
    return this.initializing ?? Promise.resolve();
  }

  private async initialize(): Promise<void> {
    const { learnerId, scenario, seed, store, assignmentId } = this.options;
    const current = store.getState().exercise;
    if (this.isThisCase(current) && current.learnerId === learnerId) {
      // Back on the page in the same tab: the store is at least as new as the draft.
      if (current.answers) this.lastSaved = { answers: current.answers, elapsedMs: current.elapsedMs };
      this.revision = current.revision ?? 0;
      this.update({ phase: 'ready' });
      void this.checkStored();
      return;
    }
    let draft: Draft | null = null;
    try {
      const stored = await this.loadStored();
      draft = stored && stored.answers.kind === this.kind ? stored : null;
    } catch (error) {
      this.setStatus({ kind: 'error', ...describeSaveError(error) });
    }
    const now = store.getState().exercise;
    const unsaved = now.learnerId === undefined && this.isThisCase(now) ? now : null;
    if (unsaved?.status === 'submitted') {
      // Scored before anyone was chosen: show it to this learner and offer to keep it.
      store.getState().restoreExercise({ ...unsaved, learnerId, revision: 0 });
      this.submitted = true;
      this.update({ phase: 'ready', unsavedResult: true });
      return;
    }
    if (unsaved?.answers && !this.isBlank(unsaved.answers)) {
      // Work done before a profile was chosen becomes this learner's. If they already had a
      // saved version of the case, neither is dropped: they choose.
      store.getState().restoreExercise({ ...unsaved, learnerId, revision: 0 });
      if (draft) {
        this.stopped = true;
        this.update({ phase: 'ready', status: { kind: 'conflict', reason: 'saved-earlier', stored: storedInfo(draft) } });
      } else {
        this.update({ phase: 'ready' });
        void this.save('flush');
      }
      return;
    }
    if (draft) this.restoreDraft(draft);
    else {
      store.getState().startExercise({
        scenarioId: scenario.id,
        seed,
        answers: this.options.emptyAnswers,
        startedAt: unsaved?.startedAt ?? Date.now(),
        learnerId,
        ...(assignmentId === undefined ? {} : { assignmentId }),
      });
    }
    this.update({ phase: 'ready', status: draft ? { kind: 'saved', at: draft.updatedAt } : this.snapshot.status });
    // Another tab may have saved between the read above and now.
    if (draft) void this.checkStored();
  }

  // --- saving ----------------------------------------------------------------------------------

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number) {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save('answers');
    }, delayMs);
  }

  /**
   * The page is going away (reload, closed tab, navigation): save what is on screen with a write
   * the browser finishes on its own (putDraftOnExit), when that is safe: no other tab has the case
   * open and no conflict is pending. Otherwise the ordinary save is tried and may not finish.
   */
  private saveOnExit(): void {
    if (this.stopped || this.submitting || this.submitted || this.snapshot.phase !== 'ready') return;
    if (this.snapshot.otherTab) {
      void this.save('flush');
      return;
    }
    const ex = this.own();
    if (!ex?.answers || ex.status !== 'working') return;
    if (ex.answers === this.lastSaved?.answers && ex.elapsedMs === this.lastSaved.elapsedMs) return;
    if (this.revision === 0 && this.isBlank(ex.answers) && ex.elapsedMs < DRAFT_AFTER_MS) return;
    const { db, learnerId, scenario, seed, writerId, store, assignmentId } = this.options;
    const now = Date.now();
    const revision = this.revision + 1;
    const draft: Draft = {
      id: this.id,
      learnerId,
      scenarioId: scenario.id,
      seed,
      answers: ex.answers,
      startedAt: ex.startedAt ?? now,
      elapsedMs: ex.elapsedMs,
      updatedAt: now,
      revision,
      writerId,
      generatorVersion: this.generatorVersion,
      ...(assignmentId === undefined ? {} : { assignmentId }),
    };
    if (!putDraftOnExit(db, draft)) return;
    // The page may stay (back-forward cache): carry on from the revision just written.
    this.revision = revision;
    this.lastSaved = { answers: ex.answers, elapsedMs: ex.elapsedMs };
    store.getState().setExerciseRevision({ ...this.caseKey, revision });
  }

  /** Saves now whatever is pending (tests and the submit path use it). */
  flush(): Promise<void> {
    return this.save('flush');
  }

  private async save(reason: 'answers' | 'timer' | 'flush', captured?: ExerciseState | null): Promise<void> {
    if (reason !== 'timer') this.clearTimer();
    if (this.stopped || this.submitting || this.submitted || this.snapshot.phase !== 'ready') return;
    // Read the store now, synchronously: a flush on leaving the page must save what was on screen,
    // even if the next screen has replaced the store's exercise by the time a running save ends.
    const ex = captured === undefined ? this.own() : captured;
    if (this.inFlight) {
      if (reason !== 'timer') this.queued = ex;
      return this.inFlight;
    }
    if (!ex?.answers || ex.status !== 'working') return;
    const revision = this.revision;
    const answersChanged = ex.answers !== this.lastSaved?.answers;
    const clockMoved = ex.elapsedMs - (this.lastSaved?.elapsedMs ?? 0);
    if (!answersChanged) {
      if (reason === 'answers' || clockMoved === 0) return;
      if (reason === 'timer' && Math.abs(clockMoved) < TIMER_CHECKPOINT_MS - 1000) return;
      // With the case open in another tab too, the clock alone never saves: that would make a
      // newer revision and tell the other tab it was "changed" when nobody touched an answer.
      // The time is saved with the next answer.
      if (this.snapshot.otherTab) return;
    }
    // Opening a case to look at it doesn't make a draft; an answer or half a minute does.
    if (revision === 0 && this.isBlank(ex.answers) && ex.elapsedMs < DRAFT_AFTER_MS) return;

    const { db, learnerId, scenario, seed, writerId, store, assignmentId } = this.options;
    const written = { answers: ex.answers, elapsedMs: ex.elapsedMs };
    if (answersChanged) this.setStatus({ kind: 'saving' });
    this.inFlight = (async () => {
      try {
        const saved = await saveDraft(db, learnerId, scenario.id, seed, written.answers, written.elapsedMs, {
          expectedRevision: revision,
          writerId,
          ...(ex.startedAt === null ? {} : { startedAt: ex.startedAt }),
          ...(assignmentId === undefined ? {} : { assignmentId }),
        });
        this.lastSaved = written;
        this.revision = saved;
        store.getState().setExerciseRevision({ ...this.caseKey, revision: saved });
        if (answersChanged || this.snapshot.status.kind !== 'saved') this.setStatus({ kind: 'saved', at: Date.now() });
        this.channel?.post({ type: 'saved', draftId: this.id, writerId, revision: saved });
      } catch (error) {
        this.onSaveError(error);
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
    const next = this.queued;
    if (next) {
      this.queued = null;
      await this.save('flush', next);
    }
  }

  private onSaveError(error: unknown) {
    if (error instanceof DraftConflictError) {
      this.stopped = true;
      this.clearTimer();
      this.setStatus({ kind: 'conflict', reason: error.reason, stored: error.stored });
      return;
    }
    this.setStatus({ kind: 'error', ...describeSaveError(error) });
  }

  // --- other tabs ------------------------------------------------------------------------------

  private onNotice = (notice: TabNotice) => {
    if (notice.draftId !== this.id || notice.writerId === this.options.writerId) return;
    switch (notice.type) {
      case 'opened':
        this.channel?.post({ type: 'here', draftId: this.id, writerId: this.options.writerId });
        this.otherWriters.add(notice.writerId);
        this.update({ otherTab: true });
        return;
      case 'here':
        this.otherWriters.add(notice.writerId);
        this.update({ otherTab: true });
        return;
      case 'closed':
        // Only when the last other tab on the case is gone.
        this.otherWriters.delete(notice.writerId);
        this.update({ otherTab: this.otherWriters.size > 0 });
        return;
      case 'saved':
        void this.checkStored();
        return;
    }
  };

  /** The live draft row changed (any tab): stop before saving over newer work. */
  onStoredDraft(stored: Draft | null | undefined): void {
    if (stored === undefined) return;
    if (stored && stored.writerId !== this.options.writerId && stored.revision > this.revision) void this.checkStored();
    else if (!stored && this.revision > 0) void this.checkStored();
  }

  /** Reads the draft now and flags a conflict if another tab moved it ahead or it is gone. */
  private async checkStored(): Promise<void> {
    if (this.stopped || this.submitting || this.submitted || this.snapshot.phase !== 'ready') return;
    const { writerId } = this.options;
    if (this.inFlight) await this.inFlight;
    const stored = await this.loadStored();
    const ex = this.own();
    if (!ex || ex.status !== 'working' || this.stopped || this.submitting || this.submitted || this.inFlight) return;
    const revision = this.revision;
    if (stored && stored.writerId !== writerId && stored.revision > revision) {
      this.stopped = true;
      this.clearTimer();
      this.setStatus({ kind: 'conflict', reason: 'newer-elsewhere', stored: storedInfo(stored) });
    } else if (!stored && revision > 0) {
      this.stopped = true;
      this.clearTimer();
      this.setStatus({ kind: 'conflict', reason: 'gone', stored: null });
    }
  }

  /** Conflict choice: show the saved version (another tab's, or the one saved earlier) instead of this tab's. */
  async loadSaved(): Promise<void> {
    const draft = await this.loadStored();
    if (!draft || draft.answers.kind !== this.kind) return this.keepMine();
    this.restoreDraft(draft);
    this.stopped = false;
    this.setStatus({ kind: 'saved', at: draft.updatedAt });
  }

  /** Conflict choice: keep this tab's version, saving it over the other one knowingly. */
  async keepMine(): Promise<void> {
    const stored = await this.loadStored();
    this.revision = stored?.revision ?? 0;
    this.options.store.getState().setExerciseRevision({ ...this.caseKey, revision: this.revision });
    this.stopped = false;
    this.lastSaved = null;
    this.setStatus({ kind: 'saving' });
    await this.save('flush');
  }

  // --- submitting ------------------------------------------------------------------------------

  /**
   * Stores the scored attempt and deletes the draft in one transaction (submitAttempt), with the
   * assignment id for an assignment item. Pass the same `attemptId` to retry after a failure: the
   * attempt is stored once. A DraftConflictError
   * (another tab saved newer work) leaves everything as it was and shows the conflict.
   */
  async submit(report: ScoreReport, attemptId: string): Promise<Attempt> {
    const { db, learnerId, scenario, seed, writerId, assignmentId } = this.options;
    this.submitting = true;
    this.clearTimer();
    try {
      if (this.inFlight) await this.inFlight;
      const ex = this.own();
      if (!ex?.answers) throw new Error('There is no exercise to submit.');
      const attempt = await submitAttempt(db, {
        id: attemptId,
        learnerId,
        scenario,
        seed,
        answers: ex.answers,
        report,
        startedAt: ex.startedAt ?? Date.now(),
        elapsedMs: ex.elapsedMs,
        ...(assignmentId === undefined ? {} : { assignmentId }),
        // A result adopted from before a profile was chosen has no draft of its own (revision 0):
        // if this learner has the case in progress elsewhere, that is refused, not deleted unseen.
        draft: { expectedRevision: this.revision, writerId },
      });
      this.submitted = true;
      this.update({ unsavedResult: false, status: { kind: 'idle' } });
      return attempt;
    } catch (error) {
      if (error instanceof DraftConflictError && !this.snapshot.unsavedResult) {
        this.stopped = true;
        this.setStatus({ kind: 'conflict', reason: error.reason, stored: error.stored });
      }
      throw error;
    } finally {
      this.submitting = false;
    }
  }
}
