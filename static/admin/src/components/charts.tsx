/** Small inline SVG charts; the numbers are always in a table beside them too. */
export function BarChart({ bars, label }: { bars: readonly { label: string; value: number; color?: string }[]; label: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 22;
  const labelWidth = 150;
  const width = 420;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={label}
      width={width}
      height={bars.length * row + 4}
      viewBox={`0 0 ${width} ${bars.length * row + 4}`}
    >
      {bars.map((b, i) => {
        const w = ((width - labelWidth - 40) * b.value) / max;
        return (
          <g key={b.label} transform={`translate(0 ${i * row + 2})`}>
            <text x={labelWidth - 6} y={14} textAnchor="end" className="chart__label">
              {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
            </text>
            <rect x={labelWidth} y={3} width={Math.max(b.value > 0 ? 2 : 0, w)} height={14} rx={2} fill={b.color ?? '#0052cc'} />
            <text x={labelWidth + w + 6} y={14} className="chart__value">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Two values per row side by side (met in green, missed in red). */
export function PairChart({
  rows,
  label,
  legend,
}: {
  rows: readonly { label: string; a: number; b: number }[];
  label: string;
  legend: [string, string];
}) {
  const max = Math.max(1, ...rows.map((r) => r.a + r.b));
  const width = 420;
  const labelWidth = 110;
  const row = 24;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={label}
      width={width}
      height={rows.length * row + 24}
      viewBox={`0 0 ${width} ${rows.length * row + 24}`}
    >
      {rows.map((r, i) => {
        const scale = (width - labelWidth - 60) / max;
        return (
          <g key={r.label} transform={`translate(0 ${i * row + 2})`}>
            <text x={labelWidth - 6} y={14} textAnchor="end" className="chart__label">
              {r.label}
            </text>
            <rect x={labelWidth} y={3} width={r.a * scale} height={14} fill="#00875a" />
            <rect x={labelWidth + r.a * scale} y={3} width={r.b * scale} height={14} fill="#de350b" />
            <text x={labelWidth + (r.a + r.b) * scale + 6} y={14} className="chart__value">
              {r.a} / {r.b}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${labelWidth} ${rows.length * row + 8})`}>
        <rect width={10} height={10} fill="#00875a" />
        <text x={14} y={9} className="chart__label">
          {legend[0]}
        </text>
        <rect x={110} width={10} height={10} fill="#de350b" />
        <text x={124} y={9} className="chart__label">
          {legend[1]}
        </text>
      </g>
    </svg>
  );
}
