import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type Lesson, useLessons, useSuggestedLessons } from '../../api/governance.ts';
import { humanize } from '../../lib/format.ts';

const KIND_COLORS: Record<Lesson['kind'], string> = {
  success: 'teal',
  problem: 'red',
  recommendation: 'blue',
};

/** One lesson as a compact card: what, where it came from, and why it is shown. */
export function LessonCard({
  lesson,
  reasons,
  actions,
}: {
  lesson: Lesson;
  reasons?: string[];
  actions?: React.ReactNode;
}) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="lesson-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap={6} mb={2}>
            <Badge size="xs" color={KIND_COLORS[lesson.kind]} variant="light">
              {humanize(lesson.kind)}
            </Badge>
            <Badge size="xs" color="gray" variant="outline">
              {lesson.category}
            </Badge>
            <Text size="xs" c="dimmed">
              {lesson.projectCode ? `${lesson.projectCode} · ` : ''}
              {humanize(lesson.source)}
            </Text>
          </Group>
          <Text fw={600} size="sm">
            {lesson.title}
          </Text>
          {lesson.body && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {lesson.body}
            </Text>
          )}
          <Group gap={4} mt={4}>
            {lesson.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="dot" color="gray">
                {tag}
              </Badge>
            ))}
            {lesson.risks.map((risk) => (
              <Badge key={risk.id} size="xs" variant="light" color="orange">
                risk: {risk.title}
              </Badge>
            ))}
            {reasons?.map((reason) => (
              <Badge key={reason} size="xs" variant="light" color="indigo">
                {reason}
              </Badge>
            ))}
          </Group>
        </div>
        {actions && <div style={{ flexShrink: 0 }}>{actions}</div>}
      </Group>
    </Paper>
  );
}

/** Lessons of similar projects, offered to this one. */
export function SuggestedLessons({ projectId }: { projectId: string }) {
  const suggested = useSuggestedLessons(projectId);
  const items = suggested.data ?? [];
  return (
    <Paper withBorder radius="sm" p="md" data-testid="suggested-lessons">
      <Title order={5} mb={4}>
        Lessons from similar projects
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Same methodology, business unit or portfolio, or words of this project's name.
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {suggested.isLoading ? 'Looking…' : 'No lessons of similar projects yet.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.slice(0, 5).map((lesson) => (
            <LessonCard key={lesson.id} lesson={lesson} reasons={lesson.reasons} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** The lessons this project has recorded, newest first. */
export function ProjectLessons({ projectId }: { projectId: string }) {
  const lessons = useLessons({ projectId, pageSize: 50, order: 'desc' });
  const items = lessons.data?.items ?? [];
  return (
    <Paper withBorder radius="sm" p="md" data-testid="project-lessons">
      <Title order={5} mb="sm">
        This project's lessons ({lessons.data?.total ?? 0})
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {lessons.isLoading
            ? 'Loading…'
            : 'None recorded yet. Capture one at a gate, at closure or at any time.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((lesson) => (
            <LessonCard key={lesson.id} lesson={lesson} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
