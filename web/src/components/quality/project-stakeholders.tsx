import {
  Badge,
  Button,
  Grid,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type CommunicationPlan,
  qualityApi,
  useQualityMutation,
  useQualityQuery,
} from '../../api/quality.ts';
import { formatDate, humanize } from '../../lib/format.ts';
import { EntitySelect } from '../entity-select.tsx';
import { InlineAddForm } from './inline-add-form.tsx';
import { StakeholderGrid } from './stakeholder-grid.tsx';

const ATTITUDES = ['resistant', 'skeptical', 'neutral', 'supportive', 'champion'];
const CADENCE_DAYS: Record<string, number> = { weekly: 7, fortnightly: 14, monthly: 30, quarterly: 91 };

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  if (days === 30 || days === 91) d.setUTCMonth(d.getUTCMonth() + (days === 30 ? 1 : 3));
  else d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The project's Stakeholders tab: register, power/interest grid and communication plans. */
export function ProjectStakeholders({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const stakeholders = useQualityQuery(['stakeholders', projectId], (s) =>
    qualityApi.stakeholders(projectId, s),
  );
  const plans = useQualityQuery(['plans', projectId], (s) => qualityApi.plans(projectId, s));
  const items = stakeholders.data?.items ?? [];
  return (
    <Stack gap="md" data-testid="project-stakeholders">
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="sm" p="sm" h="100%">
            <Table fz="sm" verticalSpacing={6} data-testid="stakeholder-register">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Stakeholder</Table.Th>
                  <Table.Th>Influence</Table.Th>
                  <Table.Th>Interest</Table.Th>
                  <Table.Th>Attitude</Table.Th>
                  <Table.Th>Engagement</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {s.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[s.role, s.organization].filter(Boolean).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.influence}</Table.Td>
                    <Table.Td>{s.interest}</Table.Td>
                    <Table.Td>{humanize(s.attitude)}</Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {humanize(s.engagementCurrent)} → {humanize(s.engagementDesired)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed">
                        No stakeholders registered yet.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            {canEdit && <AddStakeholder projectId={projectId} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="sm" p="sm">
            <Text size="sm" fw={600} mb={4}>
              Power / interest grid
            </Text>
            <StakeholderGrid stakeholders={items} />
          </Paper>
        </Grid.Col>
      </Grid>
      <Title order={4}>Communication plan</Title>
      <Paper withBorder radius="sm" p="sm">
        <Table fz="sm" verticalSpacing={6} data-testid="communication-plans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Audience</Table.Th>
              <Table.Th>Content</Table.Th>
              <Table.Th>Channel</Table.Th>
              <Table.Th>Cadence</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Next due</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(plans.data?.items ?? []).map((plan) => (
              <PlanRow key={plan.id} plan={plan} canEdit={canEdit} />
            ))}
            {plans.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm" c="dimmed">
                    No communications planned.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {canEdit && <AddPlan projectId={projectId} />}
      </Paper>
    </Stack>
  );
}

function PlanRow({ plan, canEdit }: { plan: CommunicationPlan; canEdit: boolean }) {
  const sent = useQualityMutation(() =>
    qualityApi.updatePlan(plan.id, plan.version, {
      nextDue: addDays(plan.nextDue, CADENCE_DAYS[plan.cadence] ?? 7),
    }),
  );
  const due = plan.nextDue <= new Date().toISOString().slice(0, 10);
  return (
    <Table.Tr>
      <Table.Td>{plan.audience}</Table.Td>
      <Table.Td>{plan.content}</Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm" size="sm">
          {humanize(plan.channel)}
        </Badge>
      </Table.Td>
      <Table.Td>{humanize(plan.cadence)}</Table.Td>
      <Table.Td>{plan.ownerName ?? '—'}</Table.Td>
      <Table.Td>
        <Text size="sm" c={due ? 'red' : undefined}>
          {formatDate(plan.nextDue)}
        </Text>
      </Table.Td>
      <Table.Td>
        {canEdit && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => sent.mutate(undefined)}
            loading={sent.isPending}
          >
            Mark sent
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AddStakeholder({ projectId }: { projectId: string }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [influence, setInfluence] = useState<number | string>(3);
  const [interest, setInterest] = useState<number | string>(3);
  const [attitude, setAttitude] = useState<string | null>('neutral');
  const add = useQualityMutation(
    () =>
      qualityApi.createStakeholder({
        projectId,
        name,
        role,
        influence: Number(influence),
        interest: Number(interest),
        attitude,
      }),
    () => setName(''),
  );
  return (
    <InlineAddForm
      mutation={add}
      submitLabel="Add"
      canSubmit={!!name}
      submitIcon={<IconPlus size={14} />}
      submitTestId="add-stakeholder"
      mt="sm"
    >
      <TextInput
        size="xs"
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        style={{ flex: 1 }}
        data-testid="stakeholder-name"
      />
      <TextInput
        size="xs"
        label="Role"
        value={role}
        onChange={(e) => setRole(e.currentTarget.value)}
        w={130}
      />
      <NumberInput
        size="xs"
        label="Influence"
        min={1}
        max={5}
        w={80}
        value={influence}
        onChange={setInfluence}
      />
      <NumberInput
        size="xs"
        label="Interest"
        min={1}
        max={5}
        w={80}
        value={interest}
        onChange={setInterest}
      />
      <Select
        size="xs"
        label="Attitude"
        w={120}
        data={ATTITUDES}
        value={attitude}
        onChange={setAttitude}
        allowDeselect={false}
      />
    </InlineAddForm>
  );
}

function AddPlan({ projectId }: { projectId: string }) {
  const [audience, setAudience] = useState('');
  const [content, setContent] = useState('');
  const [channel, setChannel] = useState<string | null>('email');
  const [cadence, setCadence] = useState<string | null>('monthly');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [nextDue, setNextDue] = useState(new Date().toISOString().slice(0, 10));
  const add = useQualityMutation(
    () => qualityApi.createPlan({ projectId, audience, content, channel, cadence, ownerId, nextDue }),
    () => {
      setAudience('');
      setContent('');
    },
  );
  return (
    <InlineAddForm mutation={add} submitLabel="Plan" canSubmit={!!audience && !!content} mt="sm">
      <TextInput
        size="xs"
        label="Audience"
        value={audience}
        onChange={(e) => setAudience(e.currentTarget.value)}
        w={150}
      />
      <TextInput
        size="xs"
        label="Content"
        value={content}
        onChange={(e) => setContent(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Select
        size="xs"
        label="Channel"
        w={110}
        data={['email', 'meeting', 'report', 'in_app'].map((v) => ({ value: v, label: humanize(v) }))}
        value={channel}
        onChange={setChannel}
        allowDeselect={false}
      />
      <Select
        size="xs"
        label="Cadence"
        w={120}
        data={['weekly', 'fortnightly', 'monthly', 'quarterly']}
        value={cadence}
        onChange={setCadence}
        allowDeselect={false}
      />
      <EntitySelect
        collection="users"
        size="xs"
        label="Owner"
        w={150}
        value={ownerId}
        onChange={setOwnerId}
      />
      <TextInput
        size="xs"
        type="date"
        label="Next due"
        value={nextDue}
        onChange={(e) => setNextDue(e.currentTarget.value)}
      />
    </InlineAddForm>
  );
}
