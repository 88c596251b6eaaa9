import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Criterion, Gate, ProjectStageName, Stage } from '../../api/governance.ts';

const PROJECT_STAGES: ProjectStageName[] = [
  'proposal',
  'initiation',
  'planning',
  'execution',
  'closing',
  'closed',
];
const DECIDERS = [
  { value: 'pmo', label: 'PMO' },
  { value: 'portfolio_manager', label: 'Portfolio manager (or PMO)' },
  { value: 'program_manager', label: 'Program manager (or above)' },
];

const newGate = (name: string): Gate => ({
  name,
  deciderRole: 'pmo',
  pmoReviewRequired: false,
  criteria: [],
});

/** Keeps the rule the server checks: every stage but the last ends with a gate, the last has none. */
export function normalizeGates(stages: Stage[]): Stage[] {
  return stages.map((stage, index) =>
    index === stages.length - 1
      ? { ...stage, gate: null }
      : { ...stage, gate: stage.gate ?? newGate(`G${index} ${stage.name}`) },
  );
}

function CriteriaEditor({ gate, onChange }: { gate: Gate; onChange: (gate: Gate) => void }) {
  const setCriterion = (index: number, change: Partial<Criterion>) =>
    onChange({ ...gate, criteria: gate.criteria.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  return (
    <Stack gap={6}>
      {gate.criteria.map((criterion, index) => (
        <Group key={criterion.id ?? `new-${index}`} gap="xs" wrap="nowrap">
          <Select
            size="xs"
            w={120}
            data={[
              { value: 'document', label: 'Document' },
              { value: 'check', label: 'Check' },
            ]}
            value={criterion.kind}
            onChange={(value) => value && setCriterion(index, { kind: value as Criterion['kind'] })}
            allowDeselect={false}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={criterion.text}
            placeholder="Business case approved by the sponsor"
            onChange={(e) => setCriterion(index, { text: e.currentTarget.value })}
          />
          <Checkbox
            size="xs"
            label="Required"
            checked={criterion.required}
            onChange={(e) => setCriterion(index, { required: e.currentTarget.checked })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label="Remove criterion"
            onClick={() => onChange({ ...gate, criteria: gate.criteria.filter((_, i) => i !== index) })}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPlus size={12} />}
        w="fit-content"
        onClick={() =>
          onChange({ ...gate, criteria: [...gate.criteria, { kind: 'check', text: '', required: true }] })
        }
      >
        Add criterion
      </Button>
    </Stack>
  );
}

/** Stages in order, each with the gate that ends it and the gate's checklist. */
export function LifecycleEditor({
  stages,
  onChange,
}: {
  stages: Stage[];
  onChange: (stages: Stage[]) => void;
}) {
  const update = (next: Stage[]) => onChange(normalizeGates(next));
  const setStage = (index: number, change: Partial<Stage>) =>
    update(stages.map((stage, i) => (i === index ? { ...stage, ...change } : stage)));
  const move = (index: number, by: number) => {
    const next = [...stages];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    update(next);
  };
  return (
    <Stack gap="sm" data-testid="lifecycle-editor">
      {stages.map((stage, index) => (
        <Paper key={stage.id ?? `new-${index}`} withBorder radius="sm" p="sm" data-testid="stage-editor">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Badge variant="filled" size="lg" radius="sm">
              {index + 1}
            </Badge>
            <TextInput
              label="Stage"
              style={{ flex: 1 }}
              value={stage.name}
              onChange={(e) => setStage(index, { name: e.currentTarget.value })}
            />
            <Select
              label="Project stage"
              w={160}
              data={PROJECT_STAGES}
              value={stage.projectStage}
              onChange={(value) => value && setStage(index, { projectStage: value as ProjectStageName })}
              allowDeselect={false}
            />
            <ActionIcon
              variant="default"
              aria-label="Move up"
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              <IconArrowUp size={14} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label="Move down"
              disabled={index === stages.length - 1}
              onClick={() => move(index, 1)}
            >
              <IconArrowDown size={14} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Remove stage"
              disabled={stages.length <= 2}
              onClick={() => update(stages.filter((_, i) => i !== index))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
          {stage.gate ? (
            <Paper bg="gray.0" radius="sm" p="sm" mt="sm">
              <Group gap="xs" align="flex-end" mb="xs">
                <TextInput
                  label="Gate"
                  style={{ flex: 1 }}
                  value={stage.gate.name}
                  onChange={(e) =>
                    setStage(index, { gate: { ...(stage.gate as Gate), name: e.currentTarget.value } })
                  }
                />
                <Select
                  label="Decided by"
                  w={240}
                  data={DECIDERS}
                  value={stage.gate.deciderRole}
                  onChange={(value) =>
                    value &&
                    setStage(index, {
                      gate: { ...(stage.gate as Gate), deciderRole: value as Gate['deciderRole'] },
                    })
                  }
                  allowDeselect={false}
                />
                <Checkbox
                  mb={8}
                  label="PMO review first"
                  checked={stage.gate.pmoReviewRequired}
                  onChange={(e) =>
                    setStage(index, {
                      gate: { ...(stage.gate as Gate), pmoReviewRequired: e.currentTarget.checked },
                    })
                  }
                />
              </Group>
              <Title order={6} mb={4}>
                Criteria
              </Title>
              <CriteriaEditor gate={stage.gate} onChange={(gate) => setStage(index, { gate })} />
            </Paper>
          ) : (
            <Text size="xs" c="dimmed" mt={6}>
              The last stage: no gate after it.
            </Text>
          )}
        </Paper>
      ))}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} />}
        w="fit-content"
        onClick={() =>
          update([
            ...stages.slice(0, -1),
            { name: 'New stage', projectStage: 'execution', gate: null },
            ...stages.slice(-1),
          ])
        }
      >
        Add a stage before the last
      </Button>
    </Stack>
  );
}
