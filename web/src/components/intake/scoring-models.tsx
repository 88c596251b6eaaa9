import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ScoringModel } from '../../api/intake-types.ts';
import { useList } from '../../api/queries.ts';
import { KIND_LABELS, ScoringModelForm } from '../../forms/scoring-model-form.tsx';

/** The organization's scoring models; the PMO keeps them, one is active. */
export function ScoringModels({ canManage }: { canManage: boolean }) {
  const list = useList('scoring-models', { pageSize: 100, sort: 'name' });
  const [editing, setEditing] = useState<ScoringModel | 'new' | null>(null);
  return (
    <Stack gap="sm" data-testid="scoring-models">
      {canManage && (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            New scoring model
          </Button>
        </Group>
      )}
      {(list.data?.items ?? []).map((m) => (
        <Paper key={m.id} withBorder radius="sm" p="sm">
          <Group justify="space-between" mb={6}>
            <Group gap="xs">
              <Text fw={600}>{m.name}</Text>
              {m.active && (
                <Badge color="teal" size="sm">
                  Active
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                scale {m.scaleMin}–{m.scaleMax}
              </Text>
            </Group>
            {canManage && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(m)}
              >
                Edit
              </Button>
            )}
          </Group>
          <Group gap={6}>
            {m.criteria.map((c) => (
              <Badge key={c.id} variant="light" color={c.kind === 'risk' ? 'orange' : 'indigo'}>
                {c.name} ×{c.weight} · {c.objectiveName ?? KIND_LABELS[c.kind]}
              </Badge>
            ))}
          </Group>
          {m.evaluators.length > 0 && (
            <Text size="xs" c="dimmed" mt={6}>
              Also scored by {m.evaluators.map((e) => e.name).join(', ')}
            </Text>
          )}
        </Paper>
      ))}
      {editing && (
        <ScoringModelForm
          opened
          onClose={() => setEditing(null)}
          model={editing === 'new' ? undefined : editing}
          version={editing === 'new' ? undefined : String(editing.version)}
        />
      )}
    </Stack>
  );
}
