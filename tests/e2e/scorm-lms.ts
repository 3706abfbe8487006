import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { repoRoot } from './audit-helpers';

/**
 * Shared by the e2e specs that run SCORM packages: unpacking a package, and a stub LMS (a small
 * static server with a host page that provides a recording SCORM 1.2 API, or scorm-again's, and
 * the package in an iframe).
 */

/** Writes a zip's entries under `dir`, as an LMS unpacks a package; returns the entries. */
export function unpackZip(zip: Uint8Array, dir: string): Record<string, Uint8Array> {
  const files = unzipSync(zip);
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return files;
}

/** A host page with a recording SCORM 1.2 API stub (window.API), the package in an iframe. */
const STUB_LMS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stub LMS</title><script>
window.scormCalls = [];
const data = { 'cmi.core.student_name': 'Lopez, Maria', 'cmi.core.student_id': 'S1001', 'cmi.core.lesson_status': 'not attempted', 'cmi.suspend_data': '' };
const rec = (name, args, result) => { window.scormCalls.push([name, ...args.map(String), result]); return result; };
window.API = {
  LMSInitialize: (a) => rec('LMSInitialize', [a], 'true'),
  LMSFinish: (a) => rec('LMSFinish', [a], 'true'),
  LMSGetValue: (e) => rec('LMSGetValue', [e], data[e] ?? ''),
  LMSSetValue: (e, v) => { data[e] = String(v); return rec('LMSSetValue', [e, v], 'true'); },
  LMSCommit: (a) => rec('LMSCommit', [a], 'true'),
  LMSGetLastError: () => '0',
  LMSGetErrorString: () => 'No error',
  LMSGetDiagnostic: () => '',
};
</script></head><body><main><h1>Stub LMS</h1><iframe id="sco" name="sco" title="Course content" src="/pkg/index.html" style="width:100%;height:900px;border:0"></iframe></main></body></html>`;

/** The same, with scorm-again's Scorm12API as the LMS: its validation checks every value the package sends. */
const SCORM_AGAIN_LMS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scorm-again LMS</title>
<script src="/scorm-again/scorm12.min.js"></script>
<script>window.API = new Scorm12API({ logLevel: 5, autocommit: false }); window.API.loadFromJSON({ core: { student_name: 'Lopez, Maria', student_id: 'S1001' } });</script>
</head><body><main><iframe id="sco" name="sco" title="Course content" src="/pkg/index.html" style="width:100%;height:900px;border:0"></iframe></main></body></html>`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.xml': 'application/xml', '.json': 'application/json' };

export interface StubLms {
  /** `${base}/lms.html`: the recording stub; `${base}/lms-again.html`: scorm-again. */
  base: string;
  close(): Promise<void>;
}

/** Serves an unpacked package under /pkg/ beside the two LMS host pages, on a free loopback port. */
export async function startStubLms(pkg: string): Promise<StubLms> {
  const root = normalize(pkg + sep);
  const scormAgain = join(repoRoot, 'node_modules/scorm-again/dist/scorm12.min.js');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string | Buffer, type = 'text/html') => {
      res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` });
      res.end(body);
    };
    if (url.pathname === '/lms.html') return send(200, STUB_LMS);
    if (url.pathname === '/lms-again.html') return send(200, SCORM_AGAIN_LMS);
    if (url.pathname === '/scorm-again/scorm12.min.js') return send(200, readFileSync(scormAgain), 'text/javascript');
    if (url.pathname.startsWith('/pkg/')) {
      const path = normalize(join(root, decodeURIComponent(url.pathname.slice(5))));
      if (!path.startsWith(root)) return send(403, 'no');
      try {
        return send(200, readFileSync(path), TYPES[extname(path)] ?? 'application/octet-stream');
      } catch {
        return send(404, 'not found');
      }
    }
    send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the package asked of the recording stub: [function, ...arguments, result]. */
export async function scormCalls(page: Page): Promise<string[][]> {
  return (await page.evaluate(() => (window as unknown as { scormCalls: string[][] }).scormCalls)) as string[][];
}
