import { Alert, Button, Grid, Group, NavLink, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  governanceEndpoints,
  type Lifecycle,
  type Stage,
  useGovernanceMutation,
  useLifecycles,
} from '../api/governance.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { LifecycleEditor, normalizeGates } from '../components/governance/lifecycle-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';

/** A sensible start: the stages most PMOs use, with one gate criterion each to edit. */
const STARTER: Stage[] = normalizeGates([
  { name: 'Idea', projectStage: 'proposal', gate: null },
  { name: 'Initiation', projectStage: 'initiation', gate: null },
  { name: 'Planning', projectStage: 'planning', gate: null },
  { name: 'Execution', projectStage: 'execution', gate: null },
  { name: 'Closing', projectStage: 'closing', gate: null },
  { name: 'Closed', projectStage: 'closed', gate: null },
]);

type Draft = {
  id: string | null;
  version: number;
  name: string;
  description: string;
  businessUnitId: string | null;
  stages: Stage[];
};

const draftOf = (l: Lifecycle): Draft => ({
  id: l.id,
  version: l.version,
  name: l.name,
  description: l.description,
  businessUnitId: l.businessUnitId,
  stages: l.stages,
});

/** Configure the organization's lifecycle and those of business units: stages, gates, criteria. */
export function LifecyclePage() {
  const { can } = usePermissions();
  const lifecycles = useLifecycles();
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [newUnit, setNewUnit] = useState<string | null>(null);
  const items = lifecycles.data?.items ?? [];
  const current = items.find((l) => l.id === selected) ?? null;
  useEffect(() => {
    if (!selected && items[0]) setSelected(items[0].id);
  }, [items, selected]);
  useEffect(() => {
    if (current) setDraft(draftOf(current));
  }, [current]);
  const save = useGovernanceMutation((d: Draft) =>
    d.id
      ? governanceEndpoints.replaceLifecycle(d.id, d.version, {
          name: d.name,
          description: d.description,
          stages: d.stages,
        })
      : governanceEndpoints.createLifecycle({
          name: d.name,
          description: d.description,
          businessUnitId: d.businessUnitId,
          stages: d.stages,
        }),
  );
  const hasOrgLifecycle = items.some((l) => l.businessUnitId === null);
  const canShape = can('businessUnit.manage');

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Lifecycle' }]}
        title="Lifecycle"
        subtitle="The stages every project passes and the gates between them. A business unit may keep its own; its projects follow the nearest one up the tree."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder radius="sm" p="xs" data-testid="lifecycle-list">
            {items.map((l) => (
              <NavLink
                key={l.id}
                active={l.id === selected}
                label={l.name}
                description={l.businessUnitName ?? 'Organization'}
                onClick={() => setSelected(l.id)}
              />
            ))}
            {items.length === 0 && (
              <Text size="sm" c="dimmed" p="xs">
                No lifecycle yet.
              </Text>
            )}
          </Paper>
          {canShape && (
            <Stack gap="xs" mt="sm">
              {!hasOrgLifecycle && (
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => {
                    setSelected(null);
                    setDraft({
                      id: null,
                      version: 0,
                      name: 'Standard lifecycle',
                      description: '',
                      businessUnitId: null,
                      stages: STARTER,
                    });
                  }}
                >
                  Organization lifecycle
                </Button>
              )}
              <EntitySelect
                collection="business-units"
                placeholder="Business unit…"
                value={newUnit}
                onChange={setNewUnit}
              />
              <Button
                variant="default"
                disabled={!newUnit}
                leftSection={<IconPlus size={16} />}
                onClick={() => {
                  setSelected(null);
                  setDraft({
                    id: null,
                    version: 0,
                    name: 'Unit lifecycle',
                    description: '',
                    businessUnitId: newUnit,
                    stages:
                      current?.stages.map(({ id: _id, ...s }) => ({
                        ...s,
                        gate: s.gate && {
                          ...s.gate,
                          id: undefined,
                          criteria: s.gate.criteria.map(({ id: _c, ...c }) => c),
                        },
                      })) ?? STARTER,
                  });
                }}
              >
                Own lifecycle for the unit
              </Button>
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {draft ? (
            <Stack gap="sm">
              <Paper withBorder radius="sm" p="sm">
                <Group align="flex-end">
                  <TextInput
                    label="Name"
                    style={{ flex: 1 }}
                    value={draft.name}
                    onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                  />
                  <TextInput
                    label="Description"
                    style={{ flex: 2 }}
                    value={draft.description}
                    onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
                  />
                  {canShape && (
                    <Button
                      leftSection={<IconDeviceFloppy size={16} />}
                      loading={save.isPending}
                      onClick={() => save.mutate(draft, { onSuccess: (saved) => setSelected(saved.id) })}
                      data-testid="save-lifecycle"
                    >
                      Save lifecycle
                    </Button>
                  )}
                </Group>
                <ProblemAlert error={save.error} onReload={() => lifecycles.refetch()} />
              </Paper>
              <Title order={5}>Stages and gates</Title>
              <LifecycleEditor stages={draft.stages} onChange={(stages) => setDraft({ ...draft, stages })} />
            </Stack>
          ) : (
            <Alert color="gray">Choose a lifecycle, or create the organization's.</Alert>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
