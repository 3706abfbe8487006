// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAssignment } from '@/domain/instructor/assignment';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { buildScormManifest, xmlId } from '@/lms/scorm-manifest';
import { buildScormZip, bundlesNeeded, playerDataFor, PLAYER_DATA_GLOBAL, playerDataScript, ScormPackageError } from '@/lms/scorm-package';
import { lookupShipped, syntheaAssignment, week3Assignment } from '../domain/instructor/instructor-fixtures';

const IMSCP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

const player = {
  'index.html': new TextEncoder().encode('<!doctype html><script src="./assignment.js"></script><script type="module" src="./assets/app.js"></script>'),
  'assets/app.js': new TextEncoder().encode('console.log("player")'),
  'assets/app.css': new TextEncoder().encode('body{}'),
};

function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}

describe('the SCORM 1.2 package', () => {
  it('has a well-formed imsmanifest.xml at the root naming every file of the zip in one SCO resource', async () => {
    const assignment = await week3Assignment();
    const zip = unzipSync(buildScormZip({ data: playerDataFor(assignment, lookupShipped), playerFiles: player, mtime: new Date('2026-07-01T00:00:00Z') }));
    expect(Object.keys(zip).sort()).toEqual(['assets/app.css', 'assets/app.js', 'assignment.js', 'imsmanifest.xml', 'index.html']);

    const doc = parseXml(strFromU8(zip['imsmanifest.xml']!));
    const manifest = doc.documentElement;
    expect(manifest.localName).toBe('manifest');
    expect(manifest.namespaceURI).toBe(IMSCP);
    expect(manifest.getAttribute('xmlns:adlcp')).toBe(ADLCP);
    expect(manifest.getAttribute('identifier')).toBe(`chartlab-week-3-audit-${assignment.checksum.slice(0, 8)}`);
    expect(doc.getElementsByTagNameNS(IMSCP, 'schema')[0]?.textContent).toBe('ADL SCORM');
    expect(doc.getElementsByTagNameNS(IMSCP, 'schemaversion')[0]?.textContent).toBe('1.2');

    const organizations = doc.getElementsByTagNameNS(IMSCP, 'organizations')[0]!;
    const organization = doc.getElementsByTagNameNS(IMSCP, 'organization')[0]!;
    expect(organizations.getAttribute('default')).toBe(organization.getAttribute('identifier'));
    const item = doc.getElementsByTagNameNS(IMSCP, 'item')[0]!;
    expect(item.getElementsByTagNameNS(IMSCP, 'title')[0]?.textContent).toBe('Week 3: identity and lab audit (HIT 110, Section B)');
    expect(item.getElementsByTagNameNS(ADLCP, 'masteryscore')[0]?.textContent).toBe('70');

    const resources = doc.getElementsByTagNameNS(IMSCP, 'resource');
    expect(resources).toHaveLength(1);
    const resource = resources[0]!;
    expect(item.getAttribute('identifierref')).toBe(resource.getAttribute('identifier'));
    expect(resource.getAttributeNS(ADLCP, 'scormtype')).toBe('sco');
    expect(resource.getAttribute('type')).toBe('webcontent');
    expect(resource.getAttribute('href')).toBe('index.html');
    const listed = Array.from(resource.getElementsByTagNameNS(IMSCP, 'file'), (f) => f.getAttribute('href'));
    expect(listed.sort()).toEqual(Object.keys(zip).filter((f) => f !== 'imsmanifest.xml').sort());
  });

  it('carries the assignment and every scenario in full, with the pass mark applied, in assignment.js', async () => {
    const assignment = await week3Assignment();
    const zip = unzipSync(buildScormZip({ data: playerDataFor(assignment, lookupShipped), playerFiles: player }));
    const script = strFromU8(zip['assignment.js']!);
    const json = script.slice(script.indexOf('= ') + 2, script.lastIndexOf(';'));
    const data = JSON.parse(json) as { assignment: { id: string }; scenarios: { id: string; passingScore: number }[] };
    expect(script).toContain(`window.${PLAYER_DATA_GLOBAL} = `);
    expect(data.assignment.id).toBe('week-3-audit');
    expect(data.scenarios.map((s) => [s.id, s.passingScore])).toEqual([
      ['mpi-duplicates-intro', 0.7],
      ['unit-check-drill', 0.7],
    ]);
  });

  it('escapes titles in XML and in the script', () => {
    const xml = buildScormManifest({ identifier: '1 odd id', title: 'Audit <1> & "2"', launch: 'index.html', files: ['index.html'] });
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).toContain('<title>Audit &lt;1&gt; &amp; &quot;2&quot;</title>');
    expect(xmlId('1 odd id')).toBe('id_1_odd_id');
    const script = playerDataScript({ assignment: { title: '</script><!-- */' } as never, scenarios: [] });
    expect(script).not.toMatch(/<\/script>|<!--/);
    expect(script).toContain('\\u003c/script>\\u003c!-- */');
  });

  it('[fixture] the e2e package’s assignment file still reads (its checksum matches this code)', async () => {
    const text = readFileSync(join(__dirname, 'fixtures/lab-audit.assignment.json'), 'utf8');
    const assignment = await readAssignment(text, DEFAULT_HASHING);
    expect(playerDataFor(assignment, lookupShipped).scenarios.map((s) => s.id)).toEqual(['unit-check-drill', 'lab-data-quality']);
  });

  it('refuses a scenario it does not have', async () => {
    const assignment = await week3Assignment();
    expect(() => playerDataFor(assignment, () => undefined)).toThrow(ScormPackageError);
  });

  it('carries the FHIR bundle of the scenarios on an imported chart once, under scenarios/, named in the manifest', async () => {
    const assignment = await syntheaAssignment();
    const data = playerDataFor(assignment, lookupShipped);
    expect(bundlesNeeded(data)).toEqual(['bundles/synthea-cris-rath.json']);
    const bundle = new Uint8Array(readFileSync(join(__dirname, '../../scenarios/bundles/synthea-cris-rath.json')));
    const zip = unzipSync(buildScormZip({ data, playerFiles: player, bundles: { 'bundles/synthea-cris-rath.json': bundle } }));
    expect(Object.keys(zip).sort()).toEqual(['assets/app.css', 'assets/app.js', 'assignment.js', 'imsmanifest.xml', 'index.html', 'scenarios/bundles/synthea-cris-rath.json']);
    expect(zip['scenarios/bundles/synthea-cris-rath.json']).toEqual(bundle);
    const resource = parseXml(strFromU8(zip['imsmanifest.xml']!)).getElementsByTagNameNS(IMSCP, 'resource')[0]!;
    const listed = Array.from(resource.getElementsByTagNameNS(IMSCP, 'file'), (f) => f.getAttribute('href'));
    expect(listed).toContain('scenarios/bundles/synthea-cris-rath.json');
    expect(listed.sort()).toEqual(Object.keys(zip).filter((f) => f !== 'imsmanifest.xml').sort());
    // The player finds the file by the scenario's own name for it.
    const script = strFromU8(zip['assignment.js']!);
    const scenarios = (JSON.parse(script.slice(script.indexOf('= ') + 2, script.lastIndexOf(';'))) as { scenarios: { id: string; patients: { bundle?: string } }[] }).scenarios;
    expect(scenarios.map((s) => [s.id, s.patients.bundle])).toEqual([
      ['synthea-chart-audit', 'bundles/synthea-cris-rath.json'],
      ['lab-data-quality', undefined],
      ['synthea-immunization-abstraction', 'bundles/synthea-cris-rath.json'],
    ]);
  });

  it('refuses to make a package without a bundle its scenarios need, naming the file and the item', async () => {
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    expect(() => buildScormZip({ data, playerFiles: player })).toThrow(
      new ScormPackageError('The chart file bundles/synthea-cris-rath.json (item 1, synthea-chart-audit) was not given to the packager, so the package would be incomplete.'),
    );
  });
});
