import { Badge, Button, Tabs } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useInbox } from '../api/risks.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EscalationInbox } from '../components/escalation-inbox.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RiskRegister } from '../components/risk-register.tsx';
import { TopRisks } from '../components/top-risks.tsx';
import { RiskForm } from '../forms/risk-form.tsx';

export function RisksPage() {
  const { can } = usePermissions();
  const [creating, setCreating] = useState(false);
  const inbox = useInbox();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Risks' }]}
        title="Risk register"
        subtitle="Threats and opportunities across everything you can see"
        actions={
          can('risk.manage') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-risk"
            >
              New risk
            </Button>
          )
        }
      />
      <Tabs defaultValue="register" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="register" leftSection={<IconAlertTriangle size={14} />}>
            Register
          </Tabs.Tab>
          <Tabs.Tab
            value="inbox"
            leftSection={<IconInbox size={14} />}
            data-testid="inbox-tab"
            rightSection={
              inbox.data && inbox.data.length > 0 ? (
                <Badge size="xs" circle color="grape">
                  {inbox.data.length}
                </Badge>
              ) : null
            }
          >
            Escalation inbox
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="register">
          <RiskRegister aside={<TopRisks />} />
        </Tabs.Panel>
        <Tabs.Panel value="inbox">
          <EscalationInbox />
        </Tabs.Panel>
      </Tabs>
      {creating && (
        <RiskForm
          opened
          onClose={() => setCreating(false)}
          onSaved={(r) => r && navigate({ to: '/risks/$id', params: { id: r.id } })}
        />
      )}
    </>
  );
}
