import { useAppStore } from '@/store/app-store';
import { FhirImport } from '@/ui/features/fhir-import/fhir-import';
import { formatHash } from './routes';
import type { SectionPageProps } from './sections';

/** Import: a FHIR file becomes the chart on screen; "Open in chart viewer" hands it over and goes there. */
export default function ImportPage({ navigate }: SectionPageProps) {
  const showImportedChart = useAppStore((s) => s.showImportedChart);
  return (
    <div className="page page--import">
      <FhirImport
        onOpenChart={(chart) => {
          showImportedChart(chart);
          navigate(formatHash({ section: 'chart' }));
        }}
      />
    </div>
  );
}
