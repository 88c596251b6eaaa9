import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconX } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem } from '../api/queries.ts';
import { useBookings, useCancelBooking, useResourceAssignments } from '../api/resources.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { TimeOffSection } from '../components/calendars/time-off-section.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { RateTable } from '../components/resources/rate-table.tsx';
import { SkillsEditor } from '../components/resources/skills-editor.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { ResourceForm } from '../forms/resource-form.tsx';
import { formatDate, formatMoney } from '../lib/format.ts';
import { KIND_LABELS } from './resources-page.tsx';

const hours = (minutes: number) => `${Math.round(minutes / 6) / 10} h`;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A resource's bookings; its managers cancel one in two clicks (the request it filled reopens). */
function BookingTable({ resourceId, canEdit }: { resourceId: string; canEdit: boolean }) {
  const bookings = useBookings({ resourceId, pageSize: 200, sort: 'startDate' });
  const cancel = useCancelBooking();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <>
      <Table data-testid="bookings-table">
        <Table.Tbody>
          {(bookings.data?.items ?? []).map((b) => (
            <Table.Tr key={b.id} data-booking={b.projectCode}>
              <Table.Td>
                <Badge size="sm" color={b.kind === 'hard' ? 'blue' : 'gray'} variant="light">
                  {b.kind}
                </Badge>
              </Table.Td>
              <Table.Td>{b.projectCode}</Table.Td>
              <Table.Td>
                {formatDate(b.startDate)} – {formatDate(b.finishDate)}
              </Table.Td>
              <Table.Td ta="right">{Math.round(b.units * 100)}%</Table.Td>
              {canEdit && (
                <Table.Td ta="right">
                  {confirming === b.id ? (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        color="red"
                        loading={cancel.isPending}
                        onClick={() => cancel.mutate(b, { onSuccess: () => setConfirming(null) })}
                        data-testid="confirm-cancel-booking"
                      >
                        Cancel booking
                      </Button>
                      <Button size="compact-xs" variant="subtle" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                    </Group>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconX size={12} />}
                      onClick={() => {
                        cancel.reset();
                        setConfirming(b.id);
                      }}
                      data-testid="cancel-booking"
                    >
                      Cancel
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {bookings.data?.total === 0 && (
        <Text size="sm" c="dimmed">
          No bookings.
        </Text>
      )}
      <ProblemAlert error={cancel.error} />
    </>
  );
}

export function ResourcePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can, currency } = usePermissions();
  const item = useItem('resources', id);
  const assignments = useResourceAssignments(id);
  const [editing, setEditing] = useState(false);
  const [editingSkills, setEditingSkills] = useState(false);
  if (item.isLoading) return <PageLoader />;
  if (item.error || !item.data) return <LoadError error={item.error} what="resource" />;
  const resource = item.data.data;
  const canEdit = can('resource.manage', { businessUnitIds: [resource.businessUnitId] });
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Resources', to: '/resources' },
          { label: resource.name },
        ]}
        title={resource.name}
        subtitle={`${KIND_LABELS[resource.kind]} · ${resource.code}`}
        badges={!resource.active && <Badge color="gray">Inactive</Badge>}
        actions={
          canEdit && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
              data-testid="edit-resource"
            >
              Edit
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="sm" p="sm">
          <DetailFields
            fields={[
              { label: 'Role', value: resource.roleName ?? '—' },
              { label: 'Business unit', value: resource.businessUnitName ?? '—' },
              { label: 'Max units', value: `${Math.round(resource.maxUnits * 100)}%` },
              {
                label: 'Calendar',
                value: (
                  <AnchorLink to="/calendars" size="sm">
                    {resource.calendarName ?? 'Organization default'}
                  </AnchorLink>
                ),
              },
              { label: 'User', value: resource.userName ?? '—' },
              { label: 'Email', value: resource.email ?? '—' },
              {
                label: 'Skills',
                wide: true,
                value: (
                  <Group gap={4}>
                    {resource.skills.length === 0 && '—'}
                    {canEdit && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditingSkills(true)}
                        data-testid="edit-skills"
                      >
                        Edit skills
                      </Button>
                    )}
                    {resource.skills.map((s) => (
                      <Badge key={s.skillId} variant="light" color="indigo">
                        {s.skillName} · {s.proficiency}/5
                      </Badge>
                    ))}
                  </Group>
                ),
              },
            ]}
          />
        </Paper>
        <Section title="Time off">
          <TimeOffSection resourceId={id} canEdit={canEdit} />
        </Section>
        <Section title="Cost rates">
          <RateTable resourceId={id} canEdit={canEdit} currency={currency} />
        </Section>
        <Section title="Assignments">
          <Table data-testid="assignments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th>Task</Table.Th>
                <Table.Th>Start</Table.Th>
                <Table.Th>Finish</Table.Th>
                <Table.Th ta="right">Units</Table.Th>
                <Table.Th ta="right">Work</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(assignments.data?.items ?? []).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <AnchorLink to="/projects/$id" params={{ id: a.projectId }} size="sm">
                      {a.projectCode}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{a.taskName}</Table.Td>
                  <Table.Td>{formatDate(a.start)}</Table.Td>
                  <Table.Td>{formatDate(a.finish)}</Table.Td>
                  <Table.Td ta="right">{Math.round(a.units * 100)}%</Table.Td>
                  <Table.Td ta="right">{hours(a.workMinutes)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.cost, currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {assignments.data?.total === 0 && (
            <Text size="sm" c="dimmed">
              No assignments on projects you can see.
            </Text>
          )}
        </Section>
        <Section title="Bookings">
          <BookingTable resourceId={id} canEdit={canEdit} />
        </Section>
      </Stack>
      {editingSkills && (
        <SkillsEditor resourceId={id} skills={resource.skills} onClose={() => setEditingSkills(false)} />
      )}
      {editing && (
        <ResourceForm
          opened
          onClose={() => setEditing(false)}
          resource={resource}
          version={item.data.version}
        />
      )}
    </>
  );
}
