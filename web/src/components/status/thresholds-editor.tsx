import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { type Thresholds, thresholdsApi, thresholdsKey } from '../../api/status-reports.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

type Limits = Omit<Thresholds, 'version'>;

const ROWS: { label: string; hint: string; amber: keyof Limits; red: keyof Limits; step: number }[] = [
  { label: 'SPI', hint: 'amber and red below these', amber: 'spiAmber', red: 'spiRed', step: 0.01 },
  { label: 'CPI', hint: 'amber and red below these', amber: 'cpiAmber', red: 'cpiRed', step: 0.01 },
  {
    label: 'Late milestones',
    hint: 'amber and red from these counts',
    amber: 'lateMilestonesAmber',
    red: 'lateMilestonesRed',
    step: 1,
  },
  {
    label: 'Open high risks',
    hint: 'amber and red from these counts',
    amber: 'highRisksAmber',
    red: 'highRisksRed',
    step: 1,
  },
  {
    label: 'Slip vs baseline (days)',
    hint: 'amber and red from these many days late',
    amber: 'slipDaysAmber',
    red: 'slipDaysRed',
    step: 1,
  },
];

/** Where computed indicators turn amber and red: the organization PMO's setting. */
export function ThresholdsEditor() {
  const query = useQuery({ queryKey: thresholdsKey, queryFn: ({ signal }) => thresholdsApi.get(signal) });
  // A reload after a conflict starts the form again from the current version.
  const [reloads, setReloads] = useState(0);
  if (query.isLoading) return <PageLoader />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  return (
    <ThresholdsForm
      key={reloads}
      current={query.data}
      onReload={async () => {
        await query.refetch();
        setReloads((n) => n + 1);
      }}
    />
  );
}

function ThresholdsForm({ current, onReload }: { current: Thresholds; onReload: () => void }) {
  const qc = useQueryClient();
  const { version: initialVersion, ...initial } = current;
  const [limits, setLimits] = useState<Limits>(initial);
  const [version, setVersion] = useState(initialVersion);
  const save = useMutation({
    mutationFn: () => thresholdsApi.save(version, limits),
    onSuccess: (saved) => {
      setVersion(saved.version);
      qc.setQueryData(thresholdsKey, saved);
      void qc.invalidateQueries({ queryKey: ['status-reports'] });
    },
  });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder radius="sm" p="md" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Reports submitted from now on are rated on these; submitted reports keep the ratings they were
            frozen with.
          </Text>
          {ROWS.map((row) => (
            <SimpleGrid key={row.label} cols={3} spacing="sm" verticalSpacing={0}>
              <Stack gap={0} justify="center">
                <Text size="sm" fw={600}>
                  {row.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.hint}
                </Text>
              </Stack>
              {(['amber', 'red'] as const).map((band) => {
                const field = row[band];
                return (
                  <NumberInput
                    key={band}
                    label={band === 'amber' ? 'Amber' : 'Red'}
                    size="xs"
                    min={0}
                    step={row.step}
                    decimalScale={row.step < 1 ? 3 : 0}
                    value={limits[field]}
                    error={errors[field]}
                    onChange={(v) => setLimits({ ...limits, [field]: Number(v || 0) })}
                    data-testid={`threshold-${field}`}
                  />
                );
              })}
            </SimpleGrid>
          ))}
          <ProblemAlert
            error={save.error}
            onReload={onReload}
            shownFields={ROWS.flatMap((r) => [r.amber, r.red])}
          />
          <Group>
            <Button type="submit" size="xs" loading={save.isPending} data-testid="save-thresholds">
              Save thresholds
            </Button>
            {save.isSuccess && (
              <Text size="xs" c="teal.7">
                Saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
