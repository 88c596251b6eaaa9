import { Button, Divider, Grid, Group, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Scenario } from '../api/intake-types.ts';
import { useList } from '../api/queries.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { MonthGrid, monthsFrom } from './month-grid.tsx';
import { requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

interface ScenarioValues extends Record<string, unknown> {
  name: string;
  description: string;
  portfolioId: string | null;
  horizonStart: string;
  periods: number | null;
  maxShift: number | null;
  budget: (number | null)[];
  capacity: Record<string, (number | null)[]>;
}

function toValues(s?: Partial<Scenario>): ScenarioValues {
  const now = new Date();
  return {
    name: s?.name ?? '',
    description: s?.description ?? '',
    portfolioId: s?.portfolioId ?? null,
    horizonStart:
      s?.horizonStart ??
      monthsFrom(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-01`, 2)[1],
    periods: s?.periods ?? 12,
    maxShift: s?.maxShift ?? 0,
    budget: s?.budget ?? [],
    capacity: s?.capacity ?? {},
  };
}

const padToPeriods = (series: (number | null)[], periods: number) =>
  Array.from({ length: periods }, (_, k) => series[k] ?? null);

/** A scenario's limits: budget per month and hours per role per month over its horizon; start shifts allowed. */
export function ScenarioForm({
  opened,
  onClose,
  scenario,
  version,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  scenario?: Scenario;
  version?: string | null;
  onSaved?: (s: Scenario | undefined) => void;
}) {
  const form = useEntityForm<ScenarioValues>(toValues(scenario));
  const save = useSaveEntity('scenarios', form, {
    id: scenario?.id,
    version,
    onSaved: (s) => {
      onSaved?.(s);
      onClose();
    },
  });
  const roles = useList('resource-roles', { pageSize: 200, sort: 'name' });
  const [newRole, setNewRole] = useState<string | null>(null);
  const [fill, setFill] = useState<number | string>('');
  const v = form.values;
  const periods = Math.min(Math.max(v.periods ?? 1, 1), 60);
  const months = monthsFrom(v.horizonStart || toValues().horizonStart, periods);
  const roleName = (id: string) => roles.data?.items.find((r) => r.id === id)?.name ?? '…';
  const body = (all: ScenarioValues, changed: Partial<ScenarioValues>) => {
    const source = scenario ? changed : all;
    const out: Record<string, unknown> = { ...source };
    // Limits always travel with the horizon, trimmed to it.
    if (!scenario || 'periods' in changed || 'budget' in changed)
      out.budget = padToPeriods(all.budget, periods);
    if (!scenario || 'periods' in changed || 'capacity' in changed)
      out.capacity = Object.fromEntries(
        Object.entries(all.capacity).map(([r, s]) => [r, padToPeriods(s, periods)]),
      );
    return out;
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={scenario ? `Edit ${scenario.name}` : 'New scenario'}
      onSubmit={save.submit(body, (values) =>
        requireFields(values, { name: 'Name', horizonStart: 'Horizon start' }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      onReload={() => save.reload(toValues)}
      shownFields={Object.keys(toValues())}
      submitLabel={scenario ? 'Save changes' : 'Create scenario'}
      size="90rem"
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Name" required {...form.text('name')} data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <EntitySelect
            collection="portfolios"
            label="Portfolio"
            placeholder="The whole organization"
            clearable
            currentLabel={scenario?.portfolioName}
            {...form.select('portfolioId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <TextInput
            label="Horizon start"
            type="month"
            value={v.horizonStart.slice(0, 7)}
            onChange={(e) =>
              form.set('horizonStart', e.currentTarget.value ? `${e.currentTarget.value}-01` : '')
            }
            error={form.errors.horizonStart}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 1 }}>
          <NumberInput label="Months" min={1} max={60} {...form.number('periods')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 1 }}>
          <NumberInput label="Max shift" min={0} max={24} {...form.number('maxShift')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={1} maxRows={4} {...form.text('description')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider label="Limits per month (empty = no limit)" labelPosition="left" mb={6} />
          <Group gap="xs" mb={6}>
            <NumberInput
              size="xs"
              w={160}
              placeholder="Same budget every month"
              aria-label="Fill budget"
              value={fill}
              onChange={setFill}
              thousandSeparator=","
            />
            <Button
              size="xs"
              variant="light"
              disabled={fill === ''}
              onClick={() =>
                form.set(
                  'budget',
                  months.map(() => Number(fill)),
                )
              }
            >
              Fill budget
            </Button>
          </Group>
          <MonthGrid
            testId="limits-grid"
            months={months}
            unit="Limit"
            rows={[
              { key: '__budget', label: 'Budget', values: padToPeriods(v.budget, periods) },
              ...Object.keys(v.capacity).map((roleId) => ({
                key: roleId,
                label: `${roleName(roleId)} (h)`,
                values: padToPeriods(v.capacity[roleId], periods),
              })),
            ]}
            onChange={(row, k, value) => {
              if (row === '__budget') {
                const next = padToPeriods(v.budget, periods);
                next[k] = value;
                form.set('budget', next);
              } else {
                const next = padToPeriods(v.capacity[row], periods);
                next[k] = value;
                form.set('capacity', { ...v.capacity, [row]: next });
              }
            }}
            onRemove={(row) => {
              if (row === '__budget') form.set('budget', []);
              else {
                const { [row]: _gone, ...rest } = v.capacity;
                form.set('capacity', rest);
              }
            }}
          />
          <Group gap="xs" mt={6}>
            <Select
              size="xs"
              w={220}
              placeholder="Limit a role's hours…"
              aria-label="Add a capacity role"
              searchable
              data={(roles.data?.items ?? [])
                .filter((r) => !(r.id in v.capacity))
                .map((r) => ({ value: r.id, label: r.name }))}
              value={newRole}
              onChange={setNewRole}
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={!newRole}
              onClick={() => {
                if (newRole) form.set('capacity', { ...v.capacity, [newRole]: [] });
                setNewRole(null);
              }}
            >
              Add capacity
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
