import { createEscalationRule } from '../../../src/services/escalation.ts';
import { createIssue } from '../../../src/services/issues.ts';
import { createRisk } from '../../../src/services/risks.ts';
import { db, nextSequence, projectEditors, systemFor, type Target, tree } from './world.ts';

// Risks and issues: read with their level, changed by those who manage risks there.
export const riskAt = (t: Target) =>
  createRisk(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `Risk ${nextSequence()}`,
    probability: 0.3,
    impactSchedule: 2,
    impactCost: 2,
    impactScope: 1,
    impactQuality: 1,
  });
export const issueAt = (t: Target) =>
  createIssue(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `Issue ${nextSequence()}`,
  });
export const riskEditors = projectEditors;
export const ruleAt = (t: Target) =>
  createEscalationRule(db, systemFor(t), {
    name: `Rule ${nextSequence()}`,
    kind: 'score_at_least',
    minScore: 99,
  });
