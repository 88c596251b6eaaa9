import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';
import { oversightLevels } from './quality.ts';

const title = z.string().trim().min(1, 'is required').max(300);

export const questionInput = z.object({
  knowledgeArea: z.string().trim().min(1, 'is required').max(100),
  text: z.string().trim().min(1, 'is required').max(1000),
});
export const questionnaireInput = z.object({
  name: title,
  description: z.string().max(4000).default(''),
  questions: z.array(questionInput).min(1, 'needs at least one question').max(200),
});
/** Questions can change only until the first assessment freezes the questionnaire. */
export const questionnairePatch = patchOf(questionnaireInput);
export const questionnaireSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  frozen: z.boolean(),
  questions: z.array(
    z.object({ id: idSchema, position: z.number().int(), knowledgeArea: z.string(), text: z.string() }),
  ),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

export const assessmentSubjects = ['user', 'team'] as const;
export const assessmentInput = z.object({
  questionnaireId: idSchema,
  subjectType: z.enum(assessmentSubjects),
  /** The project manager assessed (subjectType user). */
  subjectUserId: idSchema.nullable().default(null),
  /** The project whose team is assessed (subjectType team). */
  subjectProjectId: idSchema.nullable().default(null),
  assessedOn: isoDateSchema,
  notes: z.string().max(4000).default(''),
  /** Every question of the questionnaire, each scored 1 (ad hoc) … 5 (optimizing). */
  answers: z.array(z.object({ questionId: idSchema, score: z.number().int().min(1).max(5) })),
});
export const areaScoreSchema = z.object({ knowledgeArea: z.string(), mean: z.number() });
export const assessmentSchema = versionedSchema.extend({
  questionnaireId: idSchema,
  questionnaireName: z.string(),
  subjectType: z.enum(assessmentSubjects),
  subjectUserId: idSchema.nullable(),
  subjectProjectId: idSchema.nullable(),
  subjectName: z.string(),
  assessorId: idSchema.nullable(),
  assessorName: z.string().nullable(),
  assessedOn: z.string(),
  score: z.number(),
  level: z.number().int(),
  oversight: z.enum(oversightLevels),
  notes: z.string(),
  areas: z.array(areaScoreSchema),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const reportingCadences = ['weekly', 'fortnightly', 'monthly'] as const;
export const gateReviews = ['all', 'major', 'none'] as const;
export const oversightPolicyInput = z.object({
  /** Levels below this get intensive oversight. */
  standardFrom: z.number().int().min(2).max(5),
  /** Levels from this up get light oversight (6: never). */
  lightFrom: z.number().int().min(2).max(6),
  intensiveCadence: z.enum(reportingCadences),
  standardCadence: z.enum(reportingCadences),
  lightCadence: z.enum(reportingCadences),
  intensiveGates: z.enum(gateReviews),
  standardGates: z.enum(gateReviews),
  lightGates: z.enum(gateReviews),
});
export type OversightPolicyValues = z.infer<typeof oversightPolicyInput>;
export const oversightPolicySchema = oversightPolicyInput.extend({ version: z.number().int() });
export type OversightPolicy = z.infer<typeof oversightPolicySchema>;

export const projectOversightSchema = z.object({
  projectId: idSchema,
  managerId: idSchema.nullable(),
  /** The project manager's latest assessed level; null when never assessed. */
  level: z.number().int().nullable(),
  oversight: z.enum(oversightLevels),
  reportingCadence: z.enum(reportingCadences),
  pmoReviewGates: z.enum(gateReviews),
  /** Quality standards (ids and codes) that apply to the project under this oversight. */
  applicableChecks: z.array(z.object({ id: idSchema, code: z.string(), name: z.string() })),
});
export type ProjectOversight = z.infer<typeof projectOversightSchema>;

export const mentorshipStatuses = ['active', 'completed', 'cancelled'] as const;
export const mentorshipInput = z.object({
  mentorId: idSchema,
  menteeId: idSchema,
  goals: z.string().max(4000).default(''),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema.nullable().default(null),
  status: z.enum(mentorshipStatuses).default('active'),
});
export const mentorshipPatch = patchOf(mentorshipInput.omit({ mentorId: true, menteeId: true }));
export const mentorshipSchema = versionedSchema.extend({
  mentorId: idSchema,
  mentorName: z.string(),
  menteeId: idSchema,
  menteeName: z.string(),
  goals: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(mentorshipStatuses),
  sessions: z.number().int(),
});
export type Mentorship = z.infer<typeof mentorshipSchema>;

export const mentoringSessionInput = z.object({
  heldOn: isoDateSchema,
  notes: z.string().max(8000).default(''),
  followUps: z.string().max(4000).default(''),
});
export const mentoringSessionSchema = versionedSchema.extend({
  mentorshipId: idSchema,
  heldOn: z.string(),
  notes: z.string(),
  followUps: z.string(),
});
export type MentoringSession = z.infer<typeof mentoringSessionSchema>;
