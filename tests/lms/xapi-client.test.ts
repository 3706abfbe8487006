import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildItemStatements } from '@/domain/instructor/xapi';
import { LRS_OFF, memoryQueueStore, postStatements, XapiQueue, type LrsConfig } from '@/lms/xapi-client';

/** A stub LRS on 127.0.0.1 that records requests and answers with the next scripted status. */
interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

let server: Server;
let base = '';
const recorded: Recorded[] = [];
let script: number[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(status === 200 ? JSON.stringify(((recorded.at(-1)?.body as { id: string }[]) ?? []).map((s) => s.id)) : JSON.stringify({ error: `scripted ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  recorded.length = 0;
  script = [];
});

const statements = buildItemStatements({
  learner: { key: 'student:s1001', name: 'Maria López' },
  assignment: { id: 'week-3', title: 'Week 3', checksum: 'a'.repeat(64) },
  item: { index: 0, scenarioId: 'lab-data-quality', title: 'Laboratory data quality', summary: 'Labs.', seed: 10101 },
  attempt: { id: 'att-1', number: 1, startedAt: '2026-07-02T10:00:00.000Z', finishedAt: '2026-07-02T10:10:00.000Z', elapsedMs: 600_000 },
  score: { scaled: 0.5, passed: false, passingScore: 0.7 },
  homePage: 'http://127.0.0.1/',
});

const config = (): LrsConfig => ({ enabled: true, endpoint: base, username: 'key', password: 'sécret' });
const noSleep = async () => {};

describe('sending xAPI statements to an LRS', () => {
  it('POSTs the statements to <endpoint>/statements with the xAPI version header and basic auth', async () => {
    await postStatements(config(), statements);
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/xapi/statements');
    expect(request?.headers['x-experience-api-version']).toBe('1.0.3');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('key:sécret', 'utf8').toString('base64')}`);
    expect(request?.body).toEqual(statements);
  });

  it('makes no request at all while reporting is off (the default)', async () => {
    const queue = new XapiQueue({ config: () => LRS_OFF, store: memoryQueueStore() });
    expect(await queue.enqueue(statements)).toBe(false);
    expect(await queue.flush()).toEqual({ sent: 0, pending: 0 });
    await expect(postStatements(LRS_OFF, statements)).rejects.toMatchObject({ kind: 'config' });
    expect(recorded).toHaveLength(0);
  });

  it('retries a busy LRS with backoff and then empties the queue', async () => {
    script = [503, 500];
    const waits: number[] = [];
    const queue = new XapiQueue({ config, store: memoryQueueStore(), backoffMs: 10, sleep: async (ms) => void waits.push(ms) });
    await queue.enqueue(statements);
    await queue.enqueue(statements); // the same ids again are not queued twice
    expect(await queue.pending()).toBe(3);
    expect(await queue.flush()).toEqual({ sent: 3, pending: 0 });
    expect(recorded).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
  });

  it('stops on refused credentials with a plain message and keeps the statements queued', async () => {
    script = [401];
    const queue = new XapiQueue({ config, store: memoryQueueStore(), sleep: noSleep });
    await queue.enqueue(statements);
    const outcome = await queue.flush();
    expect(outcome.sent).toBe(0);
    expect(outcome.pending).toBe(3);
    expect(outcome.error?.kind).toBe('auth');
    expect(outcome.error?.message).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(recorded).toHaveLength(1);
  });

  it('explains a rejected statement batch and an unreachable LRS', async () => {
    script = [400];
    await expect(postStatements(config(), statements)).rejects.toThrow(/rejected the statements \(HTTP 400\): .*scripted 400/);
    const closed = { ...config(), endpoint: 'http://127.0.0.1:1/xapi' };
    await expect(postStatements(closed, statements)).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('sends in batches', async () => {
    const queue = new XapiQueue({ config, store: memoryQueueStore(), batchSize: 2, sleep: noSleep });
    await queue.enqueue(statements);
    expect(await queue.flush()).toEqual({ sent: 3, pending: 0 });
    expect(recorded.map((r) => (r.body as unknown[]).length)).toEqual([2, 1]);
  });
});
