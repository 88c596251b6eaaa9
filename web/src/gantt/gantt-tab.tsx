import { Group, Text } from '@mantine/core';
import { IconArrowsMaximize } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { AnchorLink } from '../components/links.tsx';

const GanttChart = lazy(() => import('./gantt-chart.tsx').then((m) => ({ default: m.GanttChart })));

/** The Gantt tab of a project or program page; the chart's code loads only when the tab opens. */
export function GanttTab({
  kind,
  id,
  canEdit,
}: {
  kind: 'project' | 'program';
  id: string;
  canEdit: boolean;
}) {
  return (
    <>
      <Group justify="flex-end" mb={4}>
        {kind === 'project' ? (
          <AnchorLink to="/projects/$id/gantt" params={{ id }} size="xs" data-testid="gantt-full-page">
            <IconArrowsMaximize size={12} style={{ verticalAlign: -1 }} /> Open full page
          </AnchorLink>
        ) : (
          <AnchorLink to="/programs/$id/gantt" params={{ id }} size="xs" data-testid="gantt-full-page">
            <IconArrowsMaximize size={12} style={{ verticalAlign: -1 }} /> Open full page
          </AnchorLink>
        )}
      </Group>
      <Suspense fallback={<Text c="dimmed">Loading the Gantt chart…</Text>}>
        <GanttChart kind={kind} id={id} canEdit={canEdit} height={620} />
      </Suspense>
    </>
  );
}
