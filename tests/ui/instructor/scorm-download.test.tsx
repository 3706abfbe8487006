// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssignmentFile } from '@/domain/instructor/assignment';
import { playerFileList } from '@/lms/player-files';
import { ScormDownload } from '@/ui/features/instructor/scorm-download';
import { lookupShipped, week3Assignment } from '../../domain/instructor/instructor-fixtures';

const PLAYER: Record<string, string> = {
  'index.html': '<!doctype html><script src="./assignment.js"></script><script type="module" src="./assets/app.js"></script>',
  'assets/app.js': 'console.log("player")',
};

/** The app's player folder as the server answers it; `hold` keeps the list pending until released. */
function playerServer(options: { hold?: Promise<void> } = {}) {
  const requests: string[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input), 'http://chartlab.test').pathname;
    requests.push(path);
    if (path === '/scorm-player/files.json') {
      await options.hold;
      return Response.json(playerFileList(Object.keys(PLAYER)));
    }
    const name = path.replace('/scorm-player/', '');
    return name in PLAYER ? new Response(PLAYER[name], { status: 200 }) : new Response('Not found', { status: 404 });
  });
  return { fetchFn, requests };
}

let blobs: Blob[] = [];
let downloads: string[] = [];
let assignment: AssignmentFile;

beforeEach(async () => {
  assignment = await week3Assignment();
  blobs = [];
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:scorm';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Download SCORM 1.2 package', () => {
  it('is busy while it fetches the player, then hands over the zip named after the assignment', async () => {
    const user = userEvent.setup();
    let release = () => {};
    const { fetchFn, requests } = playerServer({ hold: new Promise<void>((r) => (release = r)) });
    vi.stubGlobal('fetch', fetchFn);
    render(<ScormDownload assignment={assignment} lookupShipped={lookupShipped} bundleUrls={{}} />);
    const button = screen.getByRole('button', { name: 'Download SCORM 1.2 package' });
    expect(button).not.toHaveAttribute('aria-disabled');

    await user.click(button);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Preparing the SCORM package…');
    // A second click while busy starts nothing new.
    await user.click(button);
    expect(fetchFn).toHaveBeenCalledOnce();

    release();
    expect(await screen.findByText(/^Downloaded/)).toHaveTextContent(/Downloaded week-3-identity-and-lab-audit\.scorm12\.zip \(\d+\.\d kB\): upload it to your LMS/);
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(downloads).toEqual(['week-3-identity-and-lab-audit.scorm12.zip']);
    expect(requests).toEqual(['/scorm-player/files.json', '/scorm-player/assets/app.js', '/scorm-player/index.html']);
    expect(blobs[0]?.type).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(['assets/app.js', 'assignment.js', 'imsmanifest.xml', 'index.html']);
    expect(strFromU8(zip['imsmanifest.xml']!)).toContain('<title>Week 3: identity and lab audit (HIT 110, Section B)</title>');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says what went wrong when the player cannot be fetched, and can try again', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    render(<ScormDownload assignment={assignment} lookupShipped={lookupShipped} bundleUrls={{}} />);
    const button = screen.getByRole('button', { name: 'Download SCORM 1.2 package' });
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not reach the server ChartLab is served from to fetch the SCORM player (Failed to fetch). Check the connection to it and try again.',
    );
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(downloads).toEqual([]);

    vi.stubGlobal('fetch', playerServer().fetchFn);
    await user.click(button);
    await screen.findByText(/^Downloaded/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(downloads).toEqual(['week-3-identity-and-lab-audit.scorm12.zip']);
  });

  it('says the player is missing from this copy of ChartLab when the server has none', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('Not found', { status: 404 })));
    render(<ScormDownload assignment={assignment} lookupShipped={lookupShipped} bundleUrls={{}} />);
    await user.click(screen.getByRole('button', { name: 'Download SCORM 1.2 package' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/This copy of ChartLab has no SCORM player \(scorm-player\/files\.json: HTTP 404\)/);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('names the item it cannot pack without fetching anything', async () => {
    const user = userEvent.setup();
    const fetchFn = vi.fn();
    vi.stubGlobal('fetch', fetchFn);
    render(<ScormDownload assignment={assignment} lookupShipped={() => undefined} bundleUrls={{}} />);
    await user.click(screen.getByRole('button', { name: 'Download SCORM 1.2 package' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Item 1 names the scenario "mpi-duplicates-intro", which is not among the scenarios shipped with ChartLab.');
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
