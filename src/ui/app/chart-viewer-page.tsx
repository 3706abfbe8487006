import { useEffect } from 'react';
import { useAppStore } from '@/store/app-store';
import { sameRequest, type PatientRequest } from '@/store/patient-slice';
import { ChartViewer } from '@/ui/features/chart-viewer/chart-viewer';
import { PatientGeneratorForm } from '@/ui/features/patient-generator/patient-generator-form';
import { SourceDocumentsPane } from '@/ui/features/source-documents/source-documents-pane';
import { formatHash } from './routes';
import { requestFromParams, requestToParams } from './patient-link';
import type { SectionPageProps } from './sections';

/**
 * Chart viewer: the generate form, then the chart with its source documents. The URL fragment
 * names the patient (`#/chart?seed=42`), so a chart can be shared, bookmarked and reached with Back.
 */
export function ChartViewerPage({ route, navigate }: SectionPageProps) {
  const generatePatient = useAppStore((s) => s.generatePatient);
  const request = useAppStore((s) => s.request);
  const linked = route.params.toString();

  // Open the chart a link names, unless it is already on screen (or on its way).
  useEffect(() => {
    const wanted = requestFromParams(new URLSearchParams(linked));
    if (wanted && !sameRequest(wanted, useAppStore.getState().request)) void generatePatient(wanted);
  }, [linked, generatePatient]);

  const requestPatient = (next: PatientRequest) => {
    void generatePatient(next);
    navigate(formatHash({ section: route.section || 'chart', params: requestToParams(next) }));
  };

  const shareUrl = request
    ? `${window.location.origin}${window.location.pathname}${formatHash({ section: 'chart', params: requestToParams(request) })}`
    : undefined;

  return (
    <div className="page page--chart">
      <PatientGeneratorForm onRequest={requestPatient} shareUrl={shareUrl} />
      <ChartViewer documentsPane={<SourceDocumentsPane />} />
    </div>
  );
}
