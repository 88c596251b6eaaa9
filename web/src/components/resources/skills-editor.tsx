import { ActionIcon, Button, Group, Modal, NumberInput, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ResourceSkill } from '../../api/resource-types.ts';
import { resourceEndpoints } from '../../api/resources.ts';
import { EntitySelect } from '../entity-select.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

/** Edits the skills a resource holds, each with a proficiency from 1 (novice) to 5 (expert); saved as one set. */
export function SkillsEditor({
  resourceId,
  skills,
  onClose,
}: {
  resourceId: string;
  skills: ResourceSkill[];
  onClose: () => void;
}) {
  const [held, setHeld] = useState(skills);
  const [adding, setAdding] = useState<string | null>(null);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      resourceEndpoints.setSkills(
        resourceId,
        held.map(({ skillId, proficiency }) => ({ skillId, proficiency })),
      ),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['resources'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Skills" size="md">
      <Stack gap="sm">
        <Table>
          <Table.Tbody>
            {held.map((skill, index) => (
              <Table.Tr key={skill.skillId}>
                <Table.Td>{skill.skillName}</Table.Td>
                <Table.Td w={120}>
                  <NumberInput
                    size="xs"
                    min={1}
                    max={5}
                    aria-label={`Proficiency in ${skill.skillName}`}
                    value={skill.proficiency}
                    onChange={(value) =>
                      setHeld(
                        held.map((s, i) => (i === index ? { ...s, proficiency: Number(value) || 1 } : s)),
                      )
                    }
                  />
                </Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${skill.skillName}`}
                    onClick={() => setHeld(held.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={15} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {held.length === 0 && (
          <Text size="sm" c="dimmed">
            No skills yet.
          </Text>
        )}
        <EntitySelect
          collection="skills"
          label="Add a skill"
          placeholder="Pick a skill"
          value={adding}
          onChange={(id, label) => {
            if (id && !held.some((s) => s.skillId === id))
              setHeld([...held, { skillId: id, skillName: label ?? id, proficiency: 3 }]);
            setAdding(null);
          }}
        />
        <ProblemAlert error={save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-skills">
            Save skills
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
