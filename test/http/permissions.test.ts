import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authCases } from './permissions/cases-auth.ts';
import { changeControlCases } from './permissions/cases-change-control.ts';
import { communicationCases } from './permissions/cases-communication.ts';
import { configurationCases } from './permissions/cases-configuration.ts';
import { financeCases } from './permissions/cases-finance.ts';
import { governanceCases } from './permissions/cases-governance.ts';
import { intakeCases } from './permissions/cases-intake.ts';
import { knowledgeCases } from './permissions/cases-knowledge.ts';
import { maturityCases } from './permissions/cases-maturity.ts';
import { notificationCases } from './permissions/cases-notifications.ts';
import { peopleCases } from './permissions/cases-people.ts';
import { planCases } from './permissions/cases-plans.ts';
import { qualityCases } from './permissions/cases-quality.ts';
import { resourceCases } from './permissions/cases-resources.ts';
import { riskCases } from './permissions/cases-risks.ts';
import { schedulingCases } from './permissions/cases-scheduling.ts';
import { statusReportCases } from './permissions/cases-status-reports.ts';
import { structureCases } from './permissions/cases-structure.ts';
import {
  type ActorKey,
  actorKeys,
  app,
  type Case,
  setUpWorld,
  type Target,
  tearDownWorld,
  tokens,
  tree,
  v1,
} from './permissions/world.ts';

beforeAll(setUpWorld, 120_000);
afterAll(tearDownWorld);

/**
 * The permission matrix: every endpoint × every role × a target in the role's scope, out of it, and in
 * another organization. The expectations are written out here, independently of the policy module,
 * so a change of policy has to change this table too.
 */
const cases: Case[] = [
  ...authCases,
  ...structureCases,
  ...peopleCases,
  ...planCases,
  ...riskCases,
  ...notificationCases,
  ...changeControlCases,
  ...schedulingCases,
  ...resourceCases,
  ...governanceCases,
  ...statusReportCases,
  ...qualityCases,
  ...maturityCases,
  ...communicationCases,
  ...financeCases,
  ...knowledgeCases,
  ...configurationCases,
  ...intakeCases,
];

describe('permission matrix', () => {
  it('has a case for every endpoint of the API', async () => {
    const document = (await app.inject({ method: 'GET', url: `${v1}/openapi.json` })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(documented.length).toBeGreaterThan(30);
    expect(new Set(cases.map((c) => c.route))).toEqual(new Set(documented));
  });

  for (const testCase of cases) {
    it(`${testCase.route}: allowed exactly where the roles reach`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const actor of actorKeys) {
        for (const target of testCase.targets ?? (['in', 'out', 'other'] as Target[])) {
          const options = await testCase.request(target, actor);
          const response = await app.inject({
            ...options,
            headers: { ...(options.headers ?? {}), authorization: `Bearer ${tokens[actor]}` },
          });
          const allowed = response.statusCode < 300;
          const denied =
            response.statusCode === 403 ||
            response.statusCode === 404 ||
            (target === 'other' && response.statusCode === 400);
          outcomes.push(
            `${actor}/${target}: ${allowed ? 'allowed' : denied ? 'denied' : `status ${response.statusCode} ${response.body}`}`,
          );
          expected.push(`${actor}/${target}: ${testCase.allowed(actor, target) ? 'allowed' : 'denied'}`);
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }

  it('lists hold only what each role may read, and nothing of another organization', async () => {
    const visible = async (actor: ActorKey, path: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `${v1}/${path}?pageSize=500`,
        headers: { authorization: `Bearer ${tokens[actor]}` },
      });
      return new Set((response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id));
    };
    for (const actor of actorKeys) {
      const projects = await visible(actor, 'projects');
      const programs = await visible(actor, 'programs');
      const portfolios = await visible(actor, 'portfolios');
      const units = await visible(actor, 'business-units');
      const seesOut = actor === 'pmoOrg' || actor === 'executiveOrg';
      expect(projects.has(tree.in.project), `${actor} sees its project`).toBe(true);
      expect(programs.has(tree.in.program), `${actor} sees its program`).toBe(true);
      expect(portfolios.has(tree.in.portfolio), `${actor} sees its portfolio`).toBe(true);
      expect(projects.has(tree.out.project), `${actor} and the other project`).toBe(seesOut);
      expect(programs.has(tree.out.program), `${actor} and the other program`).toBe(seesOut);
      expect(portfolios.has(tree.out.portfolio), `${actor} and the other portfolio`).toBe(seesOut);
      expect(units.has(tree.out.unit), `${actor} reads the whole unit tree`).toBe(true);
      for (const id of Object.values(tree.other)) {
        expect(projects.has(id) || programs.has(id) || portfolios.has(id) || units.has(id)).toBe(false);
      }
    }
  });

  it('refuses every API call without credentials', async () => {
    for (const testCase of cases.filter((c) => !c.route.startsWith('POST /auth/'))) {
      const options = await testCase.request('in', 'pmoOrg');
      const response = await app.inject(options);
      expect(response.statusCode, testCase.route).toBe(401);
    }
    // Every case makes its own fixtures: on a busy shared machine that takes more than the default minute.
  }, 300_000);
});
