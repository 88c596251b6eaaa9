import type { ReactNode, PointerEvent as ReactPointerEvent } from 'react';
import {
  CRITICAL,
  formatDay,
  type GanttColumns,
  isProjectRow,
  MILESTONE,
  projectOfRow,
  type RowModel,
  rowSpan,
  SUMMARY,
} from './gantt-model.ts';
import type { TimeScale } from './time-scale.ts';

export const ROW_HEIGHT = 28;
const BAR_HEIGHT = 14;
const COLORS = {
  bar: '#8fb8fa',
  barEdge: '#2872f0',
  progress: '#2872f0',
  critical: '#ff9a9a',
  criticalEdge: '#e03131',
  criticalProgress: '#e03131',
  summary: '#343a40',
  project: '#0b7285',
  baseline: '#adb5bd',
  link: '#5c7cfa',
  criticalLink: '#e03131',
  rowLine: '#f1f3f5',
  columnLine: '#e9ecef',
  weekend: '#f8f9fa',
  selected: '#e7f3ff',
  ghost: '#f08c00',
};

export type DragMode = 'move' | 'resize' | 'link';
export interface DragState {
  mode: DragMode;
  task: number;
  dx: number;
  /** Pointer position in timeline coordinates, for the link being drawn. */
  px: number;
  py: number;
}

interface BarsProps {
  data: GanttColumns;
  model: RowModel;
  scale: TimeScale;
  firstRow: number;
  lastRow: number;
  x0: number;
  x1: number;
  selected: number;
  showBaseline: boolean;
  editable: boolean;
  drag: DragState | null;
  /** Where a leveling preview would put tasks: task index → [start, finish] epoch minutes. */
  ghosts?: ReadonlyMap<number, readonly [number, number]>;
  onBarPointerDown: (event: ReactPointerEvent, task: number, mode: DragMode) => void;
  onBarDoubleClick: (task: number) => void;
}

/** Everything drawn in the visible window of the timeline: grid, baseline, bars, links, drag preview. */
export function GanttBars(props: BarsProps) {
  const { model, firstRow, lastRow, x0, x1 } = props;
  const y0 = firstRow * ROW_HEIGHT;
  const height = (lastRow - firstRow + 1) * ROW_HEIGHT;
  const width = Math.max(1, x1 - x0);
  return (
    <svg
      width={width}
      height={height}
      style={{ left: x0, top: y0 }}
      data-testid="gantt-bars"
      aria-label="Gantt bars"
      role="img"
    >
      <g transform={`translate(${-x0} ${-y0})`}>
        <Background {...props} />
        <Links {...props} />
        {rowsOf(model, firstRow, lastRow).map((row) => (
          <Row key={model.rows[row]} row={row} {...props} />
        ))}
        {props.drag && <DragPreview {...props} drag={props.drag} />}
      </g>
    </svg>
  );
}

function rowsOf(model: RowModel, first: number, last: number): number[] {
  const out: number[] = [];
  for (let row = first; row <= last && row < model.rows.length; row++) out.push(row);
  return out;
}

function Background({ model, scale, firstRow, lastRow, x0, x1, selected }: BarsProps) {
  const top = firstRow * ROW_HEIGHT;
  const bottom = Math.min(lastRow + 1, model.rows.length) * ROW_HEIGHT;
  const [, lower] = scale.tiers;
  const cells = scale.cells(lower === 'day' || lower === 'week' ? 'day' : lower, x0, x1);
  const shapes: ReactNode[] = [];
  for (const cell of cells) {
    if (scale.zoom === 'day' && cell.weekend)
      shapes.push(
        <rect
          key={`w${cell.x}`}
          x={cell.x}
          y={top}
          width={cell.width}
          height={bottom - top}
          fill={COLORS.weekend}
        />,
      );
  }
  const columnLines = scale
    .cells(lower, x0, x1)
    .map((cell) => (
      <line
        key={`c${cell.x}`}
        x1={Math.round(cell.x) + 0.5}
        x2={Math.round(cell.x) + 0.5}
        y1={top}
        y2={bottom}
        stroke={COLORS.columnLine}
      />
    ));
  const selectedRow = selected >= 0 ? model.rowOf[selected] : -1;
  return (
    <g>
      {shapes}
      {columnLines}
      {selectedRow >= firstRow && selectedRow <= lastRow && model.rows[selectedRow] === selected && (
        <rect
          x={x0}
          y={selectedRow * ROW_HEIGHT}
          width={x1 - x0}
          height={ROW_HEIGHT}
          fill={COLORS.selected}
        />
      )}
      {rowsOf(model, firstRow, lastRow).map((row) => (
        <line
          key={`r${row}`}
          x1={x0}
          x2={x1}
          y1={(row + 1) * ROW_HEIGHT - 0.5}
          y2={(row + 1) * ROW_HEIGHT - 0.5}
          stroke={COLORS.rowLine}
        />
      ))}
    </g>
  );
}

