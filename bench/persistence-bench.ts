import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from './browser-bench';
import type { PersistenceBenchApi as BenchApi } from './persistence-entry';
import type { Figure } from './run-bench';

/*
 * Persistence in real Chromium, on a profile on disk (an incognito-like context would keep
 * IndexedDB in memory and flatter the numbers). The page (bench/persistence-page.html) is built
 * by Vite into .tmp/ with the app's own config, so the db layer runs as the app ships it, and it
 * stays out of the app's bundle. Each figure is ChartLab's db layer (Dexie) beside the same work
 * done with raw IndexedDB calls on the same database in the same page.
 */

const OUT_DIR = resolve('.tmp/bench-persistence');
const ATTEMPTS = 10_000;



const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolvePromise({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const ms = (n: number) => (n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
const ratio = (dexie: number, raw: number) => `${(dexie / raw).toFixed(2)}×`;

export async function benchPersistence(): Promise<Figure[]> {
  await build({
    configFile: resolve('vite.config.ts'),
    root: resolve('bench'),
    base: './',
    logLevel: 'error',
    build: { outDir: OUT_DIR, emptyOutDir: true, rollupOptions: { input: resolve('bench/persistence-page.html') } },
  });
  const { url, server } = await serve(OUT_DIR);
  const profile = mkdtempSync(join(tmpdir(), 'chartlab-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/persistence-page.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const bench = <T>(fn: (api: BenchApi) => Promise<T>) => page.evaluate(`(${fn.toString()})(window.persistenceBench)`) as Promise<T>;

    const autosave = await bench((api) => api.autosave(300));
    const dashboard = await bench((api) => api.dashboard(10_000, 15));
    const allSummaries = await bench((api) => api.readAllSummaries(10_000));
    const imported = await bench((api) => api.bulkImport(10_000, 3));

    const saveP50 = percentile(autosave.dexie, 50);
    const saveP95 = percentile(autosave.dexie, 95);
    const rawP50 = percentile(autosave.raw, 50);
    const rawP95 = percentile(autosave.raw, 95);
    const dash = percentile(dashboard.dexie, 50);
    const dashRaw = percentile(dashboard.raw, 50);
    const best = imported.runs.reduce((a, b) => (b.total < a.total ? b : a));
    const merge = Math.min(...imported.runs.map((r) => r.merge));
    const rawMerge = Math.min(...imported.runs.map((r) => r.raw));
    const verify = Math.min(...imported.runs.map((r) => r.verify));
    return [
      {
        name: `autosave: saveDraft of a ${(autosave.bytes / 1024).toFixed(1)} KB draft, p50 / p95 of 300`,
        value: `${ms(saveP50)} / ${ms(saveP95)}`,
        target: 'p95 < 10 ms',
      },
      { name: '  same read-then-put with raw IndexedDB, p50 / p95', value: `${ms(rawP50)} / ${ms(rawP95)}` },
      { name: '  Dexie ÷ raw IndexedDB (p50, p95)', value: `${ratio(saveP50, rawP50)}, ${ratio(saveP95, rawP95)}`, target: '≤ 1.5×' },
      {
        name: `dashboard: getDashboard + first history page over ${dashboard.attempts.toLocaleString('en-US')} attempts, median of 15`,
        value: ms(dash),
        target: '< 100 ms',
      },
      { name: '  same work with raw IndexedDB (get the stats row, compute, index cursor)', value: ms(dashRaw) },
      { name: '  Dexie ÷ raw IndexedDB', value: ratio(dash, dashRaw), target: '≤ 1.5×' },
      {
        name: `  of the raw work: get the ${(dashboard.rowBytes / 1024).toFixed(0)} KB stats row / compute the figures, medians`,
        value: `${ms(percentile(dashboard.rowGet, 50))} / ${ms(percentile(dashboard.compute, 50))}`,
      },
      { name: `  reading every summary instead (before v3): raw getAll of ${(allSummaries.bytes / 1024 / 1024).toFixed(1)} MB, median of 5`, value: ms(allSummaries.getAll) },
      { name: `submitAttempt with ${dashboard.attempts.toLocaleString('en-US')} attempts stored (rewrites the stats row), p50 / max of 15`, value: `${ms(percentile(dashboard.submit, 50))} / ${ms(Math.max(...dashboard.submit))}` },
      {
        name: `bulk import of ${ATTEMPTS.toLocaleString('en-US')} attempts (${imported.megabytes.toFixed(0)} MB file), best of 3`,
        value: ms(best.total),
      },
      { name: '  of which the file check alone (parse, checksum, schema), best of 3', value: ms(verify) },
      { name: '  the write transaction alone (Dexie bulkGet/bulkAdd/bulkPut + stats row), best of 3', value: ms(merge) },
      { name: '  same writes with raw IndexedDB, best of 3', value: ms(rawMerge) },
      { name: '  Dexie ÷ raw IndexedDB (writes)', value: ratio(merge, rawMerge), target: '≤ 1.5×' },
    ];
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
