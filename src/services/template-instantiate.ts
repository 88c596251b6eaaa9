import type { Database, Queryable } from '../db/connection.ts';
import { insertProjectCriteria } from '../db/repositories/lifecycles.ts';
import { insertTemplateOrigin } from '../db/repositories/project-templates.ts';
import type { PlanOperation } from '../model/plan-bulk.ts';
import { type InstantiateResult, instantiateInput, type TemplateContent } from '../model/project-template.ts';
import { createConfigurationItem } from './configuration.ts';
import { ServiceError, ValidationError } from './errors.ts';
import { lifecycleForUnit } from './lifecycles.ts';
import { translateDatabaseErrors } from './mutation.ts';
import { applyPlanBulk } from './plan-bulk.ts';
import type { Actor } from './policy.ts';
import { publishedTemplateVersion } from './project-templates.ts';
import { createProject } from './projects.ts';
import { createRisk } from './risks.ts';
import { tasksParentsFirst } from './template-rules.ts';
import { parseInput } from './validate.ts';

/** A working day of the standard calendar, in the engine's minutes. */
const DAY_MINUTES = 480;

/**
 * Lets services that open their own transaction run inside an enclosing one, so a project made from a
 * template appears whole or not at all.
 */
function within(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    ...(tx.superuser === undefined ? {} : { superuser: tx.superuser }),
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (work) => work(tx),
    close: async () => {},
  };
}

/** Prefixes a failure with the part of the template it came from, keeping its status and fields. */
async function inPart<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 400)
      throw new ServiceError(error.status, error.title, `${part}: ${error.message}`, error.errors);
    throw error;
  }
}

/**
 * Creates a project from a published template version: the project itself, its WBS and links through
 * the plan's bulk write path (one reschedule), the standard risks, and the required documents as
 * configuration items; it records the version it came from. One transaction: all of it or nothing.
 */
export async function instantiateTemplate(
  db: Database,
  actor: Actor,
  templateId: string,
  body: unknown,
): Promise<InstantiateResult> {
  const input = parseInput(instantiateInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const inner = within(db, tx);
      const version = await publishedTemplateVersion(tx, actor, templateId, input.templateVersionId);
      const { content } = version;
      const project = await createProject(inner, actor, {
        code: input.code,
        name: input.name,
        businessUnitId: input.businessUnitId,
        portfolioId: input.portfolioId,
        programId: input.programId,
        managerId: input.managerId,
        methodology: version.template.methodology,
        targetStart: input.startDate,
      });
      let finish: string | null = null;
      if (content.tasks.length > 0) {
        const operations: PlanOperation[] = [
          ...tasksParentsFirst(content).map(
            (task): PlanOperation => ({
              op: 'create_task',
              ref: task.key,
              ...(task.parentKey ? { parentRef: task.parentKey } : {}),
              task: {
                parentId: null,
                name: task.name,
                wbsCode: task.key,
                durationMinutes: task.milestone ? 0 : Math.round(task.durationDays * DAY_MINUTES),
                durationElapsed: false,
                milestone: task.milestone,
                constraintType: 'ASAP',
                constraintDate: null,
                deadline: null,
                actualStart: null,
                actualFinish: null,
                percentComplete: 0,
              },
            }),
          ),
          ...content.links.map(
            (link): PlanOperation => ({
              op: 'create_link',
              predecessorRef: link.from,
              successorRef: link.to,
              type: link.type,
              lagMinutes: Math.round(link.lagDays * DAY_MINUTES),
              lagPercent: null,
              lagElapsed: false,
            }),
          ),
        ];
        const result = await inPart('the WBS', () => applyPlanBulk(inner, actor, project.id, { operations }));
        finish = result.schedule.computedFinish;
      }
      for (const [index, risk] of content.risks.entries())
        await inPart(`risk ${index + 1}`, () =>
          createRisk(inner, actor, {
            scopeType: 'project',
            scopeId: project.id,
            title: risk.title,
            cause: risk.cause,
            effect: risk.effect,
            probability: risk.probability,
            impactSchedule: risk.impact,
            impactCost: risk.impact,
            impactScope: risk.impact,
            impactQuality: risk.impact,
          }),
        );
      for (const [index, document] of content.documents.entries())
        await inPart(`document ${index + 1}`, () =>
          createConfigurationItem(inner, actor, project.id, {
            kind: document.kind,
            identifier: document.identifier,
            title: document.title,
          }),
        );
      const gateCriteria = await attachGateChecklists(tx, actor, project.id, input.businessUnitId, content);
      await insertTemplateOrigin(tx, actor.orgId, project.id, version.id, actor.userId);
      return {
        projectId: project.id,
        templateVersionId: version.id,
        tasks: content.tasks.length,
        links: content.links.length,
        risks: content.risks.length,
        configurationItems: content.documents.length,
        gateCriteria,
        finish,
      };
    }),
  );
}

/**
 * The template's gate checklists join the criteria of the same gates of the lifecycle the new project
 * follows: a gate is matched by name, else by its place in the template's list. Without a lifecycle
 * the project has no gates to review, and nothing is attached.
 */
async function attachGateChecklists(
  tx: Queryable,
  actor: Actor,
  projectId: string,
  businessUnitId: string,
  content: TemplateContent,
): Promise<number> {
  if (content.gates.length === 0) return 0;
  const lifecycle = await lifecycleForUnit(tx, actor.orgId, businessUnitId);
  if (!lifecycle) return 0;
  const gates = lifecycle.stages.flatMap((stage) => (stage.gate ? [stage.gate] : []));
  const byName = new Map(gates.map((gate) => [gate.name.trim().toLowerCase(), gate]));
  let attached = 0;
  for (const [index, templateGate] of content.gates.entries()) {
    const gate = byName.get(templateGate.name.trim().toLowerCase()) ?? gates[index];
    if (!gate)
      throw new ValidationError([
        {
          field: `content.gates.${index}`,
          message: `"${templateGate.name}" matches no gate of the lifecycle "${lifecycle.name}" (it has ${gates.length})`,
        },
      ]);
    await insertProjectCriteria(tx, actor.orgId, projectId, gate.id, templateGate.checklist);
    attached += templateGate.checklist.length;
  }
  return attached;
}