function Row({
  row,
  data,
  model,
  scale,
  showBaseline,
  editable,
  ghosts,
  onBarPointerDown,
  onBarDoubleClick,
}: BarsProps & { row: number }) {
  const item = model.rows[row];
  const span = rowSpan(data, item);
  if (!span) return null;
  const top = row * ROW_HEIGHT;
  const xs = scale.x(span[0]);
  const xf = Math.max(scale.x(span[1]), xs + 1);
  if (isProjectRow(item)) {
    const project = data.projects[projectOfRow(item)];
    return (
      <g data-project-bar={project.code}>
        <SummaryShape x={xs} y={top + 8} width={xf - xs} color={COLORS.project} thick />
        <text x={xf + 8} y={top + 18}>
          {project.code} · {project.name}
        </text>
      </g>
    );
  }
  const flags = data.tasks.flags[item];
  const critical = (flags & CRITICAL) !== 0;
  const baseline = showBaseline ? baselineOf(data, item, scale, top) : null;
  const ghost = ghosts?.get(item);
  // Room beneath the bar for the baseline or a leveling preview's ghost.
  const barTop = top + (ghost ? 3 : showBaseline ? 5 : 7);
  const name = data.tasks.name[item];
  const common = {
    'data-task': item,
    'data-critical': critical ? 'true' : 'false',
    'data-name': name,
    className: 'gantt-bar',
    'data-readonly': editable ? 'false' : 'true',
    onDoubleClick: () => onBarDoubleClick(item),
  };
  if (flags & SUMMARY) {
    return (
      <g {...common} data-kind="summary" onPointerDown={(e) => onBarPointerDown(e, item, 'link')}>
        {baseline}
        <SummaryShape
          x={xs}
          y={barTop + 2}
          width={xf - xs}
          color={critical ? COLORS.criticalEdge : COLORS.summary}
        />
        <text x={xf + 8} y={top + 18}>
          {name}
        </text>
      </g>
    );
  }
  if (flags & MILESTONE) {
    const cy = barTop + BAR_HEIGHT / 2;
    return (
      <g {...common} data-kind="milestone" onPointerDown={(e) => onBarPointerDown(e, item, 'move')}>
        {baseline}
        <Ghost span={ghost} scale={scale} top={top} name={name} />
        <path
          d={`M${xs} ${cy - 7} l7 7 l-7 7 l-7 -7 z`}
          fill={critical ? COLORS.criticalEdge : COLORS.summary}
          stroke="#fff"
          strokeWidth={1}
        />
        <text x={xs + 12} y={top + 18}>
          {formatDay(span[0])}
        </text>
        {editable && <LinkHandle x={xs + 11} y={cy} onDown={(e) => onBarPointerDown(e, item, 'link')} />}
      </g>
    );
  }
  const width = xf - xs;
  const progress = (width * data.tasks.percentComplete[item]) / 100;
  return (
    <g {...common} data-kind="task" onPointerDown={(e) => onBarPointerDown(e, item, 'move')}>
      {baseline}
      <Ghost span={ghost} scale={scale} top={top} name={name} />
      <rect
        data-bar="true"
        x={xs + 0.5}
        y={barTop + 0.5}
        width={Math.max(1, width - 1)}
        height={BAR_HEIGHT - 1}
        rx={2}
        fill={critical ? COLORS.critical : COLORS.bar}
        stroke={critical ? COLORS.criticalEdge : COLORS.barEdge}
      />
      {progress > 1 && (
        <rect
          x={xs + 0.5}
          y={barTop + 0.5}
          width={Math.max(1, progress - 1)}
          height={BAR_HEIGHT - 1}
          rx={2}
          fill={critical ? COLORS.criticalProgress : COLORS.progress}
          pointerEvents="none"
        />
      )}
      <text x={xf + 8} y={top + 18}>
        {name}
      </text>
      {editable && (
        <>
          <rect
            className="gantt-resize"
            x={xf - 5}
            y={barTop}
            width={7}
            height={BAR_HEIGHT}
            fill="transparent"
            onPointerDown={(e) => {
              e.stopPropagation();
              onBarPointerDown(e, item, 'resize');
            }}
          />
          <LinkHandle
            x={xf + 4}
            y={barTop + BAR_HEIGHT / 2}
            onDown={(e) => onBarPointerDown(e, item, 'link')}
          />
        </>
      )}
    </g>
  );
}

