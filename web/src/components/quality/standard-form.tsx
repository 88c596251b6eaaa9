import { Button, Group, Paper, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { qualityApi, useQualityMutation } from '../../api/quality.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/** A new quality standard: which projects it applies to, and its checklist, one item a line. */
export function StandardForm() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [projectType, setProjectType] = useState<string | null>(null);
  const [requiredFrom, setRequiredFrom] = useState<string | null>('light');
  const [checklist, setChecklist] = useState('');
  const add = useQualityMutation(
    () =>
      qualityApi.createStandard({
        code,
        name,
        projectType,
        requiredFrom,
        checklist: checklist
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      }),
    () => {
      setCode('');
      setName('');
      setChecklist('');
    },
  );
  return (
    <Paper withBorder radius="sm" p="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined);
        }}
      >
        <Stack gap="xs">
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              label="Code"
              w={110}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              data-testid="standard-code"
            />
            <TextInput
              size="xs"
              label="Name"
              style={{ flex: 1 }}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              size="xs"
              label="Project type"
              w={150}
              placeholder="Every type"
              clearable
              data={['predictive', 'agile', 'hybrid']}
              value={projectType}
              onChange={setProjectType}
            />
            <Select
              size="xs"
              label="Applies under"
              w={220}
              allowDeselect={false}
              data={[
                { value: 'light', label: 'all oversight levels' },
                { value: 'standard', label: 'standard and intensive' },
                { value: 'intensive', label: 'intensive only' },
              ]}
              value={requiredFrom}
              onChange={setRequiredFrom}
            />
          </Group>
          <Textarea
            size="xs"
            label="Checklist (one item a line)"
            autosize
            minRows={3}
            value={checklist}
            onChange={(e) => setChecklist(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              type="submit"
              leftSection={<IconPlus size={14} />}
              disabled={!code || !name}
              loading={add.isPending}
            >
              Add standard
            </Button>
          </Group>
          <ProblemAlert error={add.error} />
        </Stack>
      </form>
    </Paper>
  );
}
