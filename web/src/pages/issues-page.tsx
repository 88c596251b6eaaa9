import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { usePermissions } from '../auth/use-permissions.ts';
import { IssuesLog } from '../components/issues-log.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { IssueForm } from '../forms/issue-form.tsx';

export function IssuesPage() {
  const { can } = usePermissions();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Issues' }]}
        title="Issues log"
        subtitle="Problems to resolve now, by priority"
        actions={
          can('risk.manage') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-issue"
            >
              Log issue
            </Button>
          )
        }
      />
      <IssuesLog />
      {creating && <IssueForm opened onClose={() => setCreating(false)} />}
    </>
  );
}
