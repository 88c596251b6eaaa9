import { addMeasurement } from '../../../src/services/benefits.ts';
import { openGateReview } from '../../../src/services/gates.ts';
import { createBusinessUnit } from '../../../src/services/structure.ts';
import { smallLifecycle } from '../../support/governance-fixtures.ts';
import {
  benefitAt,
  firstGateOf,
  lessonAt,
  lifecycleOf,
  projectReadyForReview,
  proposalAt,
  reviewAt,
  unitLifecycleAt,
} from './fixtures-governance.ts';
import {
  type Case,
  changeDeciders,
  db,
  everyMember,
  freshProject,
  nextSequence,
  orgAdminOnly,
  projectEditors,
  readersOut,
  systemFor,
  tree,
  unitShapers,
  v1,
} from './world.ts';

export const governanceCases: Case[] = [
  // Governance: the PMO at a unit shapes its lifecycles, passes gate reviews and terminates projects;
  // the project's editors open reviews and record results, its program manager or above decides. Benefits
  // and lessons are kept by the project's editors.
  {
    route: 'GET /lifecycles',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lifecycles` }),
  },
  {
    route: 'GET /lifecycles/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/lifecycles/${(await lifecycleOf(t)).id}` }),
  },
  {
    route: 'POST /lifecycles',
    allowed: unitShapers,
    request: async (t) => {
      const unit = await createBusinessUnit(db, systemFor(t), {
        name: 'New lifecycle unit',
        code: `NL${nextSequence()}`,
        parentId: tree[t].unit,
      });
      return {
        method: 'POST',
        url: `${v1}/lifecycles`,
        payload: smallLifecycle({ businessUnitId: unit.id }),
      };
    },
  },
  {
    route: 'PUT /lifecycles/:id',
    allowed: unitShapers,
    request: async (t) => {
      const lifecycle = await unitLifecycleAt(t);
      return {
        method: 'PUT',
        url: `${v1}/lifecycles/${lifecycle.id}`,
        headers: { 'if-match': `"${lifecycle.version}"` },
        payload: { name: 'Renamed', stages: lifecycle.stages },
      };
    },
  },
  {
    route: 'DELETE /lifecycles/:id',
    allowed: unitShapers,
    request: async (t) => {
      const lifecycle = await unitLifecycleAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/lifecycles/${lifecycle.id}`,
        headers: { 'if-match': `"${lifecycle.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/gates',
    allowed: readersOut,
    request: async (t) => {
      await lifecycleOf(t);
      return { method: 'GET', url: `${v1}/projects/${tree[t].project}/gates` };
    },
  },
  {
    route: 'POST /projects/:id/gate-reviews',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await projectReadyForReview(t)}/gate-reviews`,
      payload: { gateId: await firstGateOf(t) },
    }),
  },
  {
    route: 'PUT /gate-reviews/:id/results',
    allowed: projectEditors,
    request: async (t) => {
      const review = await openGateReview(db, systemFor(t), await projectReadyForReview(t), {
        gateId: await firstGateOf(t),
      });
      return {
        method: 'PUT',
        url: `${v1}/gate-reviews/${review.id}/results`,
        headers: { 'if-match': `"${review.version}"` },
        payload: {
          results: [{ criterionId: review.results[0]!.criterionId, result: 'met', evidence: 'signed' }],
        },
      };
    },
  },
  {
    route: 'POST /gate-reviews/:id/pmo-review',
    allowed: unitShapers,
    request: async (t) => {
      const { review } = await reviewAt(t);
      return {
        method: 'POST',
        url: `${v1}/gate-reviews/${review.id}/pmo-review`,
        headers: { 'if-match': `"${review.version}"` },
        payload: { note: 'Checked' },
      };
    },
  },
  {
    // G1 names the program manager: that role and those above it decide.
    route: 'POST /gate-reviews/:id/decision',
    allowed: changeDeciders,
    request: async (t) => {
      const { project, review } = await reviewAt(t);
      return {
        method: 'POST',
        url: `${v1}/gate-reviews/${review.id}/decision`,
        payload: { decision: 'hold', reason: 'Funding review', expectedVersion: project.version },
      };
    },
  },
  {
    route: 'GET /projects/:id/termination-impact',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/termination-impact` }),
  },
  {
    route: 'POST /projects/:id/terminate',
    allowed: unitShapers,
    request: async (t) => {
      const project = await freshProject(t);
      return {
        method: 'POST',
        url: `${v1}/projects/${project.id}/terminate`,
        payload: { reason: 'No longer needed', expectedVersion: project.version },
      };
    },
  },
  {
    route: 'GET /benefits',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/benefits` }),
  },
  {
    route: 'GET /benefits/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/benefits/${(await benefitAt(t)).id}` }),
  },
  {
    route: 'POST /benefits',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/benefits`,
      payload: { projectId: tree[t].project, name: 'Faster', measure: 'Days', baseline: 10, target: 5 },
    }),
  },
  {
    route: 'PATCH /benefits/:id',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/benefits/${benefit.id}`,
        headers: { 'if-match': `"${benefit.version}"` },
        payload: { status: 'tracking' },
      };
    },
  },
  {
    route: 'DELETE /benefits/:id',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/benefits/${benefit.id}`,
        headers: { 'if-match': `"${benefit.version}"` },
      };
    },
  },
  {
    route: 'POST /benefits/:id/measurements',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'POST',
        url: `${v1}/benefits/${benefit.id}/measurements`,
        headers: { 'if-match': `"${benefit.version}"` },
        payload: { measuredOn: '2027-06-30', value: 12 },
      };
    },
  },
  {
    route: 'DELETE /benefits/:id/measurements/:measurementId',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      const measured = await addMeasurement(db, systemFor(t), benefit.id, benefit.version, {
        measuredOn: '2027-06-30',
        value: 12,
      });
      return {
        method: 'DELETE',
        url: `${v1}/benefits/${benefit.id}/measurements/${measured.measurements[0]!.id}`,
        headers: { 'if-match': `"${measured.version}"` },
      };
    },
  },
  {
    route: 'GET /lessons',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lessons?q=estimate` }),
  },
  {
    // Lessons are the organization's knowledge: every member reads them.
    route: 'GET /lessons/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/lessons/${(await lessonAt(t)).id}` }),
  },
  {
    route: 'POST /lessons',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/lessons`,
      payload: {
        projectId: tree[t].project,
        title: 'Estimate together',
        category: 'Planning',
        kind: 'success',
      },
    }),
  },
  {
    route: 'PATCH /lessons/:id',
    allowed: projectEditors,
    request: async (t) => {
      const lesson = await lessonAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/lessons/${lesson.id}`,
        headers: { 'if-match': `"${lesson.version}"` },
        payload: { tags: ['estimating'] },
      };
    },
  },
  {
    route: 'DELETE /lessons/:id',
    allowed: projectEditors,
    request: async (t) => {
      const lesson = await lessonAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/lessons/${lesson.id}`,
        headers: { 'if-match': `"${lesson.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/suggested-lessons',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/suggested-lessons` }),
  },
  {
    route: 'POST /lessons/:id/change-proposals',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/lessons/${(await lessonAt(t)).id}/change-proposals`,
      payload: {
        targetKind: 'standard',
        targetReference: 'Estimating standard',
        proposedText: 'Estimate in pairs',
      },
    }),
  },
  {
    route: 'GET /lesson-change-proposals',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lesson-change-proposals` }),
  },
  {
    route: 'PATCH /lesson-change-proposals/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const proposal = await proposalAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/lesson-change-proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { status: 'accepted' },
      };
    },
  },
];
