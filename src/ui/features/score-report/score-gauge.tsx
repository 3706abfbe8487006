import { percent } from '@/ui/components/exercise-format';

const R = 52;
const C = 2 * Math.PI * R;

/** The overall score as a ring, with a tick at the pass mark. */
export function ScoreGauge({ score, passingScore, passed }: { score: number; passingScore: number; passed: boolean }) {
  const angle = passingScore * 2 * Math.PI - Math.PI / 2;
  const tick = (r: number) => ({ x: 60 + r * Math.cos(angle), y: 60 + r * Math.sin(angle) });
  const inner = tick(R - 12);
  const outer = tick(R + 12);
  return (
    <svg className={`score-gauge score-gauge--${passed ? 'pass' : 'fail'}`} viewBox="0 0 120 120" role="img" aria-label={`Score ${percent(score)}, pass mark ${percent(passingScore)}`}>
      <circle className="score-gauge__track" cx="60" cy="60" r={R} />
      <circle
        className="score-gauge__value"
        cx="60"
        cy="60"
        r={R}
        strokeDasharray={`${Math.max(0, Math.min(1, score)) * C} ${C}`}
        transform="rotate(-90 60 60)"
      />
      <line className="score-gauge__mark" x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} />
      <text className="score-gauge__text" x="60" y="60" textAnchor="middle" dominantBaseline="central">
        {percent(score)}
      </text>
    </svg>
  );
}
