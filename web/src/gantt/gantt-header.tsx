import type { TimeScale } from './time-scale.ts';

export const HEADER_HEIGHT = 48;
const TIER = HEADER_HEIGHT / 2;

/** The two-tier time axis (month/day, month/week, year/month or year/quarter) over the visible window. */
export function GanttTimeHeader({
  scale,
  x0,
  x1,
  viewLeft,
}: {
  scale: TimeScale;
  x0: number;
  x1: number;
  viewLeft: number;
}) {
  const [upper, lower] = scale.tiers;
  const tiers = [
    { cells: scale.cells(upper, x0, x1), y: 0, upper: true },
    { cells: scale.cells(lower, x0, x1), y: TIER, upper: false },
  ];
  return (
    <svg width={Math.max(1, x1 - x0)} height={HEADER_HEIGHT} style={{ left: x0, top: 0 }} aria-hidden="true">
      <g transform={`translate(${-x0} 0)`}>
        <line x1={x0} x2={x1} y1={TIER - 0.5} y2={TIER - 0.5} stroke="#dee2e6" />
        {tiers.map((tier) =>
          tier.cells.map((cell) => {
            const x = Math.round(cell.x) + 0.5;
            // An upper label stays readable while its cell is partly scrolled off to the left.
            const labelX = tier.upper ? Math.max(cell.x, viewLeft) + 6 : cell.x + cell.width / 2;
            const fits = !tier.upper || labelX + 40 < cell.x + cell.width || cell.x >= viewLeft;
            return (
              <g key={`${tier.y}:${cell.x}`}>
                <line x1={x} x2={x} y1={tier.y} y2={tier.y + TIER} stroke="#dee2e6" />
                {fits && (
                  <text
                    x={labelX}
                    y={tier.y + 16}
                    textAnchor={tier.upper ? 'start' : 'middle'}
                    style={tier.upper ? { fontWeight: 600 } : undefined}
                    fill={!tier.upper && scale.zoom === 'day' && cell.weekend ? '#adb5bd' : undefined}
                  >
                    {cell.label}
                  </text>
                )}
              </g>
            );
          }),
        )}
      </g>
    </svg>
  );
}
