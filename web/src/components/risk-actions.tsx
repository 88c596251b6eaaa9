import { Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { riskEndpoints, useRiskActions, useRiskInvalidate } from '../api/risks.ts';
import { formatDate, humanize } from '../lib/format.ts';
import { EntitySelect } from './entity-select.tsx';
import { ProblemAlert } from './problem-alert.tsx';

const STATUSES = ['planned', 'in_progress', 'done', 'cancelled'].map((s) => ({
  value: s,
  label: humanize(s),
}));

/** A risk's response actions: owner, due date, status; overdue ones stand out. */
export function RiskActions({ riskId, canEdit }: { riskId: string; canEdit: boolean }) {
  const actions = useRiskActions(riskId);
  const invalidate = useRiskInvalidate();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const add = useMutation({
    mutationFn: () => riskEndpoints.addAction(riskId, { title, ownerId, dueDate: dueDate || null }),
    onSuccess: () => {
      setTitle('');
      setDueDate('');
      setOwnerId(null);
      return invalidate();
    },
  });
  const change = useMutation({
    mutationFn: (v: { id: string; version: number; status: string }) =>
      riskEndpoints.updateAction(v.id, v.version, { status: v.status }),
    onSuccess: () => invalidate(),
  });
  return (
    <Paper withBorder radius="sm" p="sm">
      <Table verticalSpacing={6} fz="sm" data-testid="risk-actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Action</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(actions.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.title}</Table.Td>
              <Table.Td>{a.ownerName ?? '—'}</Table.Td>
              <Table.Td>
                {formatDate(a.dueDate)}
                {a.overdue && (
                  <Badge ml={6} size="xs" color="red" variant="filled">
                    Overdue
                  </Badge>
                )}
              </Table.Td>
              <Table.Td w={160}>
                {canEdit ? (
                  <Select
                    size="xs"
                    data={STATUSES}
                    value={a.status}
                    allowDeselect={false}
                    aria-label={`Status of ${a.title}`}
                    onChange={(v) => v && change.mutate({ id: a.id, version: a.version, status: v })}
                  />
                ) : (
                  humanize(a.status)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {actions.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  No response actions yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Group gap="xs" mt="sm" align="flex-end">
            <TextInput
              size="xs"
              label="New action"
              placeholder="What will be done"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="action-title"
            />
            <EntitySelect
              collection="users"
              size="xs"
              label="Owner"
              w={180}
              value={ownerId}
              onChange={setOwnerId}
            />
            <TextInput
              size="xs"
              type="date"
              label="Due"
              value={dueDate}
              onChange={(e) => setDueDate(e.currentTarget.value)}
            />
            <Button size="xs" type="submit" leftSection={<IconPlus size={14} />} loading={add.isPending}>
              Add
            </Button>
          </Group>
          <ProblemAlert error={add.error ?? change.error} />
        </form>
      )}
    </Paper>
  );
}
