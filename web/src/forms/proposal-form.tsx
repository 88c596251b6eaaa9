import {
  Button,
  Divider,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CostCategory, Proposal } from '../api/intake-types.ts';
import { useList } from '../api/queries.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { MonthGrid, monthsFrom } from './month-grid.tsx';
import { nullIfEmpty, requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

const CATEGORIES: CostCategory[] = ['labour', 'capital', 'operating', 'other'];
const CATEGORY_LABELS: Record<CostCategory, string> = {
  labour: 'Labour',
  capital: 'Capital',
  operating: 'Operating',
  other: 'Other',
};

interface ProposalValues extends Record<string, unknown> {
  code: string;
  title: string;
  businessUnitId: string | null;
  portfolioId: string | null;
  programId: string | null;
  sponsorId: string | null;
  proposedStart: string;
  durationMonths: number | null;
  businessCase: string;
  expectedBenefits: string;
  keyRisks: string;
  /** Amount per category and month key. */
  costs: Record<string, Record<string, number>>;
  /** Hours per role id and month key. */
  demand: Record<string, Record<string, number>>;
  objectives: { objectiveId: string; contribution: number }[];
  /** Proposals and projects this one needs. */
  needsProposals: string[];
  needsProjects: string[];
}

function nextMonth(): string {
  const d = new Date();
  return monthsFrom(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`, 2)[1];
}

function toValues(p?: Partial<Proposal>): ProposalValues {
  const costs: ProposalValues['costs'] = {};
  for (const line of p?.costLines ?? []) {
    costs[line.category] ??= {};
    costs[line.category][line.period] = line.amount;
  }
  const demand: ProposalValues['demand'] = {};
  for (const d of p?.roleDemand ?? []) {
    demand[d.roleId] ??= {};
    demand[d.roleId][d.period] = d.hours;
  }
  return {
    code: p?.code ?? '',
    title: p?.title ?? '',
    businessUnitId: p?.businessUnitId ?? null,
    portfolioId: p?.portfolioId ?? null,
    programId: p?.programId ?? null,
    sponsorId: p?.sponsorId ?? null,
    proposedStart: p?.proposedStart ?? nextMonth(),
    durationMonths: p?.durationMonths ?? 6,
    businessCase: p?.businessCase ?? '',
    expectedBenefits: p?.expectedBenefits ?? '',
    keyRisks: p?.keyRisks ?? '',
    costs,
    demand,
    objectives: (p?.objectives ?? []).map((o) => ({
      objectiveId: o.objectiveId,
      contribution: o.contribution,
    })),
    needsProposals: (p?.dependencies ?? []).flatMap((d) => (d.proposalId ? [d.proposalId] : [])),
    needsProjects: (p?.dependencies ?? []).flatMap((d) => (d.projectId ? [d.projectId] : [])),
  };
}

/** The grid's months: the proposed start for the duration, stretched to cover lines already entered. */
function gridMonths(v: ProposalValues): string[] {
  const keys = [
    ...Object.values(v.costs).flatMap((c) => Object.keys(c)),
    ...Object.values(v.demand).flatMap((d) => Object.keys(d)),
  ];
  const start = [v.proposedStart || nextMonth(), ...keys].sort()[0];
  const planned = monthsFrom(v.proposedStart || start, Math.min(Math.max(v.durationMonths ?? 6, 1), 36));
  const last = [...planned, ...keys].sort().at(-1) as string;
  const count =
    (Number(last.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    Number(last.slice(5, 7)) -
    Number(start.slice(5, 7)) +
    1;
  return monthsFrom(start, Math.min(count, 60));
}

function toBody(v: Partial<ProposalValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (k === 'costs')
      out.costLines = Object.entries(value as ProposalValues['costs']).flatMap(([category, byMonth]) =>
        Object.entries(byMonth)
          .filter(([, amount]) => amount > 0)
          .map(([period, amount]) => ({ period, category, amount })),
      );
    else if (k === 'demand')
      out.roleDemand = Object.entries(value as ProposalValues['demand']).flatMap(([roleId, byMonth]) =>
        Object.entries(byMonth)
          .filter(([, hours]) => hours > 0)
          .map(([period, hours]) => ({ roleId, period, hours })),
      );
    else if (k === 'needsProposals' || k === 'needsProjects') continue;
    else if (k === 'proposedStart') out[k] = nullIfEmpty(value);
    else out[k] = value;
  }
  return out;
}

/** Dependencies travel whole: on create, or when either list changed. */
function withDependencies(
  body: Record<string, unknown>,
  all: ProposalValues,
  changed: Partial<ProposalValues>,
  creating: boolean,
) {
  if (creating || 'needsProposals' in changed || 'needsProjects' in changed)
    body.dependencies = [
      ...all.needsProposals.map((proposalId) => ({ proposalId })),
      ...all.needsProjects.map((projectId) => ({ projectId })),
    ];
  return body;
}

const SHOWN = [...Object.keys(toValues()), 'costLines', 'roleDemand', 'dependencies'];

/** Create or edit a proposal with its business case, cost per month by category and role demand. */
export function ProposalForm({
  opened,
  onClose,
  proposal,
  version,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  proposal?: Proposal;
  version?: string | null;
  onSaved?: (p: Proposal | undefined) => void;
}) {
  const form = useEntityForm<ProposalValues>(toValues(proposal));
  const save = useSaveEntity('proposals', form, {
    id: proposal?.id,
    version,
    onSaved: (p) => {
      onSaved?.(p);
      onClose();
    },
  });
  const roles = useList('resource-roles', { pageSize: 200, sort: 'name' });
  const objectives = useList('objectives', { pageSize: 200, sort: 'name' });
  const otherProposals = useList('proposals', { pageSize: 500, sort: 'code' });
  const projects = useList('projects', { pageSize: 500, sort: 'code' });
  const [newRole, setNewRole] = useState<string | null>(null);
  const v = form.values;
  const months = gridMonths(v);
  const roleName = (id: string) => roles.data?.items.find((r) => r.id === id)?.name ?? '…';
  const setCell = (key: 'costs' | 'demand', row: string, month: string, value: number | null) => {
    const table = { ...v[key], [row]: { ...(v[key][row] ?? {}) } };
    if (value === null || value === 0) delete table[row][month];
    else table[row][month] = value;
    form.set(key, table);
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={proposal ? `Edit ${proposal.code} · ${proposal.title}` : 'New proposal'}
      onSubmit={save.submit(
        (all, changed) => withDependencies(toBody(proposal ? changed : all), all, changed, !proposal),
        (values) =>
          requireFields(values, {
            code: 'Code',
            title: 'Title',
            businessUnitId: 'Business unit',
            portfolioId: 'Portfolio',
          }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      onReload={() => save.reload(toValues)}
      shownFields={SHOWN}
      submitLabel={proposal ? 'Save changes' : 'Create proposal'}
      size="90rem"
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput label="Code" required placeholder="PRO-042" {...form.text('code')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 9 }}>
          <TextInput label="Title" required {...form.text('title')} data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <EntitySelect
            collection="business-units"
            label="Business unit"
            required
            currentLabel={proposal?.businessUnitName}
            {...form.select('businessUnitId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <EntitySelect
            collection="portfolios"
            label="Portfolio"
            required
            currentLabel={proposal?.portfolioName}
            {...form.select('portfolioId')}
            onChange={(id) => {
              form.set('portfolioId', id);
              if (id !== v.portfolioId) form.set('programId', null);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <EntitySelect
            collection="programs"
            label="Program"
            clearable
            disabled={!v.portfolioId}
            params={v.portfolioId ? { portfolioId: v.portfolioId } : undefined}
            currentLabel={proposal?.programName}
            {...form.select('programId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <EntitySelect
            collection="users"
            label="Sponsor"
            clearable
            currentLabel={proposal?.sponsorName}
            {...form.select('sponsorId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            label="Proposed start"
            type="month"
            value={v.proposedStart.slice(0, 7)}
            onChange={(e) =>
              form.set('proposedStart', e.currentTarget.value ? `${e.currentTarget.value}-01` : '')
            }
            error={form.errors.proposedStart}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <NumberInput label="Duration (months)" min={1} max={120} {...form.number('durationMonths')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Business case" autosize minRows={3} maxRows={8} {...form.text('businessCase')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea
            label="Expected benefits"
            autosize
            minRows={2}
            maxRows={6}
            {...form.text('expectedBenefits')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Textarea label="Key risks" autosize minRows={2} maxRows={6} {...form.text('keyRisks')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider label="Objectives served (contribution 0–10)" labelPosition="left" />
          <Group gap="xs" mt={6}>
            {(objectives.data?.items ?? []).map((o) => {
              const current = v.objectives.find((x) => x.objectiveId === o.id);
              return (
                <NumberInput
                  key={o.id}
                  size="xs"
                  w={170}
                  label={o.name}
                  min={0}
                  max={10}
                  value={current?.contribution ?? ''}
                  onChange={(value) => {
                    const rest = v.objectives.filter((x) => x.objectiveId !== o.id);
                    form.set(
                      'objectives',
                      value === '' || Number(value) === 0
                        ? rest
                        : [...rest, { objectiveId: o.id, contribution: Number(value) }],
                    );
                  }}
                />
              );
            })}
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <MultiSelect
            label="Needs these proposals first"
            searchable
            clearable
            data={(otherProposals.data?.items ?? [])
              .filter((p) => p.id !== proposal?.id)
              .map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` }))}
            value={v.needsProposals}
            onChange={(ids) => form.set('needsProposals', ids)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <MultiSelect
            label="Needs these projects"
            searchable
            clearable
            data={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            value={v.needsProjects}
            onChange={(ids) => form.set('needsProjects', ids)}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider label="Estimated cost per month" labelPosition="left" mb={6} />
          <MonthGrid
            testId="cost-grid"
            months={months}
            unit="Category"
            rows={CATEGORIES.map((c) => ({
              key: c,
              label: CATEGORY_LABELS[c],
              values: months.map((m) => v.costs[c]?.[m] ?? null),
            }))}
            onChange={(row, k, value) => setCell('costs', row, months[k], value)}
          />
          {form.errors.costLines && (
            <Text size="xs" c="red">
              {form.errors.costLines}
            </Text>
          )}
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider label="Resource demand (hours per month)" labelPosition="left" mb={6} />
          <MonthGrid
            testId="demand-grid"
            months={months}
            unit="Role"
            rows={Object.keys(v.demand).map((roleId) => ({
              key: roleId,
              label: roleName(roleId),
              values: months.map((m) => v.demand[roleId]?.[m] ?? null),
            }))}
            onChange={(row, k, value) => setCell('demand', row, months[k], value)}
            onRemove={(row) => {
              const { [row]: _gone, ...rest } = v.demand;
              form.set('demand', rest);
            }}
          />
          <Group gap="xs" mt={6}>
            <Select
              size="xs"
              w={220}
              placeholder="Add a role…"
              aria-label="Add a role"
              searchable
              data={(roles.data?.items ?? [])
                .filter((r) => !(r.id in v.demand))
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
                if (newRole) form.set('demand', { ...v.demand, [newRole]: {} });
                setNewRole(null);
              }}
            >
              Add role
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
