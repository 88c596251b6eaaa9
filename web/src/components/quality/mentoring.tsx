import { Badge, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type Mentorship, qualityApi, useQualityMutation, useQualityQuery } from '../../api/quality.ts';
import { formatDate } from '../../lib/format.ts';
import { EntitySelect } from '../entity-select.tsx';
import { InlineAddForm } from './inline-add-form.tsx';

/** Mentor–project manager pairs with their goals; open one to read and log its sessions. */
export function Mentoring({ canManage }: { canManage: boolean }) {
  const mentorships = useQualityQuery(['mentorships'], qualityApi.mentorships);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="mentoring">
      <Table fz="sm" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mentor</Table.Th>
            <Table.Th>Project manager</Table.Th>
            <Table.Th>Goals</Table.Th>
            <Table.Th>Since</Table.Th>
            <Table.Th>Sessions</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mentorships.data?.items ?? []).map((m) => (
            <MentorshipRow
              key={m.id}
              mentorship={m}
              open={open === m.id}
              onToggle={() => setOpen(open === m.id ? null : m.id)}
            />
          ))}
          {mentorships.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text size="sm" c="dimmed">
                  No mentorships.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {canManage && <PairForm />}
    </Paper>
  );
}

function MentorshipRow({
  mentorship: m,
  open,
  onToggle,
}: {
  mentorship: Mentorship;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <>
      <Table.Tr onClick={onToggle} style={{ cursor: 'pointer' }}>
        <Table.Td>{m.mentorName}</Table.Td>
        <Table.Td>{m.menteeName}</Table.Td>
        <Table.Td>
          <Text size="sm" lineClamp={2}>
            {m.goals}
          </Text>
        </Table.Td>
        <Table.Td>{formatDate(m.startsOn)}</Table.Td>
        <Table.Td>{m.sessions}</Table.Td>
        <Table.Td>
          <Badge variant="light" radius="sm" size="sm" color={m.status === 'active' ? 'teal' : 'gray'}>
            {m.status}
          </Badge>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Sessions mentorshipId={m.id} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function Sessions({ mentorshipId }: { mentorshipId: string }) {
  const sessions = useQualityQuery(['sessions', mentorshipId], (s) => qualityApi.sessions(mentorshipId, s));
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const [followUps, setFollowUps] = useState('');
  const add = useQualityMutation(
    () => qualityApi.addSession(mentorshipId, { heldOn, notes, followUps }),
    () => {
      setNotes('');
      setFollowUps('');
    },
  );
  return (
    <Stack gap="xs" pl="md">
      {(sessions.data ?? []).map((s) => (
        <div key={s.id}>
          <Text size="xs" fw={600}>
            {formatDate(s.heldOn)}
          </Text>
          <Text size="sm">{s.notes}</Text>
          {s.followUps && (
            <Text size="xs" c="dimmed">
              Follow-ups: {s.followUps}
            </Text>
          )}
        </div>
      ))}
      <InlineAddForm mutation={add} submitLabel="Log session" canSubmit={!!notes}>
        <TextInput
          size="xs"
          type="date"
          label="Held on"
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
        />
        <Textarea
          size="xs"
          label="Notes"
          autosize
          minRows={1}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <TextInput
          size="xs"
          label="Follow-ups"
          value={followUps}
          onChange={(e) => setFollowUps(e.currentTarget.value)}
          w={220}
        />
      </InlineAddForm>
    </Stack>
  );
}

function PairForm() {
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [menteeId, setMenteeId] = useState<string | null>(null);
  const [goals, setGoals] = useState('');
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const add = useQualityMutation(
    () => qualityApi.createMentorship({ mentorId, menteeId, goals, startsOn }),
    () => setGoals(''),
  );
  return (
    <InlineAddForm mutation={add} submitLabel="Pair" canSubmit={!!mentorId && !!menteeId} mt="sm">
      <EntitySelect
        collection="users"
        size="xs"
        label="Mentor"
        w={170}
        value={mentorId}
        onChange={setMentorId}
      />
      <EntitySelect
        collection="users"
        size="xs"
        label="Project manager"
        w={170}
        value={menteeId}
        onChange={setMenteeId}
      />
      <TextInput
        size="xs"
        label="Goals"
        value={goals}
        onChange={(e) => setGoals(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <TextInput
        size="xs"
        type="date"
        label="Starts"
        value={startsOn}
        onChange={(e) => setStartsOn(e.currentTarget.value)}
      />
    </InlineAddForm>
  );
}
