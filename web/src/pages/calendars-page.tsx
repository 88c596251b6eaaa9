import { Alert, Badge, Button, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { type Calendar, useCalendar, useCalendars, useDeleteCalendar } from '../api/calendars.ts';
import { isApiError } from '../api/client.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { CalendarEditor } from '../components/calendars/calendar-editor.tsx';
import { formatIntervals } from '../components/calendars/week-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';

type Scope = 'organization' | 'resource' | 'project';
const DAY_LETTERS = ['S', 'M', 'T', 'W', 'T', 'F', 'S'];

/** "M–F 08:00–12:00, 13:00–17:00" style summary of a calendar's own week (inherited days shown as such). */
function weekSummary(c: Calendar): string {
  const own = c.week.map((d, wd) =>
    d === null ? null : `${DAY_LETTERS[wd]} ${d.length ? formatIntervals(d) : 'off'}`,
  );
  if (own.every((d) => d === null))
    return c.baseCalendarName ? `as ${c.baseCalendarName}` : 'no working days';
  const working = c.week.map((d) => (d?.length ? formatIntervals(d) : null));
  const distinct = new Set(working.filter(Boolean));
  if (distinct.size === 1 && c.week.every((d) => d !== null)) {
    const days = working.map((w, wd) => (w ? DAY_LETTERS[wd] : '')).join('');
    return `${days === 'MTWTF' ? 'Mon–Fri' : days} ${[...distinct][0]}`;
  }
  return own.filter(Boolean).join(' · ');
}

/**
 * The organization's calendars (and, on demand, the calendars of plans): work weeks, holidays, the
 * base each inherits from, and what uses each. PMO administrators keep them; everyone may read.
 */
export function CalendarsPage() {
  const { can } = usePermissions();
  const canEdit = can('admin');
  const [scope, setScope] = useState<Scope>('organization');
  const list = useCalendars({ pageSize: 200, sort: 'name', scope });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const detail = useCalendar(editing && editing !== 'new' ? editing : null);
  const remove = useDeleteCalendar();
  const rows = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Calendars' }]}
        title="Calendars"
        subtitle="Working weeks, holidays and inheritance; plans reschedule when a calendar they use changes"
        actions={
          canEdit && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="new-calendar"
            >
              New calendar
            </Button>
          )
        }
      />
      <Group mb="sm">
        <SegmentedControl
          size="xs"
          value={scope}
          onChange={(v) => setScope(v as Scope)}
          data={[
            { value: 'organization', label: 'Organization' },
            { value: 'resource', label: 'Resources' },
            { value: 'project', label: 'Plans' },
          ]}
        />
      </Group>
      <Paper withBorder radius="sm">
        <Table highlightOnHover data-testid="calendars-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Calendar</Table.Th>
              <Table.Th>Work week</Table.Th>
              <Table.Th>Base</Table.Th>
              <Table.Th ta="right">Exceptions</Table.Th>
              <Table.Th ta="right">Resources</Table.Th>
              <Table.Th ta="right">Projects</Table.Th>
              <Table.Th ta="right">Derived</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-calendar={c.name}>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => setEditing(c.id)}
                    data-testid="open-calendar"
                  >
                    {c.name}
                  </Button>
                  {c.isDefault && (
                    <Badge size="xs" ml={4} variant="light">
                      default
                    </Badge>
                  )}
                  {(c.projectName ?? c.resourceName) && (
                    <Text size="xs" c="dimmed" pl="xs">
                      {c.projectName ? `plan of ${c.projectName}` : `own calendar of ${c.resourceName}`}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{weekSummary(c)}</Text>
                  {c.workWeeks.length > 0 && (
                    <Text size="xs" c="dimmed" data-testid="work-weeks-count">
                      + {c.workWeeks.length} dated work week{c.workWeeks.length === 1 ? '' : 's'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{c.baseCalendarName ?? '—'}</Table.Td>
                <Table.Td ta="right">{c.exceptions.length}</Table.Td>
                <Table.Td ta="right">{c.usage.resources}</Table.Td>
                <Table.Td ta="right">{c.usage.projects}</Table.Td>
                <Table.Td ta="right">{c.usage.calendars}</Table.Td>
                <Table.Td ta="right">
                  {canEdit && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${c.name}`}
                      onClick={() => remove.mutate(c)}
                      loading={remove.isPending && remove.variables?.id === c.id}
                    >
                      <IconTrash size={12} />
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            No calendars yet.
          </Text>
        )}
      </Paper>
      {isApiError(remove.error, 409) ? (
        <Alert
          mt="sm"
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title="Calendar in use"
          data-testid="calendar-in-use"
        >
          {remove.error.problem.detail}
        </Alert>
      ) : (
        <ProblemAlert error={remove.error} />
      )}
      {editing === 'new' && <CalendarEditor calendar={null} onClose={() => setEditing(null)} />}
      {editing && editing !== 'new' && detail.data && (
        <CalendarEditor key={detail.data.id} calendar={detail.data} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
