import { Box, Group, Paper, SegmentedControl, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { BAND_COLORS, type HeatMap } from '../api/risk-types.ts';

export interface Cell {
  probabilityLevel: number;
  impactLevel: number;
}

/**
 * The probability × impact matrix with the number of risks in each cell, colored by the
 * organization's bands; the highest probability is the top row. Clicking a cell selects it.
 */
export function RiskHeatMap({
  map,
  selected,
  onSelect,
  residual,
  onResidual,
}: {
  map: HeatMap | undefined;
  selected: Cell | null;
  onSelect: (cell: Cell | null) => void;
  residual: boolean;
  onResidual: (residual: boolean) => void;
}) {
  const rows = map ? [...map.probabilityLevels].reverse() : [];
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="heat-map">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Heat map {map ? `· ${map.total} risk${map.total === 1 ? '' : 's'}` : ''}
        </Text>
        <SegmentedControl
          size="xs"
          value={residual ? 'residual' : 'inherent'}
          onChange={(v) => onResidual(v === 'residual')}
          data={[
            { value: 'inherent', label: 'Inherent' },
            { value: 'residual', label: 'Residual' },
          ]}
        />
      </Group>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `88px repeat(${map?.impactLevels.length ?? 5}, 1fr)`,
          gap: 3,
        }}
      >
        {rows.map((p) => (
          <Row
            key={p.level}
            map={map!}
            level={p.level}
            label={p.label}
            selected={selected}
            onSelect={onSelect}
          />
        ))}
        <Box />
        {map?.impactLevels.map((i) => (
          <Text key={i.level} size="xs" c="dimmed" ta="center" lh={1.2}>
            {i.label}
          </Text>
        ))}
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          ↑ Probability
        </Text>
        <Text size="xs" c="dimmed">
          Worst impact →
        </Text>
      </Group>
    </Paper>
  );
}

function Row({
  map,
  level,
  label,
  selected,
  onSelect,
}: {
  map: HeatMap;
  level: number;
  label: string;
  selected: Cell | null;
  onSelect: (cell: Cell | null) => void;
}) {
  const cells = map.cells[level - 1] ?? [];
  return (
    <>
      <Text size="xs" c="dimmed" style={{ alignSelf: 'center' }} lh={1.1}>
        {label}
      </Text>
      {cells.map((cell, index) => {
        const impactLevel = index + 1;
        const isSelected = selected?.probabilityLevel === level && selected.impactLevel === impactLevel;
        return (
          <Tooltip key={impactLevel} label={`Score ${cell.score} · ${cell.count} risk(s)`} openDelay={300}>
            <UnstyledButton
              data-testid={`heat-cell-${level}-${impactLevel}`}
              aria-label={`Probability ${level}, impact ${impactLevel}: ${cell.count} risks`}
              onClick={() => onSelect(isSelected ? null : { probabilityLevel: level, impactLevel })}
              style={{
                height: 44,
                borderRadius: 4,
                background: BAND_COLORS[cell.band],
                opacity: cell.count > 0 ? 1 : 0.35,
                outline: isSelected ? '3px solid #1c7ed6' : undefined,
                outlineOffset: 1,
                color: 'white',
                fontWeight: 700,
                textAlign: 'center',
                fontSize: 16,
              }}
            >
              {cell.count > 0 ? cell.count : ''}
            </UnstyledButton>
          </Tooltip>
        );
      })}
    </>
  );
}
