import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import { governanceEndpoints, useBenefits, useGovernanceMutation } from '../api/governance.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { BenefitsPanel, BenefitsTable } from '../components/governance/benefits-panel.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';

function NewBenefitModal({ onClose }: { onClose: () => void }) {
  const [owner, setOwner] = useState<'project' | 'program'>('project');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [measure, setMeasure] = useState('');
  const [unit, setUnit] = useState('');
  const [baseline, setBaseline] = useState<number | string>(0);
  const [target, setTarget] = useState<number | string>('');
  const [targetDate, setTargetDate] = useState('');
  const [ownerUser, setOwnerUser] = useState<string | null>(null);
  const save = useGovernanceMutation(() =>
    governanceEndpoints.createBenefit({
      projectId: owner === 'project' ? ownerId : null,
      programId: owner === 'program' ? ownerId : null,
      name,
      measure,
      unit,
      baseline: Number(baseline),
      target: target === '' ? undefined : Number(target),
      targetDate: targetDate || null,
      ownerId: ownerUser,
      status: 'planned',
    }),
  );
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title="New benefit" size="lg">
      <Stack gap="sm">
        <SegmentedControl
          value={owner}
          onChange={(value) => {
            setOwner(value as 'project' | 'program');
            setOwnerId(null);
          }}
          data={[
            { value: 'project', label: 'Project benefit' },
            { value: 'program', label: 'Program benefit' },
          ]}
        />
        <EntitySelect
          collection={owner === 'project' ? 'projects' : 'programs'}
          label={owner === 'project' ? 'Project' : 'Program'}
          value={ownerId}
          onChange={setOwnerId}
          error={errors.projectId ?? errors.programId}
          required
        />
        <TextInput
          label="Benefit"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <Group grow>
          <TextInput
            label="Measure"
            placeholder="Outage minutes per month"
            value={measure}
            onChange={(e) => setMeasure(e.currentTarget.value)}
            error={errors.measure}
            required
          />
          <TextInput
            label="Unit"
            placeholder="min"
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
          />
        </Group>
        <Group grow>
          <NumberInput label="Baseline" value={baseline} onChange={setBaseline} decimalScale={4} />
          <NumberInput
            label="Target"
            value={target}
            onChange={setTarget}
            decimalScale={4}
            error={errors.target}
            required
          />
          <TextInput
            label="Target date"
            type="date"
            value={targetDate}
            onChange={(e) => setTargetDate(e.currentTarget.value)}
          />
        </Group>
        <EntitySelect collection="users" label="Owner" value={ownerUser} onChange={setOwnerUser} clearable />
        <ProblemAlert
          error={save.error}
          shownFields={['name', 'measure', 'target', 'projectId', 'programId']}
        />
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={() => save.mutate(undefined, { onSuccess: onClose })}>
            Create benefit
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Benefits tracking across programs and projects, including those long closed. */
export function BenefitsPage() {
  const { can } = usePermissions();
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useBenefits({ pageSize: 200, sort: 'targetDate', status: status ?? undefined });
  const canEdit = can('program.edit') || can('project.edit');
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Benefits' }]}
        title="Benefits"
        subtitle="What programs and projects promised, measured against baseline and target — also after they closed."
        actions={
          canEdit && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-benefit"
            >
              New benefit
            </Button>
          )
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>Tracking</Title>
          <Select
            size="xs"
            placeholder="Any status"
            clearable
            value={status}
            onChange={setStatus}
            data={['planned', 'tracking', 'achieved', 'at_risk', 'not_achieved', 'cancelled'].map((s) => ({
              value: s,
              label: s.replace('_', ' '),
            }))}
          />
        </Group>
        <BenefitsTable items={list.data?.items ?? []} />
      </Paper>
      <BenefitsPanel filter={{ status: status ?? undefined }} canEdit={canEdit} />
      {creating && <NewBenefitModal onClose={() => setCreating(false)} />}
    </>
  );
}
