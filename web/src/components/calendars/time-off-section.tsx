import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useAddTimeOff, useRemoveTimeOff, useTimeOff } from '../../api/calendars.ts';
import { isApiError } from '../../api/client.ts';
import { formatDate } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/**
 * A resource's time off: ranges of days off kept on its own calendar (made on the first one), so the
 * capacity heatmap and leveling leave those days empty.
 */
export function TimeOffSection({ resourceId, canEdit }: { resourceId: string; canEdit: boolean }) {
  const timeOff = useTimeOff(resourceId);
  const add = useAddTimeOff(resourceId);
  const remove = useRemoveTimeOff(resourceId);
  const [values, setValues] = useState({ from: '', to: '', name: 'Vacation' });
  const fieldErrors = isApiError(add.error) ? add.error.fieldErrors() : {};
  const submit = () =>
    add.mutate(
      {
        from: values.from.trim(),
        to: (values.to || values.from).trim(),
        name: values.name.trim() || undefined,
      },
      { onSuccess: () => setValues({ from: '', to: '', name: 'Vacation' }) },
    );
  const rows = timeOff.data ?? [];
  return (
    <>
      <Table data-testid="time-off-table">
        <Table.Tbody>
          {rows.map((t) => (
            <Table.Tr key={t.id} data-time-off={t.name}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>
                {t.from === t.to ? formatDate(t.from) : `${formatDate(t.from)} – ${formatDate(t.to)}`}
              </Table.Td>
              {canEdit && (
                <Table.Td ta="right">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconX size={12} />}
                    loading={remove.isPending && remove.variables === t.id}
                    onClick={() => remove.mutate(t.id)}
                    aria-label={`Remove ${t.name} from ${t.from}`}
                    data-testid="remove-time-off"
                  >
                    Remove
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {timeOff.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No time off.
        </Text>
      )}
      {canEdit && (
        <Group gap="xs" align="flex-end" mt="xs">
          <TextInput
            size="xs"
            label="From"
            placeholder="YYYY-MM-DD"
            value={values.from}
            onChange={(e) => setValues({ ...values, from: e.currentTarget.value })}
            error={fieldErrors.from}
            w={130}
            data-testid="time-off-from"
          />
          <TextInput
            size="xs"
            label="To"
            placeholder="YYYY-MM-DD"
            value={values.to}
            onChange={(e) => setValues({ ...values, to: e.currentTarget.value })}
            error={fieldErrors.to}
            w={130}
            data-testid="time-off-to"
          />
          <TextInput
            size="xs"
            label="Name"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
            error={fieldErrors.name}
            w={180}
            data-testid="time-off-name"
          />
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={submit}
            loading={add.isPending}
            disabled={!values.from.trim()}
            data-testid="add-time-off"
          >
            Add time off
          </Button>
        </Group>
      )}
      <ProblemAlert error={add.error ?? remove.error} shownFields={['from', 'to', 'name']} />
    </>
  );
}
