import { Button, Group, NumberInput, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarRepeat } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type CadenceRead, type Frequency, statusApi, statusKeys } from '../../api/status-reports.ts';
import { formatDate } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

const FREQUENCIES = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'fortnightly', label: 'Fortnightly' },
  { value: 'monthly', label: 'Monthly' },
];

/** The project's reporting cadence in one line, and (for its program manager or the PMO) a popover to change it. */
export function CadenceEditor({
  projectId,
  cadence,
  canEdit,
}: {
  projectId: string;
  cadence: CadenceRead | undefined;
  canEdit: boolean;
}) {
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const current = cadence?.cadence;
  const [frequency, setFrequency] = useState<Frequency>(current?.frequency ?? 'monthly');
  const [anchorDate, setAnchorDate] = useState(current?.anchorDate ?? new Date().toISOString().slice(0, 10));
  const [graceDays, setGraceDays] = useState(current?.graceDays ?? 0);
  const save = useMutation({
    mutationFn: () => statusApi.setCadence(projectId, { frequency, anchorDate, graceDays }, current?.version),
    onSuccess: (saved) => {
      qc.setQueryData(statusKeys.cadence(projectId), saved);
      void qc.invalidateQueries({ queryKey: statusKeys.all });
      setOpened(false);
    },
  });
  const summary = current
    ? `Reports ${current.frequency}${current.graceDays ? ` (${current.graceDays} day${current.graceDays === 1 ? '' : 's'} of grace)` : ''}; next due ${formatDate(cadence?.nextDueDate)}`
    : 'No reporting cadence: this project is not expected to report on a schedule.';
  return (
    <Group gap="xs">
      <IconCalendarRepeat size={18} color="var(--mantine-color-dimmed)" />
      <Text size="sm" data-testid="cadence-summary">
        {summary}
      </Text>
      {canEdit && (
        <Popover
          opened={opened}
          onChange={setOpened}
          width={280}
          position="bottom-start"
          withArrow
          shadow="md"
        >
          <Popover.Target>
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => setOpened((o) => !o)}
              data-testid="edit-cadence"
            >
              {current ? 'Change' : 'Set cadence'}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap="xs">
              <Select
                label="Frequency"
                data={FREQUENCIES}
                value={frequency}
                onChange={(v) => setFrequency((v ?? 'monthly') as Frequency)}
                comboboxProps={{ withinPortal: false }}
              />
              <TextInput
                type="date"
                label="First due date"
                description="Later dues keep its weekday, or its day of the month"
                value={anchorDate}
                onChange={(e) => setAnchorDate(e.currentTarget.value)}
              />
              <NumberInput
                label="Grace days"
                min={0}
                max={30}
                value={graceDays}
                onChange={(v) => setGraceDays(Number(v || 0))}
              />
              <ProblemAlert error={save.error} />
              <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>
                Save cadence
              </Button>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
