import { Button, Group, NumberInput, Paper, Select, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type OversightPolicy, qualityApi, useQualityMutation, useQualityQuery } from '../../api/quality.ts';
import { ProblemAlert } from '../problem-alert.tsx';

const LEVELS = ['intensive', 'standard', 'light'] as const;
const CADENCES = ['weekly', 'fortnightly', 'monthly'];
const GATES = [
  { value: 'all', label: 'every gate' },
  { value: 'major', label: 'major gates' },
  { value: 'none', label: 'no gate' },
];

/** The organization's oversight policy: which levels get which oversight, and what each oversight means. */
export function OversightPolicyPanel({ canEdit }: { canEdit: boolean }) {
  const policy = useQualityQuery(['policy'], qualityApi.oversightPolicy);
  const [draft, setDraft] = useState<OversightPolicy | null>(null);
  useEffect(() => setDraft(policy.data ?? null), [policy.data]);
  const save = useQualityMutation(() => {
    const { version, ...values } = draft as OversightPolicy;
    return qualityApi.saveOversightPolicy(version, values);
  });
  if (!draft) return null;
  const set = (patch: Partial<OversightPolicy>) => setDraft({ ...draft, ...patch });
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="oversight-policy">
      <Group gap="xs" mb="xs" align="flex-end">
        <Text size="sm">Intensive below level</Text>
        <NumberInput
          size="xs"
          w={70}
          min={2}
          max={5}
          value={draft.standardFrom}
          disabled={!canEdit}
          onChange={(v) => set({ standardFrom: Number(v) })}
          aria-label="Standard from level"
        />
        <Text size="sm">, light from level</Text>
        <NumberInput
          size="xs"
          w={70}
          min={2}
          max={6}
          value={draft.lightFrom}
          disabled={!canEdit}
          onChange={(v) => set({ lightFrom: Number(v) })}
          aria-label="Light from level"
        />
        <Text size="xs" c="dimmed">
          (6: never light); never assessed counts as standard
        </Text>
      </Group>
      <Table fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Oversight</Table.Th>
            <Table.Th>Status reports</Table.Th>
            <Table.Th>PMO reviews</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {LEVELS.map((level) => (
            <Table.Tr key={level}>
              <Table.Td>{level}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={140}
                  data={CADENCES}
                  value={draft[`${level}Cadence`]}
                  disabled={!canEdit}
                  allowDeselect={false}
                  onChange={(v) => v && set({ [`${level}Cadence`]: v })}
                  aria-label={`${level} cadence`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={140}
                  data={GATES}
                  value={draft[`${level}Gates`]}
                  disabled={!canEdit}
                  allowDeselect={false}
                  onChange={(v) => v && set({ [`${level}Gates`]: v })}
                  aria-label={`${level} gates`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group justify="flex-end" mt="xs">
          <Button
            size="xs"
            onClick={() => save.mutate(undefined)}
            loading={save.isPending}
            data-testid="save-policy"
          >
            Save policy
          </Button>
        </Group>
      )}
      <ProblemAlert error={save.error} onReload={() => policy.refetch()} />
    </Paper>
  );
}
