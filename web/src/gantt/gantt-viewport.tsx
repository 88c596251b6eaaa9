import {
  type PointerEvent as ReactPointerEvent,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { LinkAdd, LinkRemove, PlanEdit } from './gantt-api.ts';
import { type DragMode, type DragState, GanttBars, ROW_HEIGHT } from './gantt-bars.tsx';
import { dropEdit } from './gantt-drag.ts';
import { GanttGrid, GRID_WIDTH, GridHeader } from './gantt-grid.tsx';
import { GanttTimeHeader, HEADER_HEIGHT } from './gantt-header.tsx';
import { type GanttColumns, nowMinutes, type RowModel, type rollups, SUMMARY } from './gantt-model.ts';
import type { TimeScale } from './time-scale.ts';

const OVERSCAN_ROWS = 6;
const OVERSCAN_PX = 300;
// The drawn window moves in steps, so most scroll events change nothing React draws and the
// browser just scrolls what is already painted.
const ROW_STEP = 12;
const X_STEP = 400;

interface DrawnWindow {
  firstRow: number;
  lastRow: number;
  x0: number;
  x1: number;
}

function windowOf(
  top: number,
  left: number,
  viewport: { width: number; height: number },
  rowCount: number,
  timelineWidth: number,
): DrawnWindow {
  const firstRow = Math.max(0, Math.floor((top / ROW_HEIGHT - OVERSCAN_ROWS) / ROW_STEP) * ROW_STEP);
  const lastRow = Math.min(
    rowCount - 1,
    Math.ceil(((top + viewport.height - HEADER_HEIGHT) / ROW_HEIGHT + OVERSCAN_ROWS) / ROW_STEP) * ROW_STEP,
  );
  const x0 = Math.max(0, Math.floor((left - OVERSCAN_PX) / X_STEP) * X_STEP);
  const x1 = Math.min(
    timelineWidth,
    Math.ceil((left + Math.max(0, viewport.width - GRID_WIDTH) + OVERSCAN_PX) / X_STEP) * X_STEP,
  );
  return { firstRow, lastRow, x0, x1 };
}
const SCROLLBAR_ROOM = 18;
let firstBarsMarked = false;

export interface GanttViewportProps {
  scroller: RefObject<HTMLDivElement | null>;
  data: GanttColumns;
  model: RowModel;
  rolled: ReturnType<typeof rollups>;
  scale: TimeScale;
  selected: number;
  collapsed: ReadonlySet<string>;
  canEdit: boolean;
  height: number | string;
  statusDate: number | null;
  onToggle: (key: string) => void;
  onSelect: (task: number) => void;
  onOpen: (task: number) => void;
  onEdit: (change: PlanEdit | LinkAdd | LinkRemove) => void;
  ghosts?: ReadonlyMap<number, readonly [number, number]>;
}

/**
 * The scrolling part of the chart: it alone re-renders as the view scrolls, and draws only
 * the rows and pixels in view (plus a margin), so a frame costs the same at 50,000 tasks as at 50.
 */
export function GanttViewport({
  scroller,
  data,
  model,
  rolled,
  scale,
  selected,
  collapsed,
  canEdit,
  height,
  statusDate,
  onToggle,
  onSelect,
  onOpen,
  onEdit,
  ghosts,
}: GanttViewportProps) {
  const scroll = useRef({ top: 0, left: 0 });
  const [, setWindowKey] = useState('');
  const [viewport, setViewport] = useState({ width: 1200, height: 700 });
  const [drag, setDrag] = useState<DragState | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);

  // Marks the first painted frame with bars, for the benchmark (bench/gantt).
  useEffect(() => {
    if (firstBarsMarked || model.rows.length === 0) return;
    firstBarsMarked = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('gantt-first-bars'), 0));
  }, [model]);

  const onBarPointerDown = (event: ReactPointerEvent, task: number, mode: DragMode) => {
    if (event.button !== 0) return;
    onSelect(task);
    if (!canEdit) return;
    if (mode !== 'link' && data.tasks.flags[task] & SUMMARY) return;
    event.preventDefault();
    const element = scroller.current;
    if (!element) return;
    const startX = event.clientX;
    const toTimeline = (clientX: number, clientY: number) => {
      const box = element.getBoundingClientRect();
      return {
        px: clientX - box.left + element.scrollLeft - GRID_WIDTH,
        py: clientY - box.top + element.scrollTop - HEADER_HEIGHT,
      };
    };
    let state: DragState = { mode, task, dx: 0, ...toTimeline(event.clientX, event.clientY) };
    setDrag(state);
    const move = (e: PointerEvent) => {
      state = { ...state, dx: e.clientX - startX, ...toTimeline(e.clientX, e.clientY) };
      setDrag(state);
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setDrag(null);
      const target = (document.elementFromPoint(e.clientX, e.clientY) as Element | null)?.closest(
        '[data-task]',
      );
      const change = dropEdit(data, scale, state, target ? Number(target.getAttribute('data-task')) : -1);
      if (change) onEdit(change);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const rowsHeight = model.rows.length * ROW_HEIGHT;
  const { firstRow, lastRow, x0, x1 } = windowOf(
    scroll.current.top,
    scroll.current.left,
    viewport,
    model.rows.length,
    scale.width,
  );
  const onScroll = (element: HTMLDivElement) => {
    scroll.current = { top: element.scrollTop, left: element.scrollLeft };
    const next = windowOf(element.scrollTop, element.scrollLeft, viewport, model.rows.length, scale.width);
    // Same key, same state: React skips the render.
    setWindowKey(`${next.firstRow}:${next.lastRow}:${next.x0}:${next.x1}`);
  };
  const today = nowMinutes();

  return (
    <div
      ref={scroller as RefObject<HTMLDivElement>}
      className="gantt-scroller"
      style={{
        height:
          typeof height === 'number' ? Math.min(height, HEADER_HEIGHT + rowsHeight + SCROLLBAR_ROOM) : height,
      }}
      onScroll={(e) => onScroll(e.currentTarget)}
      data-testid="gantt-scroller"
    >
      <div
        style={{
          width: GRID_WIDTH + scale.width,
          height: HEADER_HEIGHT + rowsHeight,
          position: 'relative',
        }}
      >
        <div className="gantt-header" style={{ height: HEADER_HEIGHT, width: GRID_WIDTH + scale.width }}>
          <div className="gantt-corner" style={{ width: GRID_WIDTH }}>
            <GridHeader />
          </div>
          <div style={{ position: 'relative', width: scale.width, flex: 'none' }}>
            <GanttTimeHeader scale={scale} x0={x0} x1={x1} viewLeft={scroll.current.left} />
          </div>
        </div>
        <div style={{ display: 'flex', width: GRID_WIDTH + scale.width }}>
          <div
            className="gantt-grid"
            style={{ width: GRID_WIDTH, height: rowsHeight }}
            data-testid="gantt-grid"
          >
            <GanttGrid
              data={data}
              rolled={rolled}
              model={model}
              firstRow={firstRow}
              lastRow={lastRow}
              selected={selected}
              collapsed={collapsed}
              onToggle={onToggle}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          </div>
          <div className="gantt-body" style={{ width: scale.width, height: rowsHeight }}>
            <GanttBars
              data={data}
              model={model}
              scale={scale}
              firstRow={firstRow}
              lastRow={lastRow}
              x0={x0}
              x1={x1}
              selected={selected}
              showBaseline={data.baseline !== null}
              editable={canEdit}
              drag={drag}
              ghosts={ghosts}
              onBarPointerDown={onBarPointerDown}
              onBarDoubleClick={onOpen}
            />
            <DateLine
              x={scale.x(today)}
              height={rowsHeight}
              color="#fa5252"
              label="Today"
              testId="today-line"
            />
            {statusDate != null && (
              <DateLine
                x={scale.x(statusDate)}
                height={rowsHeight}
                color="#7048e8"
                label="Status date"
                testId="status-line"
                dashed
              />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function DateLine({
  x,
  height,
  color,
  label,
  testId,
  dashed = false,
}: {
  x: number;
  height: number;
  color: string;
  label: string;
  testId: string;
  dashed?: boolean;
}) {
  return (
    <div
      className="gantt-vline"
      title={label}
      data-testid={testId}
      style={{
        left: Math.round(x),
        height,
        borderLeft: `${dashed ? 1 : 2}px ${dashed ? 'dashed' : 'solid'} ${color}`,
      }}
    />
  );
}
