import { Stack, Title } from '@mantine/core';
import type { ListParams } from '../api/types.ts';
import { IssuesLog } from './issues-log.tsx';
import { RiskRegister } from './risk-register.tsx';

/** The risks and issues of a project or a program (its projects' included), for its page's tab. */
export function ScopeRisks({ scope }: { scope: ListParams }) {
  return (
    <Stack gap="md">
      <RiskRegister scope={scope} />
      <Title order={5}>Issues</Title>
      <IssuesLog scope={scope} />
    </Stack>
  );
}
