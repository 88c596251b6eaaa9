import { Alert, Badge, Button, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { IconCalendarEvent, IconFoldDown, IconFoldUp, IconScale } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ProblemAlert } from '../components/problem-alert.tsx';
import ganttCss from './gantt.css?inline';
import { type GanttSource, useBaselines, useGanttColumns, usePlanEdit } from './gantt-api.ts';
import { GRID_WIDTH } from './gantt-grid.tsx';
import { buildRows, CRITICAL, dataRange, nowMinutes, rollups, SUMMARY } from './gantt-model.ts';
import { GanttViewport } from './gantt-viewport.tsx';
import { type LevelingRunDetail, minutesOf } from './leveling-api.ts';
import { LevelingPanel } from './leveling-panel.tsx';
import { TaskDrawer } from './task-drawer.tsx';
import { TimeScale, ZOOMS, type Zoom } from './time-scale.ts';

// The chart's styles travel inside its script: as a separate stylesheet, Vite holds the lazy
// chunk back until the CSS arrives, and the server answers that after the chart's data.
if (typeof document !== 'undefined' && !document.getElementById('orrery-gantt-css')) {
  const style = document.createElement('style');
  style.id = 'orrery-gantt-css';
  style.textContent = ganttCss;
  document.head.append(style);
}

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
  const scroller = useRef<HTMLDivElement>(null);
  const source: GanttSource = kind === 'project' ? { kind, id, baseline } : { kind, id };
  const query = useGanttColumns(source);
  const baselines = useBaselines(kind === 'project' ? id : null);
  const edit = usePlanEdit();
  const data = query.data;
  const [leveling, setLeveling] = useState(false);
  const [levelingRun, setLevelingRun] = useState<LevelingRunDetail | null>(null);
  const ghosts = useMemo(() => {
    if (!data || !leveling || levelingRun?.status !== 'preview') return undefined;
    const index = new Map(data.tasks.id.map((taskId, i) => [taskId, i]));
    const out = new Map<number, readonly [number, number]>();
    for (const t of levelingRun.result.movedTasks) {
      const i = index.get(t.taskId);
      if (i !== undefined) out.set(i, [minutesOf(t.newStart), minutesOf(t.newFinish)]);
    }
    return out;
  }, [data, leveling, levelingRun]);

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
  const criticalCount = useMemo(
    () => (data ? data.tasks.flags.reduce((n, f) => n + ((f & CRITICAL) !== 0 ? 1 : 0), 0) : 0),
    [data],
  );
  const selected = useMemo(
    () => (data && selectedId ? data.tasks.id.indexOf(selectedId) : -1),
    [data, selectedId],
  );

  // Zooming keeps the date at the middle of the view where it was.
  const pendingCenter = useRef<number | null>(null);
  const changeZoom = (next: Zoom) => {
    if (scale && scroller.current)
      pendingCenter.current = scale.minutesAt(
        scroller.current.scrollLeft + (scroller.current.clientWidth - GRID_WIDTH) / 2,
      );
    setZoom(next);
  };
  useLayoutEffect(() => {
    const element = scroller.current;
    if (pendingCenter.current === null || !scale || !element) return;
    element.scrollLeft = scale.x(pendingCenter.current) - (element.clientWidth - GRID_WIDTH) / 2;
    pendingCenter.current = null;
  }, [scale]);

  const scrollToDate = useCallback(
    (minutes: number) => {
      const element = scroller.current;
      if (!scale || !element) return;
      element.scrollLeft = Math.max(0, scale.x(minutes) - (element.clientWidth - GRID_WIDTH) / 3);
    },
    [scale],
  );

  if (query.isLoading) return <Text c="dimmed">Loading the schedule…</Text>;
  if (query.error || !data || !model || !scale || !rolled) return <ProblemAlert error={query.error} />;

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
  const selectTask = (task: number) => setSelectedId(data.tasks.id[task]);

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
          {canEdit && (
            <Button
              size="xs"
              variant={leveling ? 'light' : 'default'}
              leftSection={<IconScale size={14} />}
              onClick={() => setLeveling((open) => !open)}
              data-testid="level-resources"
            >
              Level resources
            </Button>
          )}
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
      {leveling && (
        <LevelingPanel
          scope={{ scopeType: kind, scopeId: id }}
          shown={levelingRun}
          onShow={setLevelingRun}
          onClose={() => setLeveling(false)}
        />
      )}
      {data.tasks.id.length === 0 && (
        <Alert color="gray" mb="xs">
          No tasks yet. Add tasks through the API, the CLI or an MS Project import to see them here.
        </Alert>
      )}
      <GanttViewport
        scroller={scroller}
        data={data}
        model={model}
        rolled={rolled}
        scale={scale}
        selected={selected}
        collapsed={collapsed}
        canEdit={canEdit}
        height={height}
        statusDate={statusDate ?? null}
        onToggle={toggle}
        onSelect={selectTask}
        onOpen={openTask}
        onEdit={edit.mutate}
        ghosts={ghosts}
      />
      <Group gap="md" mt={6}>
        <Legend color="#8fb8fa" label="Task" />
        <Legend color="#ff9a9a" label="Critical task" />
        <Legend color="#343a40" label="Summary / milestone" />
        {data.baseline !== null && <Legend color="#adb5bd" label={`Baseline ${data.baseline}`} />}
        {ghosts && <Legend color="#f08c00" label="Leveled position (preview)" />}
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
