import type { Database } from '../db/connection.ts';
import { mentoringSessions, mentorships } from '../db/repositories/maturity.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type MentoringSession,
  type Mentorship,
  mentoringSessionInput,
  mentorshipInput,
  mentorshipPatch,
} from '../model/maturity.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

/** The PMO pairs mentors with project managers; the pair themselves may read it and log sessions. */
const isPmo = (actor: Actor) => can(actor, 'assess_maturity', organizationChain);

function requirePmo(actor: Actor) {
  if (!isPmo(actor)) throw new ForbiddenError();
}

function requireParty(actor: Actor, mentorship: Mentorship) {
  if (!isPmo(actor) && actor.userId !== mentorship.mentorId && actor.userId !== mentorship.menteeId)
    throw new ForbiddenError();
}

export async function listMentorships(
  db: Database,
  actor: Actor,
  query: ListQuery & { status?: string },
): Promise<Page<Mentorship>> {
  const page = await listRows<Mentorship>(db, mentorships, actor.orgId, {
    ...query,
    equals: { status: query.status },
    where: isPmo(actor)
      ? undefined
      : (params: SqlParams) => {
          const me = params.add(actor.userId);
          return `(t.mentor_id = ${me}::uuid OR t.mentee_id = ${me}::uuid)`;
        },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getMentorship(db: Database, actor: Actor, id: string) {
  const found = await findRow<Mentorship>(db, mentorships, actor.orgId, id);
  if (!found) throw new NotFoundError('mentorship', id);
  requireParty(actor, found);
  return found;
}

export async function createMentorship(db: Database, actor: Actor, input: unknown) {
  const values = parseInput(mentorshipInput, input);
  return createAudited<Mentorship>(db, actor, 'mentorship', mentorships, values, async () =>
    requirePmo(actor),
  );
}

export async function updateMentorship(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(mentorshipPatch, input);
  return updateAudited<Mentorship>(db, actor, 'mentorship', mentorships, id, version, patch, async () =>
    requirePmo(actor),
  );
}

export async function deleteMentorship(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Mentorship>(db, actor, 'mentorship', mentorships, id, version, async () =>
    requirePmo(actor),
  );
}

export async function listMentoringSessions(db: Database, actor: Actor, mentorshipId: string) {
  await getMentorship(db, actor, mentorshipId);
  const page = await listRows<MentoringSession>(db, mentoringSessions, actor.orgId, {
    page: 1,
    pageSize: 500,
    order: 'desc',
    equals: { mentorshipId },
  });
  return page.items;
}

export async function createMentoringSession(
  db: Database,
  actor: Actor,
  mentorshipId: string,
  input: unknown,
) {
  const values = parseInput(mentoringSessionInput, input);
  return createAudited<MentoringSession>(
    db,
    actor,
    'mentoring_session',
    mentoringSessions,
    { ...values, mentorshipId },
    async (tx) => {
      const mentorship = await findRow<Mentorship>(tx, mentorships, actor.orgId, mentorshipId);
      if (!mentorship) throw new NotFoundError('mentorship', mentorshipId);
      requireParty(actor, mentorship);
    },
  );
}
