import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import { registerAuthentication } from './authentication.ts';
import { handleError } from './problem.ts';
import { registerAccessRoutes } from './routes/access.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerBenefitAndLessonRoutes } from './routes/benefits-lessons.ts';
import { registerCalendarRoutes } from './routes/calendars.ts';
import { registerChangeRequestRoutes } from './routes/change-requests.ts';
import { registerCommunicationRoutes } from './routes/communication.ts';
import { registerConfigurationRoutes } from './routes/configuration.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerFinanceRoutes } from './routes/finance.ts';
import { registerGanttRoutes } from './routes/gantt.ts';
import { registerGovernanceRoutes } from './routes/governance.ts';
import { registerIntakeRoutes } from './routes/intake.ts';
import { registerKnowledgeRoutes } from './routes/knowledge.ts';
import { registerLevelingRoutes } from './routes/leveling.ts';
import { registerMaturityRoutes } from './routes/maturity.ts';
import { registerPlanFileRoutes } from './routes/plan-files.ts';
import { registerPlanningRoutes } from './routes/planning.ts';
import { registerProjectTemplateRoutes } from './routes/project-templates.ts';
import { registerProjectRoutes } from './routes/projects.ts';
import { registerQualityRoutes } from './routes/quality.ts';
import { registerResourceRoutes } from './routes/resources.ts';
import { registerRiskRoutes } from './routes/risks.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { registerScheduleRiskRoutes } from './routes/schedule-risk.ts';
import { registerStaffingRoutes } from './routes/staffing.ts';
import { registerStatusReportRoutes } from './routes/status-reports.ts';
import { registerStructureRoutes } from './routes/structure.ts';

export interface AppOptions {
  db: Database;
  /** Folder of the built web app (`web/dist`); served at `/` when given. */
  webRoot?: string;
  logger?: boolean;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
  /**
   * Believe X-Forwarded-For (behind a load balancer). Off by default: otherwise any client could
   * pick its own address and slip past the per-address login limit.
   */
  trustProxy?: boolean;
}

export type App = FastifyInstance;

/** The whole HTTP surface: `/api/v1` (REST, OpenAPI at `/api/v1/openapi.json`), `/api/docs`, `/healthz`, and the SPA. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
  // Plans are uploaded as files; one file per request, 200 MB at most (a larger upload gets 413).
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Orrery API',
        description:
          'The PMO platform API. Authenticate with the session cookie from POST /api/v1/auth/login, or with a personal API token as `Authorization: Bearer orr_…`. Lists page with `page` and `pageSize`; updates and deletes need `If-Match` with the version read (the ETag of GET).',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'orrery_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await options.db.query('SELECT 1');
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  await app.register(
    async (api) => {
      registerAuthentication(api, options.db);
      registerAuthRoutes(api, options.db, { secureCookies: options.secureCookies ?? false });
      registerStructureRoutes(api, options.db);
      registerProjectRoutes(api, options.db);
      registerAccessRoutes(api, options.db);
      registerPlanningRoutes(api, options.db);
      registerPlanFileRoutes(api, options.db);
      registerScheduleRiskRoutes(api, options.db);
      registerAuditRoutes(api, options.db);
      registerRiskRoutes(api, options.db);
      registerChangeRequestRoutes(api, options.db);
      registerGanttRoutes(api, options.db);
      registerLevelingRoutes(api, options.db);
      registerResourceRoutes(api, options.db);
      registerCalendarRoutes(api, options.db);
      registerStaffingRoutes(api, options.db);
      registerGovernanceRoutes(api, options.db);
      registerBenefitAndLessonRoutes(api, options.db);
      registerStatusReportRoutes(api, options.db);
      registerQualityRoutes(api, options.db);
      registerMaturityRoutes(api, options.db);
      registerCommunicationRoutes(api, options.db);
      registerFinanceRoutes(api, options.db);
      registerDashboardRoutes(api, options.db);
      registerKnowledgeRoutes(api, options.db);
      registerProjectTemplateRoutes(api, options.db);
      registerConfigurationRoutes(api, options.db);
      registerIntakeRoutes(api, options.db);
      registerScenarioRoutes(api, options.db);
      api.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );

  const webRoot = options.webRoot && resolve(options.webRoot);
  const withWebApp = Boolean(webRoot && existsSync(resolve(webRoot, 'index.html')));
  if (withWebApp) await app.register(fastifyStatic, { root: webRoot as string, wildcard: true });
  // Built assets carry a content hash in their names, so browsers may keep them for good.
  if (withWebApp)
    await app.register(fastifyStatic, {
      root: resolve(webRoot as string, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
    });
  // Files are looked up per request (a rebuilt web/dist is served without a restart); client-side
  // routes (/projects/…) get the app; anything else is a 404 problem.
  app.setNotFoundHandler((request, reply) => {
    if (withWebApp && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'https://orrery.dev/problems/404',
        title: 'Not found',
        status: 404,
        detail: `${request.method} ${request.url.split('?')[0]} is not an endpoint`,
      });
  });
  return app;
}
