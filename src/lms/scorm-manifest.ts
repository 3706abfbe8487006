/**
 * imsmanifest.xml for a SCORM 1.2 package: one organization with one item, launching one SCO
 * resource that lists every file in the package. Follows the ADL SCORM 1.2 Content Aggregation
 * Model: IMS CP 1.1.2 namespace, the adlcp 1.2 extension namespace, schemaversion 1.2, and
 * adlcp:scormtype="sco" on the resource; adlcp:masteryscore gives the LMS the pass mark.
 */

export interface ManifestInput {
  /** Unique per package; also used to build the organization, item and resource ids. */
  identifier: string;
  title: string;
  /** The launch page, relative to the package root. */
  launch: string;
  /** Every file in the package except imsmanifest.xml and the schema files. */
  files: readonly string[];
  /** 0 to 100. */
  masteryScore?: number;
  /** Minutes, as adlcp:maxtimeallowed (HH:MM:SS). */
  timeLimitMinutes?: number;
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** XML ids are NCNames: letters, digits, "-", "_", ".", not starting with a digit. */
export function xmlId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `id_${cleaned}`;
}

export function buildScormManifest(input: ManifestInput): string {
  const id = xmlId(input.identifier);
  const org = `ORG-${id}`;
  const item = `ITEM-${id}`;
  const resource = `RES-${id}`;
  const mastery = input.masteryScore === undefined ? '' : `\n        <adlcp:masteryscore>${Math.round(input.masteryScore)}</adlcp:masteryscore>`;
  const maxTime =
    input.timeLimitMinutes === undefined
      ? ''
      : `\n        <adlcp:maxtimeallowed>${String(Math.floor(input.timeLimitMinutes / 60)).padStart(2, '0')}:${String(input.timeLimitMinutes % 60).padStart(2, '0')}:00</adlcp:maxtimeallowed>\n        <adlcp:timelimitaction>continue,no message</adlcp:timelimitaction>`;
  const files = [...new Set(input.files)].sort().map((f) => `      <file href="${xmlEscape(f)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${xmlEscape(input.title)}</title>
      <item identifier="${item}" identifierref="${resource}" isvisible="true">
        <title>${xmlEscape(input.title)}</title>${mastery}${maxTime}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${resource}" type="webcontent" adlcp:scormtype="sco" href="${xmlEscape(input.launch)}">
${files.join('\n')}
    </resource>
  </resources>
</manifest>
`;
}
