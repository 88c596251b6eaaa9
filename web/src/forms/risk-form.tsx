import { Grid, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useList } from '../api/queries.ts';
import {
  OPPORTUNITY_STRATEGIES,
  RISK_STATUSES,
  type Risk,
  type RiskLevel,
  THREAT_STRATEGIES,
} from '../api/risk-types.ts';
import type { CollectionName } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { humanize } from '../lib/format.ts';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

interface RiskValues extends Record<string, unknown> {
  kind: string;
  scopeType: RiskLevel;
  scopeId: string | null;
  title: string;
  cause: string;
  event: string;
  effect: string;
  probability: number | null;
  impactSchedule: number | null;
  impactCost: number | null;
  impactScope: number | null;
  impactQuality: number | null;
  residualProbability: number | null;
  strategy: string | null;
  ownerId: string | null;
  proximity: string;
  trigger: string;
  status: string;
  projectIds: string[];
}

const toValues = (r?: Partial<Risk>): RiskValues => ({
  kind: r?.kind ?? 'threat',
  scopeType: r?.scopeType ?? 'project',
  scopeId: r?.scopeId ?? null,
  title: r?.title ?? '',
  cause: r?.cause ?? '',
  event: r?.event ?? '',
  effect: r?.effect ?? '',
  probability: r?.probability ?? 0.3,
  impactSchedule: r?.impactSchedule ?? 1,
  impactCost: r?.impactCost ?? 1,
  impactScope: r?.impactScope ?? 1,
  impactQuality: r?.impactQuality ?? 1,
  residualProbability: r?.residualProbability ?? null,
  strategy: r?.strategy ?? null,
  ownerId: r?.ownerId ?? null,
  proximity: r?.proximity ?? '',
  trigger: r?.trigger ?? '',
  status: r?.status ?? 'open',
  // The project a risk was raised in is always linked; the field holds the others it threatens.
  projectIds: (r?.projectIds ?? []).filter(
    (id) => !(r?.originScopeType === 'project' && id === r.originScopeId),
  ),
});

const LEVEL_COLLECTION: Partial<Record<RiskLevel, CollectionName>> = {
  project: 'projects',
  program: 'programs',
  portfolio: 'portfolios',
  business_unit: 'business-units',
};

const IMPACTS = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }));

function toBody(v: Partial<RiskValues>, creating: boolean) {
  const out: Record<string, unknown> = { ...v };
  if ('proximity' in out) out.proximity = nullIfEmpty(out.proximity);
  if (!creating) {
    delete out.kind;
    delete out.scopeType;
    delete out.scopeId;
  } else if (out.scopeType === 'organization') out.scopeId = null;
  return out;
}

export function RiskForm({
  opened,
  onClose,
  risk,
  version,
  defaults,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  risk?: Risk;
  version?: string | null;
  defaults?: Partial<Risk>;
  onSaved?: (r: Risk | undefined) => void;
}) {
  const form = useEntityForm<RiskValues>(toValues(risk ?? defaults));
  const projects = useList('projects', { pageSize: 500, sort: 'code', order: 'asc' });
  const save = useSaveEntity('risks', form, {
    id: risk?.id,
    version,
    onSaved: (r) => {
      onSaved?.(r);
      onClose();
    },
  });
  const strategies = form.values.kind === 'opportunity' ? OPPORTUNITY_STRATEGIES : THREAT_STRATEGIES;
  const impact = (key: keyof RiskValues & string, label: string) => (
    <Grid.Col span={{ base: 6, sm: 3 }}>
      <Select
        label={label}
        data={IMPACTS}
        allowDeselect={false}
        value={form.values[key] === null ? null : String(form.values[key])}
        onChange={(v) => form.set(key, v === null ? null : Number(v))}
        error={form.errors[key]}
        data-testid={`risk-${key}`}
      />
    </Grid.Col>
  );
  const levelCollection = LEVEL_COLLECTION[form.values.scopeType];
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={risk ? `Edit R-${risk.reference}` : 'New risk'}
      onSubmit={save.submit(
        (all, changed) => toBody(risk ? changed : all, !risk),
        (v) =>
          requireFields(v, {
            title: 'Title',
            probability: 'Probability',
            ...(v.scopeType !== 'organization' && !risk ? { scopeId: 'Scope' } : {}),
          }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      onReload={() => save.reload(toValues)}
      shownFields={Object.keys(toValues())}
      submitLabel={risk ? 'Save changes' : 'Create risk'}
    >
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label="Title" required data-autofocus data-testid="risk-title" {...form.text('title')} />
        </Grid.Col>
        {!risk && (
          <>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Select
                label="Kind"
                data={[
                  { value: 'threat', label: 'Threat' },
                  { value: 'opportunity', label: 'Opportunity' },
                ]}
                allowDeselect={false}
                {...form.select('kind')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Select
                label="Level"
                data={(['project', 'program', 'portfolio', 'business_unit', 'organization'] as const).map(
                  (l) => ({
                    value: l,
                    label: humanize(l),
                  }),
                )}
                allowDeselect={false}
                value={form.values.scopeType}
                onChange={(v) => {
                  form.set('scopeType', (v ?? 'project') as RiskLevel);
                  form.set('scopeId', null);
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {levelCollection && (
                <EntitySelect
                  key={levelCollection}
                  collection={levelCollection}
                  label={humanize(form.values.scopeType)}
                  required
                  data-testid="risk-scope"
                  {...form.select('scopeId')}
                />
              )}
            </Grid.Col>
          </>
        )}
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Textarea label="Cause" autosize minRows={2} maxRows={4} {...form.text('cause')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Textarea label="Event" autosize minRows={2} maxRows={4} {...form.text('event')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Textarea label="Effect" autosize minRows={2} maxRows={4} {...form.text('effect')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NumberInput
            label="Probability (0–1)"
            min={0}
            max={1}
            step={0.05}
            decimalScale={3}
            data-testid="risk-probability"
            {...form.number('probability')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NumberInput
            label="Residual probability"
            description="After the response; empty when not assessed"
            min={0}
            max={1}
            step={0.05}
            decimalScale={3}
            {...form.number('residualProbability')}
          />
        </Grid.Col>
        {impact('impactSchedule', 'Schedule impact')}
        {impact('impactCost', 'Cost impact')}
        {impact('impactScope', 'Scope impact')}
        {impact('impactQuality', 'Quality impact')}
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label="Response strategy"
            placeholder="Not decided"
            data={strategies.map((s) => ({ value: s, label: humanize(s) }))}
            clearable
            {...form.select('strategy')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <EntitySelect
            collection="users"
            label="Owner"
            placeholder="Not assigned"
            currentLabel={risk?.ownerName}
            {...form.select('ownerId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label="Status"
            data={RISK_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            allowDeselect={false}
            {...form.select('status')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <MultiSelect
            label="Also threatens projects"
            description="A shared risk: each linked project's team sees it"
            placeholder="None"
            searchable
            clearable
            data={(projects.data?.items ?? [])
              .filter((p) => p.id !== form.values.scopeId)
              .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            value={form.values.projectIds}
            onChange={(v) => form.set('projectIds', v)}
            error={form.errors.projectIds}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Proximity" type="date" {...form.text('proximity')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label="Trigger"
            placeholder="The sign that the risk is about to occur"
            {...form.text('trigger')}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