/** A leveling preview's new position: a dashed outline under the bar, joined to where it starts now. */
function Ghost({
  span,
  scale,
  top,
  name,
}: {
  span: readonly [number, number] | undefined;
  scale: TimeScale;
  top: number;
  name: string;
}) {
  if (!span) return null;
  const x = scale.x(span[0]);
  const ghost = {
    fill: 'rgba(240, 140, 0, 0.35)',
    stroke: COLORS.ghost,
    pointerEvents: 'none' as const,
    'data-testid': 'leveling-ghost',
    'data-ghost-of': name,
  };
  if (span[1] <= span[0])
    return <path d={`M${x} ${top + 17} l5 5 l-5 5 l-5 -5 z`} strokeWidth={1.5} {...ghost} />;
  const width = Math.max(2, scale.x(span[1]) - x);
  return (
    <rect
      x={x + 0.5}
      y={top + 18.5}
      width={width - 1}
      height={8}
      rx={1}
      strokeWidth={1.5}
      strokeDasharray="4 2"
      {...ghost}
    />
  );
}

function LinkHandle({ x, y, onDown }: { x: number; y: number; onDown: (e: ReactPointerEvent) => void }) {
  return (
    <circle
      className="gantt-link-handle"
      data-testid="link-handle"
      cx={x}
      cy={y}
      r={4}
      fill="#fff"
      stroke={COLORS.barEdge}
      strokeWidth={1.5}
      onPointerDown={(e) => {
        e.stopPropagation();
        onDown(e);
      }}
    />
  );
}

function SummaryShape({
  x,
  y,
  width,
  color,
  thick = false,
}: {
  x: number;
  y: number;
  width: number;
  color: string;
  thick?: boolean;
}) {
  const h = thick ? 8 : 6;
  return (
    <path
      d={`M${x} ${y} h${width} v${h + 5} l-5 -5 h${-(width - 10)} l-5 5 z`}
      fill={color}
      style={{ shapeRendering: 'geometricPrecision' }}
    />
  );
}

function baselineOf(data: GanttColumns, item: number, scale: TimeScale, top: number): ReactNode {
  const start = data.tasks.baselineStart[item];
  const finish = data.tasks.baselineFinish[item];
  if (start === null || finish === null) return null;
  const x = scale.x(start);
  if (finish <= start)
    return <path d={`M${x} ${top + 19} l4 4 l-4 4 l-4 -4 z`} fill={COLORS.baseline} data-baseline="true" />;
  return (
    <rect
      x={x}
      y={top + 20}
      width={Math.max(1, scale.x(finish) - x)}
      height={4}
      fill={COLORS.baseline}
      data-baseline="true"
    />
  );
}

