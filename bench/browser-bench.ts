import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import type { Figure } from './run-bench';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PORT = 4391;

/** Build the app and serve it with vite preview; the caller stops the server. */
export async function servePreview(): Promise<{ url: string; stop: () => void }> {
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  const server: ChildProcess = spawn('./node_modules/.bin/vite', ['preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => server.kill() };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Time to first render of a chart in real Chromium: from navigation to the patient banner being
 * painted, for a cold load (new page, code not cached) and for generating another patient in an
 * open app (warm: generator module loaded).
 */
export async function benchFirstRender(): Promise<Figure[]> {
  const server = await servePreview();
  const browser = await launchChromium();
  try {
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${server.url}/#/chart?seed=${1000 + i}`);
      await page.locator('section.banner').waitFor();
      cold.push(Date.now() - start);
      await context.close();
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/#/chart?seed=1`);
    await page.locator('section.banner').waitFor();
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const seed = 5000 + i;
      const ms = await page.evaluate(async (s) => {
        const t0 = performance.now();
        location.hash = `#/chart?seed=${s}`;
        for (;;) {
          await new Promise((r) => requestAnimationFrame(r));
          if (document.querySelector('section.banner')?.textContent?.includes('Seed ' + s)) break;
          if (performance.now() - t0 > 10000) break;
        }
        return performance.now() - t0;
      }, seed);
      warm.push(ms);
    }
    return [
      { name: 'first render of a chart, cold page load (median of 5)', value: `${percentile(cold, 50).toFixed(0)} ms` },
      { name: 'render another chart in the open app (p50 / p95 of 20)', value: `${percentile(warm, 50).toFixed(1)} / ${percentile(warm, 95).toFixed(1)} ms` },
    ];
  } finally {
    await browser.close();
    server.stop();
  }
}
