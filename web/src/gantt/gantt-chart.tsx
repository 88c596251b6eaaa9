import { Alert, Badge, Button, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { IconCalendarEvent, IconFoldDown, IconFoldUp } from '@tabler/icons-react';
import {
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { type GanttSource, useBaselines, useGanttColumns, usePlanEdit } from './gantt-api.ts';
import { type DragMode, type DragState, GanttBars, ROW_HEIGHT } from './gantt-bars.tsx';
import { dropEdit } from './gantt-drag.ts';
import { GanttGrid, GRID_WIDTH, GridHeader } from './gantt-grid.tsx';
import { GanttTimeHeader, HEADER_HEIGHT } from './gantt-header.tsx';
import { buildRows, dataRange, nowMinutes, rollups, SUMMARY } from './gantt-model.ts';
import { TaskDrawer } from './task-drawer.tsx';
import { TimeScale, ZOOMS, type Zoom } from './time-scale.ts';
import './gantt.css';

const OVERSCAN_ROWS = 8;
const OVERSCAN_PX = 400;
const SCROLLBAR_ROOM = 18;
let firstBarsMarked = false;

export interface GanttChartProps {
  kind: 'project' | 'program';
  id: string;
  canEdit: boolean;
  /** CSS height of the chart area. */
  height?: number | string;
}

/**
 * The Gantt chart: WBS table and bars side by side in one scroller (the table sticks to the
 * left, the time axis to the top), both windowed to the rows and pixels in view, so a plan of
 * 50,000 tasks costs what 40 rows cost. Every edit goes to the API, which reschedules; the
 * chart then refetches the stored dates.
 */
export function GanttChart({ kind, id, canEdit, height = 'calc(100vh - 220px)' }: GanttChartProps) {
  const [zoom, setZoom] = useState<Zoom>(kind === 'program' ? 'month' : 'week');
  const [baseline, setBaseline] = useState<number | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [viewport, setViewport] = useState({ width: 1200, height: 700 });
  const [drag, setDrag] = useState<DragState | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const source: GanttSource = kind === 'project' ? { kind, id, baseline } : { kind, id };
  const query = useGanttColumns(source);
  const baselines = useBaselines(kind === 'project' ? id : null);
  const edit = usePlanEdit();
  const data = query.data;

  // Program view opens with each project folded to its summary bar.
  const [foldedProjects, setFoldedProjects] = useState(false);
  useEffect(() => {
    if (kind !== 'program' || !data || foldedProjects) return;
    setCollapsed(new Set(data.projects.map((p) => `project:${p.id}`)));
    setFoldedProjects(true);
  }, [kind, data, foldedProjects]);

  const model = useMemo(
    () => (data ? buildRows(data, collapsed, kind === 'program') : null),
    [data, collapsed, kind],
  );
  const range = useMemo(() => (data ? dataRange(data) : null), [data]);
  const rolled = useMemo(() => (data ? rollups(data) : null), [data]);
  const scale = useMemo(() => (range ? new TimeScale(zoom, range[0], range[1]) : null), [range, zoom]);
  const selected = useMemo(
    () => (data && selectedId ? data.tasks.id.indexOf(selectedId) : -1),
    [data, selectedId],
  );

  const hasData = data !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroller mounts once the data is in
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasData]);

  // Marks the first painted frame with bars, for the benchmark (bench/gantt).
  useEffect(() => {
    if (firstBarsMarked || !model || model.rows.length === 0) return;
    firstBarsMarked = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('gantt-first-bars'), 0));
  }, [model]);

  // Zooming keeps the date at the middle of the view where it was.
  const pendingCenter = useRef<number | null>(null);
  const changeZoom = (next: Zoom) => {
    if (scale && scroller.current)
      pendingCenter.current = scale.minutesAt(
        scroller.current.scrollLeft + (viewport.width - GRID_WIDTH) / 2,
      );
    setZoom(next);
  };
  useLayoutEffect(() => {
    if (pendingCenter.current === null || !scale || !scroller.current) return;
    scroller.current.scrollLeft = scale.x(pendingCenter.current) - (viewport.width - GRID_WIDTH) / 2;
    pendingCenter.current = null;
  }, [scale, viewport.width]);

  const scrollToDate = useCallback(
    (minutes: number) => {
      if (!scale || !scroller.current) return;
      scroller.current.scrollLeft = Math.max(0, scale.x(minutes) - (viewport.width - GRID_WIDTH) / 3);
    },
    [scale, viewport.width],
  );

  const onBarPointerDown = (event: ReactPointerEvent, task: number, mode: DragMode) => {
    if (event.button !== 0 || !data) return;
    setSelectedId(data.tasks.id[task]);
    if (!canEdit || !scale) return;
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
      if (change) edit.mutate(change);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  if (query.isLoading) return <Text c="dimmed">Loading the schedule…</Text>;
  if (query.error || !data || !model || !scale || !rolled) return <ProblemAlert error={query.error} />;

  const rowsHeight = model.rows.length * ROW_HEIGHT;
  const firstRow = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN_ROWS);
  const lastRow = Math.min(
    model.rows.length - 1,
    Math.ceil((scroll.top + viewport.height - HEADER_HEIGHT) / ROW_HEIGHT) + OVERSCAN_ROWS,
  );
  const viewWidth = Math.max(0, viewport.width - GRID_WIDTH);
  const x0 = Math.max(0, Math.floor(scroll.left - OVERSCAN_PX));
  const x1 = Math.min(scale.width, Math.ceil(scroll.left + viewWidth + OVERSCAN_PX));
  const today = nowMinutes();
  const statusDate = kind === 'project' ? data.projects[0]?.statusDate : null;
  const toggle = (key: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const collapseAll = () =>
    setCollapsed(
      new Set([
        ...data.projects.map((p) => `project:${p.id}`).filter(() => kind === 'program'),
        ...data.tasks.id.filter((_, i) => data.tasks.flags[i] & SUMMARY && data.tasks.depth[i] >= 0),
      ]),
    );
  const openTask = (task: number) => canEdit && setOpenTaskId(data.tasks.id[task]);
  const criticalCount = data.tasks.flags.reduce((n, f) => n + ((f & 4) !== 0 ? 1 : 0), 0);

  return (
    <div data-testid="gantt">
      <Group justify="space-between" mb="xs" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={zoom}
            onChange={(value) => changeZoom(value as Zoom)}
            data={ZOOMS.map((z) => ({ value: z, label: `${z[0].toUpperCase()}${z.slice(1)}s` }))}
            data-testid="gantt-zoom"
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCalendarEvent size={14} />}
            onClick={() => scrollToDate(today)}
          >
            Today
          </Button>
          <Button size="xs" variant="subtle" leftSection={<IconFoldUp size={14} />} onClick={collapseAll}>
            Collapse all
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconFoldDown size={14} />}
            onClick={() => setCollapsed(new Set())}
          >
            Expand all
          </Button>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="gantt-count">
            {data.tasks.id.length.toLocaleString('en')} tasks · {data.links.id.length.toLocaleString('en')}{' '}
            links
          </Text>
          <Badge size="sm" variant="light" color="red" radius="sm">
            {criticalCount.toLocaleString('en')} critical
          </Badge>
          {kind === 'project' && (
            <Select
              size="xs"
              w={200}
              placeholder="No baseline"
              clearable
              aria-label="Baseline"
              data-testid="gantt-baseline"
              value={baseline === null ? null : String(baseline)}
              onChange={(value) => setBaseline(value === null ? null : Number(value))}
              data={(baselines.data?.items ?? []).map((b) => ({
                value: String(b.number),
                label: `Baseline ${b.number}: ${b.name}`,
              }))}
            />
          )}
        </Group>
      </Group>
      {edit.error && (
        <div style={{ marginBottom: 8 }} data-testid="gantt-error">
          <ProblemAlert error={edit.error} onReload={() => edit.reset()} />
        </div>
      )}
      {data.tasks.id.length === 0 && (
        <Alert color="gray" mb="xs">
          No tasks yet. Add tasks through the API, the CLI or an MS Project import to see them here.
        </Alert>
      )}
      <div
        ref={scroller}
        className="gantt-scroller"
        style={{
          height:
            typeof height === 'number'
              ? Math.min(height, HEADER_HEIGHT + rowsHeight + SCROLLBAR_ROOM)
              : height,
        }}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
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
              <GanttTimeHeader scale={scale} x0={x0} x1={x1} viewLeft={scroll.left} />
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
                onToggle={toggle}
                onSelect={(task) => setSelectedId(data.tasks.id[task])}
                onOpen={openTask}
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
                onBarPointerDown={onBarPointerDown}
                onBarDoubleClick={openTask}
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
      <Group gap="md" mt={6}>
        <Legend color="#8fb8fa" label="Task" />
        <Legend color="#ff9a9a" label="Critical task" />
        <Legend color="#343a40" label="Summary / milestone" />
        {data.baseline !== null && <Legend color="#adb5bd" label={`Baseline ${data.baseline}`} />}
        <Legend color="#fa5252" label="Today" line />
        {statusDate != null && <Legend color="#7048e8" label="Status date" line />}
        {canEdit && (
          <Text size="xs" c="dimmed">
            Drag a bar to move it (sets Start No Earlier Than), its right edge to change the duration, the dot
            at its end onto another bar to link them; double-click to edit.
          </Text>
        )}
      </Group>
      {openTaskId && <TaskDrawer taskId={openTaskId} data={data} onClose={() => setOpenTaskId(null)} />}
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

function Legend({ color, label, line = false }: { color: string; label: string; line?: boolean }) {
  return (
    <Group gap={5} wrap="nowrap">
      <span
        style={{
          display: 'inline-block',
          width: line ? 2 : 14,
          height: line ? 12 : 8,
          borderRadius: line ? 0 : 2,
          background: color,
        }}
      />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
