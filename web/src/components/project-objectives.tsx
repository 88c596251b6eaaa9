import {
  ActionIcon,
  Button,
  EmptyState,
  Group,
  NumberInput,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTarget, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { keys } from '../api/queries.ts';
import { EntitySelect } from './entity-select.tsx';
import { ProblemAlert } from './problem-alert.tsx';
import { PageLoader } from './route-states.tsx';

interface Row {
  objectiveId: string;
  objectiveName: string;
  contribution: number;
}

/** The strategic objectives a project serves, with a 0–10 contribution score each. */
export function ProjectObjectives({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: keys.projectObjectives(projectId),
    queryFn: ({ signal }) => endpoints.projectObjectives(projectId, signal),
  });
  const [draft, setDraft] = useState<Row[] | null>(null);
  const [adding, setAdding] = useState<{ id: string; name: string } | null>(null);
  const save = useMutation({
    mutationFn: (rows: Row[]) =>
      endpoints.setProjectObjectives(
        projectId,
        rows.map((r) => ({ objectiveId: r.objectiveId, contribution: r.contribution })),
      ),
    onSuccess: async () => {
      setDraft(null);
      await qc.invalidateQueries({ queryKey: keys.projectObjectives(projectId) });
      await qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });

  if (query.isLoading) return <PageLoader />;
  if (query.error) return <ProblemAlert error={query.error} />;
  const rows = draft ?? query.data?.items ?? [];
  const editing = draft !== null;

  return (
    <Paper withBorder radius="sm" p="sm">
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          How strongly this project contributes to each objective (0 = not at all, 10 = decisive).
        </Text>
        {canEdit && !editing && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} />}
            onClick={() => setDraft(query.data?.items.map((r) => ({ ...r })) ?? [])}
          >
            Edit contributions
          </Button>
        )}
      </Group>
      {rows.length === 0 && !editing ? (
        <EmptyState
          icon={<IconTarget />}
          title="Not linked to any objective"
          description={
            canEdit
              ? 'Link the strategic objectives this project serves so it can be scored and prioritized.'
              : 'Nobody has linked this project to a strategic objective yet.'
          }
        />
      ) : (
        <Table verticalSpacing={5} fz="sm" data-testid="project-objectives">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Objective</Table.Th>
              <Table.Th w={260}>Contribution</Table.Th>
              {editing && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.objectiveId}>
                <Table.Td>{r.objectiveName}</Table.Td>
                <Table.Td>
                  {editing ? (
                    <NumberInput
                      size="xs"
                      w={100}
                      min={0}
                      max={10}
                      clampBehavior="strict"
                      aria-label={`Contribution to ${r.objectiveName}`}
                      value={r.contribution}
                      onChange={(v) =>
                        setDraft(rows.map((x, j) => (j === i ? { ...x, contribution: Number(v) || 0 } : x)))
                      }
                    />
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={r.contribution * 10} w={160} size="sm" />
                      <Text size="xs" fw={600}>
                        {r.contribution}/10
                      </Text>
                    </Group>
                  )}
                </Table.Td>
                {editing && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${r.objectiveName}`}
                      onClick={() => setDraft(rows.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs" align="flex-end">
            <EntitySelect
              collection="objectives"
              size="xs"
              w={280}
              placeholder="Add an objective…"
              aria-label="Add an objective"
              value={adding?.id ?? null}
              onChange={(id, name) => setAdding(id ? { id, name: name ?? 'Objective' } : null)}
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={!adding || rows.some((r) => r.objectiveId === adding.id)}
              onClick={() => {
                if (!adding) return;
                setDraft([...rows, { objectiveId: adding.id, objectiveName: adding.name, contribution: 5 }]);
                setAdding(null);
              }}
            >
              Add
            </Button>
          </Group>
          <ProblemAlert error={save.error} />
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate(rows)}>
              Save contributions
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
