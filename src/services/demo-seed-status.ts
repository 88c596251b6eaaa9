import type { Database } from '../db/connection.ts';
import { backdateReport } from '../db/repositories/status-reports.ts';
import { addDays, dayNumber, isoOfDay } from '../engine/status/cadence.ts';
import type { Project } from '../model/organization.ts';
import { listUsers, systemActor } from './access.ts';
import { loadActor } from './auth.ts';
import { flagLateReports } from './late-reports.ts';
import { createTask, getProjectSchedule } from './planning.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';
import {
  commentOnStatusReport,
  createStatusReport,
  reviewStatusReport,
  submitStatusReport,
} from './status-reports.ts';
import { setReportingCadence } from './status-settings.ts';

type Rag = 'green' | 'amber' | 'red';
type Ratings = [overall: Rag, schedule: Rag, cost: Rag, scope: Rag, resources: Rag, risk: Rag, quality: Rag];

/** The last day of the month `back` months before `today`'s. */
function monthEnd(today: string, back: number): string {
  const [y, m] = today.split('-').map(Number);
  return isoOfDay(Date.UTC(y, m - back, 0) / 86_400_000);
}

/** The Friday on or before `date`. */
function fridayBefore(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 2) % 7));
}

interface ReportPlan {
  start: string;
  end: string;
  ratings: Ratings;
  narrative: string;
  achievements?: string;
  nextSteps?: string;
  decisions?: string;
  /** Left as a draft, or submitted and awaiting review, or reviewed with a conversation. */
  state: 'draft' | 'submitted' | 'reviewed';
  comments?: string[];
}

/**
 * Months of status reporting on the demo's running projects: cadences, report histories reviewed by
 * the program managers with comment threads, a report awaiting review, projects that stopped
 * reporting (late), and self-assessments that the plan's late milestones and red risks contradict.
 */
