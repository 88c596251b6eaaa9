import type { Database } from '../../src/db/connection.ts';
import type { Lifecycle } from '../../src/model/governance.ts';
import { createLifecycle } from '../../src/services/lifecycles.ts';
import type { Actor } from '../../src/services/policy.ts';

/** Three stages and two gates: G1 (a program manager decides, one required document) and G2 (the PMO closes). */
export function smallLifecycle(
  overrides: { name?: string; businessUnitId?: string | null; pmoReview?: boolean } = {},
) {
  return {
    name: overrides.name ?? 'Small lifecycle',
    businessUnitId: overrides.businessUnitId ?? null,
    stages: [
      {
        name: 'Define',
        projectStage: 'initiation',
        gate: {
          name: 'G1 Approve plan',
          deciderRole: 'program_manager',
          pmoReviewRequired: overrides.pmoReview ?? false,
          criteria: [
            { kind: 'document', text: 'Project charter signed', required: true },
            { kind: 'check', text: 'Stakeholders briefed', required: false },
          ],
        },
      },
      {
        name: 'Deliver',
        projectStage: 'execution',
        gate: {
          name: 'G2 Close',
          deciderRole: 'pmo',
          criteria: [{ kind: 'check', text: 'Acceptance signed off', required: true }],
        },
      },
      { name: 'Closed', projectStage: 'closed', gate: null },
    ],
  };
}

export async function makeLifecycle(
  db: Database,
  system: Actor,
  overrides: Parameters<typeof smallLifecycle>[0] = {},
): Promise<Lifecycle> {
  return createLifecycle(db, system, smallLifecycle(overrides));
}
