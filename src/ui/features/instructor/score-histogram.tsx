import { useId } from 'react';
import type { HistogramBin } from '@/domain/instructor/analytics';

/**
 * The class's total scores as a bar chart. The SVG is one image (role="img") named by its title
 * and described by a text that gives every band's count and the pass mark, so a screen reader
 * gets the same numbers as the bars.
 */
export function ScoreHistogram({ bins, passMark }: { bins: readonly HistogramBin[]; passMark: number }) {
  const id = useId();
  const width = 420;
  const height = 180;
  const pad = { left: 32, right: 8, top: 10, bottom: 34 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barW = plotW / bins.length;
  // Whole learners only: every count up to 4, else 0, the middle and the top.
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const label = (b: HistogramBin, i: number) => `${Math.round(b.from * 100)}–${i === bins.length - 1 ? 100 : Math.round(b.to * 100) - 1}%`;
  const description = bins.map((b, i) => `${label(b, i)}: ${b.count}`).join('; ');
  const passX = pad.left + passMark * plotW;
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} className="histogram__svg">
        <title id={`${id}-title`}>Distribution of total scores</title>
        <desc id={`${id}-desc`}>{`Learners per score band. ${description}. Pass mark ${Math.round(passMark * 100)}%.`}</desc>
        {ticks.map((t) => {
          const y = pad.top + plotH - (t / max) * plotH;
          return (
            <g key={t} className="histogram__grid">
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} />
              <text x={pad.left - 6} y={y + 4} textAnchor="end">
                {t}
              </text>
            </g>
          );
        })}
        {bins.map((b, i) => {
          const h = (b.count / max) * plotH;
          const x = pad.left + i * barW;
          return (
            <g key={i}>
              <rect className={`histogram__bar ${b.from + 1e-9 >= passMark ? 'histogram__bar--pass' : ''}`} x={x + 2} y={pad.top + plotH - h} width={barW - 4} height={h} />
              {b.count > 0 && (
                <text className="histogram__count" x={x + barW / 2} y={pad.top + plotH - h - 3} textAnchor="middle">
                  {b.count}
                </text>
              )}
              <text className="histogram__tick" x={x} y={height - pad.bottom + 14} textAnchor="middle">
                {Math.round(b.from * 100)}
              </text>
              {i === bins.length - 1 && (
                <text className="histogram__tick" x={x + barW} y={height - pad.bottom + 14} textAnchor="middle">
                  100
                </text>
              )}
            </g>
          );
        })}
        <line className="histogram__pass" x1={passX} x2={passX} y1={pad.top} y2={pad.top + plotH} />
        <text className="histogram__pass-label" x={Math.min(passX + 4, width - 60)} y={pad.top + 10}>
          pass {Math.round(passMark * 100)}%
        </text>
        <text className="histogram__axis" x={pad.left + plotW / 2} y={height - 4} textAnchor="middle">
          Total score (%)
        </text>
      </svg>
      <figcaption className="muted">Learners per 10-point band; bars at or above the pass mark are darker.</figcaption>
    </figure>
  );
}