export async function seedStatusReports(
  db: Database,
  orgId: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<void> {
  const system = systemActor(orgId, 'demo seed');
  const projects = new Map(
    (await listProjects(db, system, { page: 1, pageSize: 500, order: 'asc' })).items.map((p) => [p.code, p]),
  );
  const project = (code: string) => {
    const found = projects.get(code);
    if (!found) throw new Error(`demo project ${code} is missing`);
    return found;
  };
  const managerOf = async (p: Project) =>
    (p.managerId && (await loadActor(db, orgId, p.managerId))) || system;
  const personNamed = async (name: string): Promise<Actor> => {
    const found = (await listUsers(db, system, { q: name, page: 1, pageSize: 1, order: 'asc' })).items[0];
    return (found && (await loadActor(db, orgId, found.id))) || system;
  };
  const reviewers: Record<string, Actor> = {
    CP: await personNamed('Grace Liu'),
    OX: await personNamed('Hiro Tanaka'),
    GM: await personNamed('Ines Duarte'),
  };

  async function write(p: Project, plans: ReportPlan[]) {
    const author = await managerOf(p);
    const reviewer = reviewers[p.code.slice(0, 2)] ?? system;
    for (const plan of plans) {
      const [overall, schedule, cost, scope, resources, risk, quality] = plan.ratings;
      const draft = await createStatusReport(db, author, p.id, {
        periodStart: plan.start,
        periodEnd: plan.end,
        overallRag: overall,
        scheduleRag: schedule,
        costRag: cost,
        scopeRag: scope,
        resourcesRag: resources,
        riskRag: risk,
        qualityRag: quality,
        narrative: plan.narrative,
        achievements: plan.achievements ?? '',
        nextSteps: plan.nextSteps ?? '',
        decisionsNeeded: plan.decisions ?? '',
      });
      if (plan.state === 'draft') continue;
      await submitStatusReport(db, author, draft.id, draft.version);
      const [question, answer] = plan.comments ?? [];
      if (question) {
        const asked = await commentOnStatusReport(db, reviewer, draft.id, { body: question });
        if (answer)
          await commentOnStatusReport(db, author, draft.id, { body: answer, parentId: asked.comments[0].id });
      }
      if (plan.state === 'reviewed')
        await reviewStatusReport(db, reviewer, draft.id, { note: 'Reviewed at the program board.' });
      const submittedAt = `${addDays(plan.end, 1)}T09:30:00.000Z`;
      await backdateReport(
        db,
        orgId,
        draft.id,
        submittedAt,
        plan.state === 'reviewed' ? `${addDays(plan.end, 4)}T15:00:00.000Z` : null,
      );
    }
  }

  // A slipped milestone lands inside the plan as it stands, so it makes the project late without
  // moving its finish (the change-control demo measures its slips against that finish).
  const milestone = async (p: Project, name: string, daysBefore: number) => {
    const { computedFinish } = await getProjectSchedule(db, system, p.id);
    const planEnd =
      computedFinish && computedFinish.slice(0, 10) < today ? computedFinish.slice(0, 10) : today;
    return createTask(db, system, p.id, {
      name,
      milestone: true,
      durationMinutes: 0,
      constraintType: 'MSO',
      constraintDate: `${addDays(planEnd, -daysBefore)}T08:00:00`,
    });
  };

  // CP-101 reports monthly and on time; its latest report waits for the program manager.
  const portal = project('CP-101');
  await setReportingCadence(db, system, portal.id, undefined, {
    frequency: 'monthly',
    anchorDate: monthEnd(today, 4),
    graceDays: 3,
  });
  await write(portal, [
    {
      start: addDays(monthEnd(today, 5), 1),
      end: monthEnd(today, 4),
      ratings: ['green', 'green', 'green', 'green', 'amber', 'green', 'green'],
      narrative: 'Sprint cadence is steady; the design system is adopted across all new pages.',
      achievements: 'Account pages released to 10% of customers.',
      nextSteps: 'Open the pilot to 30% and start the checkout rebuild.',
      state: 'reviewed',
      comments: ['Is the front-end hire confirmed?', 'Yes, starting next month.'],
    },
    {
      start: addDays(monthEnd(today, 4), 1),
      end: monthEnd(today, 3),
      ratings: ['amber', 'amber', 'green', 'green', 'amber', 'amber', 'green'],
      narrative: 'Checkout rebuild started late: the payment provider changed its API.',
      achievements: 'Pilot at 30% with a satisfaction score of 4.4.',
      nextSteps: 'Finish the payment adapter; performance tests at peak load.',
      decisions: 'Approve two extra weeks for the payment adapter.',
      state: 'reviewed',
      comments: ['What does the API change cost us?', 'About 12 person-days; we absorb it in the buffer.'],
    },
    {
      start: addDays(monthEnd(today, 3), 1),
      end: monthEnd(today, 2),
      ratings: ['amber', 'amber', 'green', 'green', 'green', 'amber', 'green'],
      narrative: 'Payment adapter delivered; load tests show response times above target at peak.',
      achievements: 'Payment adapter live in the pilot.',
      nextSteps: 'Tune caching; re-run load tests.',
      state: 'reviewed',
    },
    {
      start: addDays(monthEnd(today, 2), 1),
      end: monthEnd(today, 1),
      ratings: ['amber', 'amber', 'amber', 'green', 'green', 'amber', 'green'],
      narrative: 'Caching fixed the peak response times; the launch date holds with little float left.',
      achievements: 'Load tests pass at twice the expected peak.',
      nextSteps: 'Accessibility audit; launch readiness review.',
      decisions: 'Confirm the launch window with marketing.',
      state: 'submitted',
    },
  ]);

  // CP-105 says green while its milestones slip, then stops reporting: late, and disagreeing.
  const payments = project('CP-105');
  await milestone(payments, 'Security review passed', 45);
  await milestone(payments, 'Pilot sign-off', 30);
  await milestone(payments, 'Data migration rehearsed', 24);
  const weeklyAnchor = fridayBefore(addDays(today, -56));
  await setReportingCadence(db, system, payments.id, undefined, {
    frequency: 'weekly',
    anchorDate: weeklyAnchor,
    graceDays: 1,
  });
  await write(
    payments,
    [0, 1, 2, 3].map((week) => ({
      start: addDays(weeklyAnchor, week * 7 - 6),
      end: addDays(weeklyAnchor, week * 7),
      ratings: ['green', 'green', 'amber', 'green', 'green', 'green', 'green'] as Ratings,
      narrative:
        week < 2
          ? 'On track; the vendor confirmed the delivery dates.'
          : 'Minor delays at the vendor; we expect to recover within the month.',
      state: week < 3 ? ('reviewed' as const) : ('submitted' as const),
      comments:
        week === 2
          ? [
              'Two milestones are past due in the plan; why is the schedule green?',
              'The vendor says they will catch up.',
            ]
          : undefined,
    })),
  );

  // CP-102 reports fortnightly and honestly: amber where a milestone slipped.
  const identity = project('CP-102');
  await milestone(identity, 'Single sign-on cut-over', 20);
  const fortnightAnchor = fridayBefore(addDays(today, -42));
  await setReportingCadence(db, system, identity.id, undefined, {
    frequency: 'fortnightly',
    anchorDate: fortnightAnchor,
    graceDays: 2,
  });
  const lastFortnight = Math.floor((dayNumber(today) - dayNumber(fortnightAnchor)) / 14);
  await write(
    identity,
    Array.from({ length: lastFortnight + 1 }, (_, i) => ({
      start: addDays(fortnightAnchor, i * 14 - 13),
      end: addDays(fortnightAnchor, i * 14),
      ratings: (i === 0
        ? ['green', 'green', 'green', 'green', 'green', 'green', 'green']
        : ['amber', 'amber', 'green', 'green', 'green', 'green', 'green']) as Ratings,
      narrative:
        i === 0
          ? 'Directory sync complete for all business units.'
          : 'The cut-over slipped two weeks while two legacy applications are re-certified.',
      nextSteps: 'Re-certify the legacy applications; re-plan the cut-over.',
      state: i === lastFortnight ? ('submitted' as const) : ('reviewed' as const),
    })),
  );

  // OX-201 stopped reporting after two months: its last monthly due dates went by without a report.
  const excellence = project('OX-201');
  await setReportingCadence(db, system, excellence.id, undefined, {
    frequency: 'monthly',
    anchorDate: monthEnd(today, 4),
    graceDays: 5,
  });
  await write(excellence, [
    {
      start: addDays(monthEnd(today, 5), 1),
      end: monthEnd(today, 4),
      ratings: ['green', 'green', 'green', 'green', 'amber', 'green', 'green'],
      narrative: 'Lean pilots running on two lines.',
      state: 'reviewed',
    },
    {
      start: addDays(monthEnd(today, 4), 1),
      end: monthEnd(today, 3),
      ratings: ['green', 'green', 'green', 'green', 'amber', 'green', 'green'],
      narrative: 'Pilots show a 6% throughput gain; roll-out plan agreed with the plant managers.',
      state: 'reviewed',
      comments: [
        'Staff resistance to the picking process is still open in the register: what is the mitigation?',
      ],
    },
  ]);

  // GM-301 is writing this month's report; GM-302 has not reported since its cadence began.
  const grid = project('GM-301');
  await setReportingCadence(db, system, grid.id, undefined, {
    frequency: 'monthly',
    anchorDate: monthEnd(today, 2),
    graceDays: 3,
  });
  await write(grid, [
    {
      start: addDays(monthEnd(today, 3), 1),
      end: monthEnd(today, 2),
      ratings: ['green', 'green', 'green', 'green', 'green', 'green', 'green'],
      narrative: 'Substation surveys complete; procurement of transformers under way.',
      state: 'reviewed',
    },
    {
      start: addDays(monthEnd(today, 2), 1),
      end: monthEnd(today, 1),
      ratings: ['amber', 'green', 'amber', 'green', 'green', 'green', 'green'],
      narrative: 'Transformer prices rose 9%; the contingency covers it.',
      state: 'reviewed',
    },
    {
      start: addDays(monthEnd(today, 1), 1),
      end: today,
      ratings: ['amber', 'green', 'amber', 'green', 'green', 'green', 'green'],
      narrative: 'Draft: first transformers delivered.',
      state: 'draft',
    },
  ]);
  const meters = project('GM-302');
  await setReportingCadence(db, system, meters.id, undefined, {
    frequency: 'fortnightly',
    anchorDate: fridayBefore(addDays(today, -20)),
    graceDays: 0,
  });
  // The program managers and the PMO hear of the late reports, as the scheduled job would tell them.
  await flagLateReports(db, orgId, today);
}
