import { z } from 'zod';
import { scopeTypes } from './access.ts';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

export const attitudes = ['resistant', 'skeptical', 'neutral', 'supportive', 'champion'] as const;
export const engagementLevels = ['unaware', 'resistant', 'neutral', 'supportive', 'leading'] as const;
const rating = z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');

/** Stakeholders and plans hang off a project or a program: exactly one of the two ids. */
const placement = {
  projectId: idSchema.nullable().default(null),
  programId: idSchema.nullable().default(null),
};

export const stakeholderInput = z.object({
  ...placement,
  name: z.string().trim().min(1, 'is required').max(200),
  userId: idSchema.nullable().default(null),
  organization: z.string().max(200).default(''),
  role: z.string().max(200).default(''),
  influence: rating,
  interest: rating,
  attitude: z.enum(attitudes).default('neutral'),
  engagementCurrent: z.enum(engagementLevels).default('neutral'),
  engagementDesired: z.enum(engagementLevels).default('supportive'),
});
export const stakeholderPatch = patchOf(stakeholderInput.omit({ projectId: true, programId: true }));
export const stakeholderSchema = versionedSchema.extend({
  projectId: idSchema.nullable(),
  programId: idSchema.nullable(),
  name: z.string(),
  userId: idSchema.nullable(),
  organization: z.string(),
  role: z.string(),
  influence: z.number().int(),
  interest: z.number().int(),
  attitude: z.enum(attitudes),
  engagementCurrent: z.enum(engagementLevels),
  engagementDesired: z.enum(engagementLevels),
});
export type Stakeholder = z.infer<typeof stakeholderSchema>;
export const placementFilters = { projectId: idSchema.optional(), programId: idSchema.optional() };

export const communicationCadences = ['weekly', 'fortnightly', 'monthly', 'quarterly'] as const;
export const communicationChannels = ['email', 'meeting', 'report', 'in_app'] as const;
export const communicationPlanInput = z.object({
  ...placement,
  audience: z.string().trim().min(1, 'is required').max(300),
  content: z.string().trim().min(1, 'is required').max(2000),
  cadence: z.enum(communicationCadences),
  channel: z.enum(communicationChannels),
  ownerId: idSchema.nullable().default(null),
  nextDue: isoDateSchema,
});
export const communicationPlanPatch = patchOf(
  communicationPlanInput.omit({ projectId: true, programId: true }),
);
export const communicationPlanSchema = versionedSchema.extend({
  projectId: idSchema.nullable(),
  programId: idSchema.nullable(),
  audience: z.string(),
  content: z.string(),
  cadence: z.enum(communicationCadences),
  channel: z.enum(communicationChannels),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  nextDue: z.string(),
});
export type CommunicationPlan = z.infer<typeof communicationPlanSchema>;

export const announcementInput = z.object({
  scopeType: z.enum(scopeTypes),
  scopeId: idSchema.nullable().default(null),
  title: z.string().trim().min(1, 'is required').max(300),
  body: z.string().trim().min(1, 'is required').max(8000),
  sendEmail: z.boolean().default(false),
});
export const announcementSchema = z.object({
  id: idSchema,
  /** Always 1: an announcement is never edited. */
  version: z.number().int(),
  scopeType: z.enum(scopeTypes),
  scopeId: idSchema.nullable(),
  scopeName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  sendEmail: z.boolean(),
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  recipients: z.number().int(),
  createdAt: z.string(),
});
export type Announcement = z.infer<typeof announcementSchema>;

export const outboxStatuses = ['queued', 'sent', 'failed'] as const;
export const outboxEmailSchema = versionedSchema.extend({
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  sourceType: z.string().nullable(),
  sourceId: idSchema.nullable(),
});
export type OutboxEmail = z.infer<typeof outboxEmailSchema>;

export const mailSettingsInput = z.object({
  smtpUrl: z
    .string()
    .trim()
    .regex(
      /^smtps?:\/\/\S+$/,
      'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587',
    ),
  fromAddress: z.string().trim().max(300).default(''),
});
export const mailSettingsSchema = z.object({
  version: z.number().int(),
  /** The password is masked. */
  smtpUrl: z.string(),
  fromAddress: z.string(),
  /** False while the installation's ORRERY_SMTP_URL applies. */
  own: z.boolean(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;
