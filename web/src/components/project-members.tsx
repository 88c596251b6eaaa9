import {
  ActionIcon,
  Avatar,
  Button,
  EmptyState,
  Group,
  Paper,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconUserMinus, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { keys } from '../api/queries.ts';
import { initials } from '../lib/format.ts';
import { EntitySelect } from './entity-select.tsx';
import { ProblemAlert } from './problem-alert.tsx';
import { PageLoader } from './route-states.tsx';

/** Who works on the project, in what role; managers can add and remove members. */
export function ProjectMembers({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: keys.projectMembers(projectId),
    queryFn: ({ signal }) => endpoints.projectMembers(projectId, signal),
  });
  const [userId, setUserId] = useState<string | null>(null);
  const [memberRole, setMemberRole] = useState('Team member');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.projectMembers(projectId) });
    await qc.invalidateQueries({ queryKey: ['audit'] });
  };
  const add = useMutation({
    mutationFn: () => endpoints.addProjectMember(projectId, userId!, memberRole.trim()),
    onSuccess: async () => {
      setUserId(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (uid: string) => endpoints.removeProjectMember(projectId, uid),
    onSuccess: refresh,
  });

  if (query.isLoading) return <PageLoader />;
  if (query.error) return <ProblemAlert error={query.error} />;
  const members = query.data?.items ?? [];

  return (
    <Paper withBorder radius="sm" p="sm">
      {canEdit && (
        <Group gap="xs" align="flex-end" mb="sm">
          <EntitySelect
            collection="users"
            size="xs"
            w={240}
            label="Person"
            placeholder="Choose a person…"
            value={userId}
            onChange={setUserId}
          />
          <TextInput
            size="xs"
            w={180}
            label="Role on the project"
            value={memberRole}
            onChange={(e) => setMemberRole(e.currentTarget.value)}
          />
          <Button
            size="xs"
            leftSection={<IconUserPlus size={14} />}
            disabled={!userId || !memberRole.trim() || members.some((m) => m.userId === userId)}
            loading={add.isPending}
            onClick={() => add.mutate()}
          >
            Add member
          </Button>
        </Group>
      )}
      <ProblemAlert error={add.error ?? remove.error} />
      {members.length === 0 ? (
        <EmptyState
          icon={<IconUsers />}
          title="No members yet"
          description={
            canEdit
              ? 'Add the people who work on this project.'
              : 'Nobody has been added to this project yet.'
          }
        />
      ) : (
        <Table verticalSpacing={5} fz="sm" striped data-testid="project-members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              {canEdit && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={22} radius="xl" color="blue">
                      {initials(m.name)}
                    </Avatar>
                    {m.name}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {m.email}
                  </Text>
                </Table.Td>
                <Table.Td>{m.memberRole}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Tooltip label="Remove from project">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${m.name}`}
                        loading={remove.isPending && remove.variables === m.userId}
                        onClick={() => remove.mutate(m.userId)}
                      >
                        <IconUserMinus size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
