import type { ComponentType } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import { isNoKnownAllergy } from '@/ui/components/chart-format';
import { Tabs } from '@/ui/components/tabs';
import { useChartSection } from './chart-view-context';
import { AllergiesSection } from './sections/allergies-section';
import { DocumentsSection } from './sections/documents-section';
import { EncountersSection } from './sections/encounters-section';
import { HistorySection } from './sections/history-section';
import { ImmunizationsSection } from './sections/immunizations-section';
import { LabsSection } from './sections/labs-section';
import { MedicationsSection } from './sections/medications-section';
import { ProblemsSection } from './sections/problems-section';
import { SummarySection } from './sections/summary-section';
import { VitalsSection } from './sections/vitals-section';

interface ChartSection {
  id: string;
  label: string;
  /** How many entries the section lists (or a word such as NKA), shown beside its name. */
  count?: (chart: Chart) => number | string;
  Section: ComponentType<{ chart: Chart }>;
}

/** Chart sections in the order an EHR's chart review shows them. */
export const CHART_SECTIONS: readonly ChartSection[] = [
  { id: 'summary', label: 'Summary', Section: SummarySection },
  { id: 'problems', label: 'Problems', count: (c) => c.conditions.length, Section: ProblemsSection },
  { id: 'medications', label: 'Medications', count: (c) => c.medications.length, Section: MedicationsSection },
  { id: 'allergies', label: 'Allergies', count: (c) => (c.allergies.some(isNoKnownAllergy) ? 'NKA' : c.allergies.length), Section: AllergiesSection },
  { id: 'immunizations', label: 'Immunizations', count: (c) => c.immunizations.length, Section: ImmunizationsSection },
  { id: 'vitals', label: 'Vitals', Section: VitalsSection },
  { id: 'labs', label: 'Labs', count: (c) => c.labs.length, Section: LabsSection },
  { id: 'encounters', label: 'Encounters', count: (c) => c.encounters.length, Section: EncountersSection },
  { id: 'history', label: 'History', Section: HistorySection },
  { id: 'documents', label: 'Documents', count: (c) => c.documents.length, Section: DocumentsSection },
];

export function ChartSections({ chart }: { chart: Chart }) {
  const [selectedId, setChartSection] = useChartSection();
  const current = CHART_SECTIONS.find((s) => s.id === selectedId) ?? (CHART_SECTIONS[0] as ChartSection);
  const items = CHART_SECTIONS.map((s) => {
    const count = s.count?.(chart);
    return {
      id: s.id,
      label: (
        <>
          <span className="tabs__label">{s.label}</span>
          {count !== undefined && (
            <>
              {' '}
              <span className="tabs__count">{count}</span>
            </>
          )}
        </>
      ),
    };
  });
  return (
    <div className="chart-sections">
      <Tabs label="Chart sections" items={items} selectedId={current.id} onSelect={setChartSection} idPrefix="chart" orientation="vertical">
        <current.Section chart={chart} />
      </Tabs>
    </div>
  );
}
