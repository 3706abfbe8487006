import type { XapiStatement } from '@/domain/instructor/xapi';
import { XAPI_VERSION } from '@/domain/instructor/xapi';

/**
 * Sends xAPI statements to an LRS. OFF unless configured: with no endpoint (or `enabled: false`)
 * nothing is queued and no request is ever made. Statements wait in a queue (kept by the caller's
 * `store`, e.g. the settings table, so a closed tab does not lose them) and are POSTed in batches
 * to `<endpoint>/statements`; a failure that may pass (network, 408, 429, 5xx) is retried with
 * backoff, one that will not (400, 401, 403, 404…) stops and says why in plain words.
 */

export interface LrsConfig {
  enabled: boolean;
  /** The LRS's xAPI base, e.g. "https://lrs.school.edu/xapi/" (statements go to <endpoint>/statements). */
  endpoint: string;
  /** Basic auth key and secret as the LRS issues them; empty for none. */
  username: string;
  password: string;
}

export const LRS_OFF: LrsConfig = { enabled: false, endpoint: '', username: '', password: '' };

export function lrsConfigured(config: LrsConfig | null | undefined): config is LrsConfig {
  return !!config && config.enabled && /^https?:\/\/\S+$/i.test(config.endpoint.trim());
}

export type LrsErrorKind = 'network' | 'auth' | 'rejected' | 'not-found' | 'server' | 'config';

export class LrsError extends Error {
  constructor(
    readonly kind: LrsErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LrsError';
  }
}

export function statementsUrl(endpoint: string): string {
  return `${endpoint.trim().replace(/\/+$/, '')}/statements`;
}

function basicAuth(username: string, password: string): string | undefined {
  if (!username && !password) return undefined;
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** One POST of a batch. Resolves when the LRS stored it (200/204, or 409: it already has these ids). */
export async function postStatements(config: LrsConfig, statements: readonly XapiStatement[], fetchImpl: typeof fetch = fetch): Promise<void> {
  if (!lrsConfigured(config)) throw new LrsError('config', 'No LRS is configured (set an endpoint and switch reporting on).', false);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Experience-API-Version': XAPI_VERSION };
  const auth = basicAuth(config.username, config.password);
  if (auth) headers.Authorization = auth;
  let response: Response;
  try {
    response = await fetchImpl(statementsUrl(config.endpoint), { method: 'POST', headers, body: JSON.stringify(statements) });
  } catch (error) {
    throw new LrsError('network', `The LRS at ${config.endpoint} could not be reached (${(error as Error).message}). Check the address and the network; ChartLab will try again.`, true);
  }
  if (response.ok || response.status === 409) return;
  const detail = (await response.text().catch(() => '')).slice(0, 300);
  const s = response.status;
  if (s === 401 || s === 403) throw new LrsError('auth', `The LRS refused the credentials (HTTP ${s}). Check the key and secret in the LRS settings.`, false, s);
  if (s === 404) throw new LrsError('not-found', `The LRS has no statements resource at ${statementsUrl(config.endpoint)} (HTTP 404). Check the endpoint address.`, false, s);
  if (s === 408 || s === 429 || s >= 500) throw new LrsError('server', `The LRS is busy or failing (HTTP ${s}); ChartLab will try again.${detail ? ` ${detail}` : ''}`, true, s);
  throw new LrsError('rejected', `The LRS rejected the statements (HTTP ${s})${detail ? `: ${detail}` : '.'}`, false, s);
}

export interface QueueStore {
  load(): Promise<XapiStatement[]>;
  save(queue: XapiStatement[]): Promise<void>;
}

export function memoryQueueStore(initial: XapiStatement[] = []): QueueStore {
  let queue = [...initial];
  return {
    load: async () => [...queue],
    save: async (next) => {
      queue = [...next];
    },
  };
}

export interface FlushOutcome {
  sent: number;
  pending: number;
  error?: LrsError;
}

export interface XapiQueueOptions {
  config: () => LrsConfig | null | undefined;
  store: QueueStore;
  fetchImpl?: typeof fetch;
  /** Statements per POST (default 50). */
  batchSize?: number;
  /** Tries per flush for retryable failures (default 3), waiting `backoffMs * 2^n` between. */
  maxTries?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The outbox of statements: enqueue on submit, flush now and whenever the app starts. */
export class XapiQueue {
  private flushing: Promise<FlushOutcome> | null = null;
  constructor(private readonly options: XapiQueueOptions) {}

  /** Adds statements unless no LRS is configured (then they are dropped: reporting is off). */
  async enqueue(statements: readonly XapiStatement[]): Promise<boolean> {
    if (!lrsConfigured(this.options.config())) return false;
    const queue = await this.options.store.load();
    const known = new Set(queue.map((s) => s.id));
    await this.options.store.save([...queue, ...statements.filter((s) => !known.has(s.id))]);
    return true;
  }

  pending(): Promise<number> {
    return this.options.store.load().then((q) => q.length);
  }

  /** Sends what is queued, batch by batch; stops at the first failure and keeps the rest queued. */
  flush(): Promise<FlushOutcome> {
    this.flushing ??= this.run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async run(): Promise<FlushOutcome> {
    const config = this.options.config();
    let queue = await this.options.store.load();
    if (!lrsConfigured(config)) return { sent: 0, pending: queue.length };
    const batchSize = this.options.batchSize ?? 50;
    const maxTries = this.options.maxTries ?? 3;
    const backoff = this.options.backoffMs ?? 1000;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let sent = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      let lastError: LrsError | undefined;
      for (let attempt = 0; attempt < maxTries; attempt++) {
        try {
          await postStatements(config, batch, this.options.fetchImpl);
          lastError = undefined;
          break;
        } catch (error) {
          lastError = error instanceof LrsError ? error : new LrsError('network', (error as Error).message, true);
          if (!lastError.retryable) break;
          if (attempt < maxTries - 1) await sleep(backoff * 2 ** attempt);
        }
      }
      if (lastError) return { sent, pending: queue.length, error: lastError };
      queue = queue.slice(batch.length);
      await this.options.store.save(queue);
      sent += batch.length;
    }
    return { sent, pending: 0 };
  }
}
