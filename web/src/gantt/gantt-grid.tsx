import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { ROW_HEIGHT } from './gantt-bars.tsx';
import {
  formatDay,
  formatDuration,
  type GanttColumns,
  isProjectRow,
  projectOfRow,
  type RowModel,
  type rollups,
  SUMMARY,
} from './gantt-model.ts';

export const GRID_COLUMNS = [
  { key: 'wbs', title: 'WBS', width: 62 },
  { key: 'name', title: 'Task name', width: 190 },
  { key: 'duration', title: 'Dur.', width: 50, numeric: true },
  { key: 'start', title: 'Start', width: 74 },
  { key: 'finish', title: 'Finish', width: 74 },
  { key: 'percent', title: '%', width: 48, numeric: true },
] as const;
export const GRID_WIDTH = GRID_COLUMNS.reduce((sum, c) => sum + c.width, 0);

export function GridHeader() {
  return GRID_COLUMNS.map((column) => (
    <div key={column.key} style={{ width: column.width, textAlign: 'numeric' in column ? 'right' : 'left' }}>
      {column.title}
    </div>
  ));
}

interface GridProps {
  data: GanttColumns;
  rolled: ReturnType<typeof rollups>;
  model: RowModel;
  firstRow: number;
  lastRow: number;
  selected: number;
  collapsed: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onSelect: (task: number) => void;
  onOpen: (task: number) => void;
}

/** The WBS table beside the bars: only the rows in view are in the DOM. */
export function GanttGrid({
  data,
  rolled,
  model,
  firstRow,
  lastRow,
  selected,
  collapsed,
  onToggle,
  onSelect,
  onOpen,
}: GridProps) {
  const out = [];
  const last = Math.min(lastRow, model.rows.length - 1);
  for (let row = firstRow; row <= last; row++) {
    const item = model.rows[row];
    const style = { top: row * ROW_HEIGHT, height: ROW_HEIGHT };
    if (isProjectRow(item)) {
      const project = data.projects[projectOfRow(item)];
      const key = `project:${project.id}`;
      out.push(
        <div
          key={key}
          className="gantt-row"
          data-project="true"
          style={style}
          data-testid="gantt-project-row"
        >
          <div className="gantt-cell muted" style={{ width: GRID_COLUMNS[0].width }}>
            {project.code}
          </div>
          <div className="gantt-cell" style={{ width: GRID_COLUMNS[1].width }}>
            <Toggle open={!collapsed.has(key)} onClick={() => onToggle(key)} label={project.name} />
            {project.name}
          </div>
          <div className="gantt-cell" style={{ width: GRID_COLUMNS[2].width }} />
          <div className="gantt-cell" style={{ width: GRID_COLUMNS[3].width }}>
            {formatDay(project.start)}
          </div>
          <div className="gantt-cell" style={{ width: GRID_COLUMNS[4].width }}>
            {formatDay(project.finish)}
          </div>
        </div>,
      );
      continue;
    }
    const t = data.tasks;
    const summary = (t.flags[item] & SUMMARY) !== 0;
    out.push(
      // biome-ignore lint/a11y/useSemanticElements: windowed rows are absolutely placed, which table rows cannot be
      <div
        key={t.id[item]}
        className="gantt-row"
        style={style}
        data-selected={selected === item}
        data-summary={summary}
        data-task-row={t.name[item]}
        role="row"
        tabIndex={-1}
        onClick={() => onSelect(item)}
        onDoubleClick={() => onOpen(item)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onOpen(item);
        }}
      >
        <div className="gantt-cell muted" style={{ width: GRID_COLUMNS[0].width }}>
          {t.wbs[item]}
        </div>
        <div
          className="gantt-cell"
          style={{ width: GRID_COLUMNS[1].width, paddingLeft: 6 + t.depth[item] * 14 }}
          title={t.name[item]}
        >
          {summary ? (
            <Toggle
              open={!collapsed.has(t.id[item])}
              onClick={() => onToggle(t.id[item])}
              label={t.name[item]}
            />
          ) : (
            <span style={{ display: 'inline-block', width: 18 }} />
          )}
          {t.name[item]}
        </div>
        <div className="gantt-cell num" style={{ width: GRID_COLUMNS[2].width }} data-cell="duration">
          {formatDuration(rolled.durationMinutes[item])}
        </div>
        <div className="gantt-cell" style={{ width: GRID_COLUMNS[3].width }} data-cell="start">
          {formatDay(t.start[item])}
        </div>
        <div className="gantt-cell" style={{ width: GRID_COLUMNS[4].width }} data-cell="finish">
          {formatDay(t.finish[item])}
        </div>
        <div className="gantt-cell num" style={{ width: GRID_COLUMNS[5].width }}>
          {Math.round(rolled.percent[item])}%
        </div>
      </div>,
    );
  }
  return out;
}

function Toggle({ open, onClick, label }: { open: boolean; onClick: () => void; label: string }) {
  return (
    <button
      type="button"
      className="gantt-toggle"
      aria-label={`${open ? 'Collapse' : 'Expand'} ${label}`}
      aria-expanded={open}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {open ? <IconChevronDown size={13} /> : <IconChevronRight size={13} />}
    </button>
  );
}
