import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { isApiError } from './api/client.ts';
import { endpoints } from './api/endpoints.ts';
import { keys } from './api/queries.ts';
import { AppLayout } from './components/app-layout.tsx';
import { NotFound, RouteError } from './components/route-states.tsx';
import { prefetchGantt } from './gantt/gantt-api.ts';
import { validateAdminSearch, validateListSearch, validateLoginSearch } from './lib/search.ts';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: lazyRouteComponent(() => import('./pages/login-page.tsx'), 'LoginPage'),
});

// Every page but the login page needs a session: fetch /me once (cached) and send
// anyone without a session to the login page, remembering where they were going.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData({ queryKey: keys.me, queryFn: () => endpoints.me() });
    } catch (e) {
      if (isApiError(e, 401)) {
        throw redirect({ to: '/login', search: { redirect: location.href } });
      }
      throw e;
    }
  },
  component: AppLayout,
  errorComponent: RouteError,
});

const overviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/overview-page.tsx'), 'OverviewPage'),
});

const businessUnitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/business-units',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/business-units-page.tsx'), 'BusinessUnitsPage'),
});

const businessUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/business-units/$id',
  component: lazyRouteComponent(() => import('./pages/business-unit-page.tsx'), 'BusinessUnitPage'),
});

const portfoliosRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portfolios',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/portfolios-page.tsx'), 'PortfoliosPage'),
});

const portfolioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portfolios/$id',
  component: lazyRouteComponent(() => import('./pages/portfolio-page.tsx'), 'PortfolioPage'),
});

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/programs-page.tsx'), 'ProgramsPage'),
});

const programRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/$id',
  component: lazyRouteComponent(() => import('./pages/program-page.tsx'), 'ProgramPage'),
});

const projectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/projects-page.tsx'), 'ProjectsPage'),
});

const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$id',
  component: lazyRouteComponent(() => import('./pages/project-page.tsx'), 'ProjectPage'),
});

const objectivesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/objectives',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/objectives-page.tsx'), 'ObjectivesPage'),
});

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  validateSearch: validateAdminSearch,
  component: lazyRouteComponent(() => import('./pages/admin-page.tsx'), 'AdminPage'),
});

const risksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/risks',
  component: lazyRouteComponent(() => import('./pages/risks-page.tsx'), 'RisksPage'),
});

const riskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/risks/$id',
  component: lazyRouteComponent(() => import('./pages/risk-page.tsx'), 'RiskPage'),
});

const issuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/issues',
  component: lazyRouteComponent(() => import('./pages/issues-page.tsx'), 'IssuesPage'),
});

const projectGanttRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$id/gantt',
  loader: ({ context, params }) =>
    prefetchGantt(context.queryClient, { kind: 'project', id: params.id, baseline: null }),
  component: lazyRouteComponent(() => import('./gantt/gantt-page.tsx'), 'ProjectGanttPage'),
});

const programGanttRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/$id/gantt',
  loader: ({ context, params }) => prefetchGantt(context.queryClient, { kind: 'program', id: params.id }),
  component: lazyRouteComponent(() => import('./gantt/gantt-page.tsx'), 'ProgramGanttPage'),
});

const resourcesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/resources',
  validateSearch: validateListSearch,
  component: lazyRouteComponent(() => import('./pages/resources-page.tsx'), 'ResourcesPage'),
});

const resourceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/resources/$id',
  component: lazyRouteComponent(() => import('./pages/resource-page.tsx'), 'ResourcePage'),
});

const calendarsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendars',
  component: lazyRouteComponent(() => import('./pages/calendars-page.tsx'), 'CalendarsPage'),
});

const capacityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/capacity',
  component: lazyRouteComponent(() => import('./pages/capacity-page.tsx'), 'CapacityPage'),
});

const staffingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/staffing',
  component: lazyRouteComponent(() => import('./pages/staffing-page.tsx'), 'StaffingPage'),
});

const lifecycleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/lifecycle',
  component: lazyRouteComponent(() => import('./pages/lifecycle-page.tsx'), 'LifecyclePage'),
});

const benefitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/benefits',
  component: lazyRouteComponent(() => import('./pages/benefits-page.tsx'), 'BenefitsPage'),
});

const lessonsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/lessons',
  component: lazyRouteComponent(() => import('./pages/lessons-page.tsx'), 'LessonsPage'),
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('./pages/reports-page.tsx'), 'ReportsPage'),
});

const qualityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/quality',
  component: lazyRouteComponent(() => import('./pages/quality-page.tsx'), 'QualityPage'),
});

const maturityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/maturity',
  component: lazyRouteComponent(() => import('./pages/maturity-page.tsx'), 'MaturityPage'),
});

const announcementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/announcements',
  component: lazyRouteComponent(() => import('./pages/announcements-page.tsx'), 'AnnouncementsPage'),
});

const knowledgeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/knowledge',
  component: lazyRouteComponent(() => import('./pages/knowledge-page.tsx'), 'KnowledgePage'),
});

const assetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/knowledge/$id',
  component: lazyRouteComponent(() => import('./pages/asset-page.tsx'), 'AssetPage'),
});

const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  component: lazyRouteComponent(() => import('./pages/templates-page.tsx'), 'TemplatesPage'),
});

const templateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates/$id',
  component: lazyRouteComponent(() => import('./pages/templates-page.tsx'), 'TemplatePage'),
});

const intakeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intake',
  component: lazyRouteComponent(() => import('./pages/intake-page.tsx'), 'IntakePage'),
});
const proposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intake/$id',
  component: lazyRouteComponent(() => import('./pages/proposal-page.tsx'), 'ProposalPage'),
});
const projectScoringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intake/projects/$id',
  component: lazyRouteComponent(() => import('./pages/project-scoring-page.tsx'), 'ProjectScoringPage'),
});
const scenariosRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scenarios',
  component: lazyRouteComponent(() => import('./pages/scenarios-page.tsx'), 'ScenariosPage'),
});
const scenarioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scenarios/$id',
  component: lazyRouteComponent(() => import('./pages/scenario-page.tsx'), 'ScenarioPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    overviewRoute,
    businessUnitsRoute,
    businessUnitRoute,
    portfoliosRoute,
    portfolioRoute,
    programsRoute,
    programRoute,
    projectsRoute,
    projectRoute,
    objectivesRoute,
    adminRoute,
    risksRoute,
    riskRoute,
    issuesRoute,
    projectGanttRoute,
    programGanttRoute,
    resourcesRoute,
    resourceRoute,
    capacityRoute,
    calendarsRoute,
    staffingRoute,
    lifecycleRoute,
    benefitsRoute,
    lessonsRoute,
    reportsRoute,
    qualityRoute,
    maturityRoute,
    announcementsRoute,
    knowledgeRoute,
    assetRoute,
    templatesRoute,
    templateRoute,
    intakeRoute,
    proposalRoute,
    projectScoringRoute,
    scenariosRoute,
    scenarioRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