/** Orthogonal connectors (MS Project style) for every link with an end in, or passing through, the window. */
function Links({ data, model, scale, firstRow, lastRow }: BarsProps) {
  const { from, to, type, id } = data.links;
  const paths: ReactNode[] = [];
  for (let k = 0; k < from.length; k++) {
    if (from[k] < 0 || to[k] < 0) continue;
    const ra = model.rowOf[from[k]];
    const rb = model.rowOf[to[k]];
    if (ra === rb || ra < 0 || rb < 0) continue;
    if (Math.min(ra, rb) > lastRow || Math.max(ra, rb) < firstRow) continue;
    // The tasks' own dates even when a folded summary or project shows them: a link keeps its place in time.
    const a = endpoints(data, from[k], scale);
    const b = endpoints(data, to[k], scale);
    if (!a || !b) continue;
    const t = type[k];
    const outOfFinish = t === 'FS' || t === 'FF';
    const intoStart = t === 'FS' || t === 'SS';
    const x1 = outOfFinish ? a[1] : a[0];
    const x2 = intoStart ? b[0] : b[1];
    const y1 = ra * ROW_HEIGHT + ROW_HEIGHT / 2;
    const y2 = rb * ROW_HEIGHT + ROW_HEIGHT / 2;
    const dOut = outOfFinish ? 1 : -1;
    const dIn = intoStart ? 1 : -1;
    const ax = Math.round(x1 + dOut * 8) + 0.5;
    const bx = Math.round(x2 - dIn * 8) + 0.5;
    let d: string;
    if (dOut !== dIn) {
      const corner = dOut < 0 ? Math.min(ax, bx) : Math.max(ax, bx);
      d = `M${x1} ${y1 + 0.5}H${corner}V${y2 + 0.5}H${x2}`;
    } else if (dIn * (bx - ax) >= 0) {
      d = `M${x1} ${y1 + 0.5}H${ax}V${y2 + 0.5}H${x2}`;
    } else {
      const mid = (ra < rb ? rb * ROW_HEIGHT : (rb + 1) * ROW_HEIGHT) + 0.5;
      d = `M${x1} ${y1 + 0.5}H${ax}V${mid}H${bx}V${y2 + 0.5}H${x2}`;
    }
    const critical =
      (data.tasks.flags[from[k]] & CRITICAL) !== 0 &&
      (data.tasks.flags[to[k]] & CRITICAL) !== 0 &&
      ra === model.rowOf[from[k]] &&
      model.rows[ra] === from[k];
    const color = critical ? COLORS.criticalLink : COLORS.link;
    paths.push(
      <g key={id[k]} className="gantt-link" data-link={t} data-critical={critical ? 'true' : 'false'}>
        <path d={d} stroke={color} />
        <path
          d={`M${x2} ${y2 + 0.5}l${-dIn * 6} -4v8z`}
          fill={color}
          stroke="none"
          style={{ shapeRendering: 'geometricPrecision' }}
        />
      </g>,
    );
  }
  return <g>{paths}</g>;
}

function endpoints(data: GanttColumns, item: number, scale: TimeScale): [number, number] | null {
  const span = rowSpan(data, item);
  if (!span) return null;
  const xs = scale.x(span[0]);
  if (!isProjectRow(item) && data.tasks.flags[item] & MILESTONE) return [xs - 7, xs + 7];
  return [xs, Math.max(scale.x(span[1]), xs + 1)];
}

function DragPreview({ data, model, scale, drag }: BarsProps & { drag: DragState }) {
  const row = model.rowOf[drag.task];
  const span = rowSpan(data, drag.task);
  if (!span) return null;
  const top = row * ROW_HEIGHT;
  const xs = scale.x(span[0]);
  const xf = Math.max(scale.x(span[1]), xs + 1);
  if (drag.mode === 'link')
    return (
      <line
        x1={xf + 4}
        y1={top + ROW_HEIGHT / 2}
        x2={drag.px}
        y2={drag.py}
        stroke={COLORS.barEdge}
        strokeDasharray="4 3"
        style={{ shapeRendering: 'geometricPrecision' }}
        pointerEvents="none"
      />
    );
  // Whole days, as the drop will be.
  const dayPx = scale.pxPerMinute * 1440;
  const dx = Math.round(drag.dx / dayPx) * dayPx;
  const x = drag.mode === 'move' ? xs + dx : xs;
  const width = drag.mode === 'resize' ? Math.max(2, xf - xs + dx) : xf - xs;
  return (
    <rect
      x={x}
      y={top + 5}
      width={width}
      height={ROW_HEIGHT - 10}
      rx={2}
      fill="rgba(40, 114, 240, 0.12)"
      stroke={COLORS.barEdge}
      strokeDasharray="4 3"
      pointerEvents="none"
      data-testid="drag-preview"
    />
  );
}
