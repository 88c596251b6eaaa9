import { Box, Group, Paper, Text } from '@mantine/core';
import type { AssetDiff, DiffLine } from '../../api/knowledge.ts';

const backgrounds = {
  added: 'var(--mantine-color-green-0)',
  removed: 'var(--mantine-color-red-0)',
  same: 'transparent',
} as const;
const marks = {
  added: 'var(--mantine-color-green-2)',
  removed: 'var(--mantine-color-red-2)',
  same: 'transparent',
} as const;
const signs = { added: '+', removed: '−', same: ' ' } as const;

function Line({ line }: { line: DiffLine }) {
  return (
    <Group
      gap={0}
      wrap="nowrap"
      align="flex-start"
      data-kind={line.kind}
      style={{
        background: backgrounds[line.kind],
        fontFamily: 'var(--mantine-font-family-monospace)',
        fontSize: 13,
      }}
    >
      <Box w={40} c="dimmed" ta="right" pr={6} style={{ flexShrink: 0, userSelect: 'none' }}>
        {line.oldLine ?? ''}
      </Box>
      <Box w={40} c="dimmed" ta="right" pr={6} style={{ flexShrink: 0, userSelect: 'none' }}>
        {line.newLine ?? ''}
      </Box>
      <Box
        w={18}
        c={line.kind === 'added' ? 'green.8' : line.kind === 'removed' ? 'red.8' : 'dimmed'}
        style={{ flexShrink: 0 }}
      >
        {signs[line.kind]}
      </Box>
      <Box style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', flex: 1 }}>
        {line.words
          ? line.words.map((part, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line never reorder
                key={i}
                style={part.kind === 'same' ? undefined : { background: marks[part.kind], borderRadius: 2 }}
              >
                {part.text}
              </span>
            ))
          : line.text || ' '}
      </Box>
    </Group>
  );
}

/** A unified diff: line numbers on both sides, changed lines tinted, changed words marked inside them. */
export function DiffView({ diff }: { diff: AssetDiff }) {
  return (
    <Paper withBorder radius="sm" data-testid="asset-diff" style={{ overflow: 'hidden' }}>
      <Group px="sm" py={6} gap="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="sm" fw={500}>
          Version {diff.from} → version {diff.to}
        </Text>
        <Text size="sm" c="green.8">
          +{diff.added} added
        </Text>
        <Text size="sm" c="red.8">
          −{diff.removed} removed
        </Text>
      </Group>
      {diff.lines.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm">
          Both versions are empty.
        </Text>
      ) : (
        diff.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered whole and never reorders
          <Line key={i} line={line} />
        ))
      )}
    </Paper>
  );
}
