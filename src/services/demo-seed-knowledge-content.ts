import type { TemplateContent } from '../model/project-template.ts';

/** The demo's process assets: each a list of versions, oldest first, as the PMO wrote them. */
export interface DemoAsset {
  kind: 'methodology' | 'standard' | 'guideline' | 'policy' | 'procedure' | 'template' | 'checklist';
  title: string;
  summary: string;
  tags: string[];
  methodology?: 'predictive' | 'agile' | 'hybrid';
  projectType?: string;
  owner: string;
  versions: Array<{ note: string; body: string }>;
  /** The last version stays a draft or in review instead of being published. */
  lastOpen?: 'draft' | 'in_review';
  attachment?: { fileName: string; contentType: string; text: string };
}

const methodologyV1 = `# Orrery delivery methodology

Every project moves through five stages: **proposal**, **initiation**, **planning**, **execution** and **closure**.

## Gates
- Gate 1 — the business case is approved.
- Gate 2 — the plan is baselined.
- Gate 3 — the project is accepted and closed.

## Roles
The sponsor owns the business case. The project manager owns the plan.`;

const methodologyV2 = `${methodologyV1}

## Tailoring
Projects under 500 hours may merge initiation and planning into one stage.`;

const methodologyV3 = `# Orrery delivery methodology

Every project moves through five stages: **proposal**, **initiation**, **planning**, **execution** and **closure**.

## Gates
- Gate 1 — the business case is approved by the investment board.
- Gate 2 — the plan is baselined and the risk register reviewed.
- Gate 3 — the project is accepted, lessons are recorded and the project is closed.

## Roles
| Role | Owns |
| --- | --- |
| Sponsor | the business case and the benefits |
| Project manager | the plan, the risks and the change log |
| PMO | the standards, templates and gate reviews |

## Tailoring
Projects under 500 hours may merge initiation and planning into one stage.
Agile teams follow the same gates; their plan is the release roadmap.

> Tailoring is recorded in the project charter and approved at Gate 1.`;

const riskV1 = `# Risk management standard

Every project keeps a risk register from initiation on.

## Assessment
Score each risk on the organization's 5 × 5 matrix: probability times the worst impact.

## Review
The project manager reviews the register monthly.`;

const riskV2 = `# Risk management standard

Every project keeps a risk register from initiation on.

## Assessment
Score each risk on the organization's 5 × 5 matrix: probability times the worst impact.
Risks scoring 15 or more are escalated to the program.

## Review
The project manager reviews the register every two weeks, and before every gate.

## Responses
Each risk above 8 has an owner, a response strategy and at least one action with a due date.`;

const riskV3 = riskV2.replace('every two weeks', 'weekly during execution and every two weeks otherwise');

const changeV1 = `# Change control policy

Any change to an approved baseline — scope, schedule or cost — needs a change request.

1. The project manager raises the request with its impact.
2. The program manager decides changes within the program's tolerance.
3. The PMO decides changes beyond tolerance.`;

const changeV2 = `${changeV1}

## Configuration items
Baselined deliverables, specifications and documents change only through an **approved** change request;
the new version records the request that approved it.`;

const closureV1 = `# Project closure procedure

1. Confirm acceptance of every deliverable with the sponsor.
2. Release the team and hand over to operations.
3. Archive the project documents.`;

const closureV2 = `# Project closure procedure

1. Confirm acceptance of every deliverable with the sponsor, in writing.
2. Hold a lessons-learned session within two weeks of the last milestone.
3. Release the team and hand over to operations with the support runbook.
4. Close the cost accounts and report the final figures to finance.
5. Archive the project documents and the configuration baseline.`;

const statusGuideline = `# Status reporting guideline

Agile teams report at the end of every sprint, in one page:

- **Done** — what was accepted in the sprint review.
- **Next** — the sprint goal.
- **Blocked** — impediments that need help from outside the team.
- **Trend** — the burn-up against the release forecast.

Use green, amber and red *only* as defined in the health standard.`;

const gateChecklist = `# Gate 2 readiness checklist

- [ ] Schedule baselined and critical path reviewed
- [ ] Budget approved by finance
- [ ] Risk register reviewed; top five risks have owners and actions
- [ ] Resource plan agreed with the resource managers
- [ ] Configuration baseline of the specifications taken
- [ ] Communication plan published

See the [change control policy](/knowledge) for what happens after the baseline.`;

const charterTemplate = `# Project charter — template

## Purpose
*Why the project exists and which strategic objective it serves.*

## Scope
- In scope:
- Out of scope:

## Milestones
| Milestone | Target date |
| --- | --- |
| Gate 1 | |
| Gate 2 | |

## Tailoring of the methodology
*Which stages are merged, and why.*`;

export const demoAssets: DemoAsset[] = [
  {
    kind: 'methodology',
    title: 'Orrery delivery methodology',
    summary: 'Stages, gates and roles every project follows, and how to tailor them.',
    tags: ['lifecycle', 'gates', 'tailoring'],
    owner: 'Grace Liu',
    versions: [
      { note: 'First issue', body: methodologyV1 },
      { note: 'Tailoring for small projects', body: methodologyV2 },
      { note: 'Roles table; agile teams; who approves tailoring', body: methodologyV3 },
    ],
  },
  {
    kind: 'standard',
    title: 'Risk management standard',
    summary: 'How projects identify, score, review and respond to risks.',
    tags: ['risk', 'escalation'],
    owner: 'Grace Liu',
    versions: [
      { note: 'First issue', body: riskV1 },
      { note: 'Escalation threshold; fortnightly reviews; responses', body: riskV2 },
      { note: 'Weekly reviews during execution', body: riskV3 },
    ],
    lastOpen: 'in_review',
  },
  {
    kind: 'policy',
    title: 'Change control policy',
    summary: 'Who decides changes to baselines, and how configuration items are controlled.',
    tags: ['change', 'configuration', 'governance'],
    owner: 'Grace Liu',
    versions: [
      { note: 'First issue', body: changeV1 },
      { note: 'Configuration items need an approved change request', body: changeV2 },
    ],
  },
  {
    kind: 'procedure',
    title: 'Project closure procedure',
    summary: 'The steps from acceptance to archive.',
    tags: ['closure', 'lessons'],
    methodology: 'predictive',
    owner: 'Grace Liu',
    versions: [
      { note: 'First issue', body: closureV1 },
      { note: 'Lessons learned, finance close, baseline archive', body: closureV2 },
    ],
  },
  {
    kind: 'guideline',
    title: 'Status reporting guideline',
    summary: 'One-page sprint reports for agile teams.',
    tags: ['reporting', 'sprint'],
    methodology: 'agile',
    owner: 'Grace Liu',
    versions: [{ note: 'First issue', body: statusGuideline }],
  },
  {
    kind: 'checklist',
    title: 'Gate 2 readiness checklist',
    summary: 'What must be true before a plan is baselined.',
    tags: ['gates', 'baseline'],
    owner: 'Grace Liu',
    versions: [{ note: 'First issue', body: gateChecklist }],
    attachment: {
      fileName: 'gate-2-checklist.csv',
      contentType: 'text/csv',
      text: 'item,owner,done\nSchedule baselined,PM,\nBudget approved,Finance,\nRisks reviewed,PM,\n',
    },
  },
  {
    kind: 'template',
    title: 'Project charter template',
    summary: 'The charter every project writes at initiation.',
    tags: ['charter', 'initiation'],
    owner: 'Grace Liu',
    versions: [{ note: 'First issue', body: charterTemplate }],
  },
];

const task = (
  key: string,
  name: string,
  parentKey: string | null,
  durationDays: number,
  milestone = false,
) => ({
  key,
  name,
  parentKey,
  durationDays,
  milestone,
});
const fs = (from: string, to: string, lagDays = 0) => ({ from, to, type: 'FS' as const, lagDays });

const softwareReleaseV1: TemplateContent = {
  tasks: [
    task('1', 'Discovery', null, 0),
    task('1.1', 'Requirements workshop', '1', 3),
    task('1.2', 'Requirements specification', '1', 5),
    task('2', 'Delivery', null, 0),
    task('2.1', 'Design', '2', 10),
    task('2.2', 'Build', '2', 20),
    task('2.3', 'System test', '2', 10),
    task('3', 'Release', null, 0, true),
  ],
  links: [fs('1.1', '1.2'), fs('1.2', '2.1'), fs('2.1', '2.2'), fs('2.2', '2.3'), fs('2.3', '3')],
  risks: [
    {
      title: 'Requirements change late',
      cause: 'Stakeholders join late',
      effect: 'Rework in build',
      probability: 0.4,
      impact: 3,
    },
    {
      title: 'Test environment not ready',
      cause: '',
      effect: 'System test slips',
      probability: 0.3,
      impact: 3,
    },
  ],
  documents: [
    { identifier: 'SPEC-REQ', title: 'Requirements specification', kind: 'specification' },
    { identifier: 'DOC-TEST', title: 'Test plan', kind: 'document' },
  ],
  gates: [
    { name: 'Gate 2 — plan baselined', checklist: ['Requirements signed off', 'Schedule baselined'] },
    { name: 'Go/no-go', checklist: ['System test passed', 'Rollback plan rehearsed'] },
  ],
};

export const demoTemplates: Array<{
  name: string;
  description: string;
  methodology: 'predictive' | 'hybrid';
  versions: Array<{ note: string; content: TemplateContent }>;
}> = [
  {
    name: 'Software release',
    description:
      'A release of a business application: discovery, design, build, test and a controlled go-live.',
    methodology: 'hybrid',
    versions: [
      { note: 'First issue', content: softwareReleaseV1 },
      {
        note: 'User acceptance testing and hypercare; release notes are controlled',
        content: {
          ...softwareReleaseV1,
          tasks: [
            ...softwareReleaseV1.tasks.filter((t) => t.key !== '3'),
            task('2.4', 'User acceptance testing', '2', 5),
            task('3', 'Release', null, 0, true),
            task('4', 'Hypercare', null, 10),
          ],
          links: [
            ...softwareReleaseV1.links.filter((l) => l.from !== '2.3'),
            fs('2.3', '2.4'),
            fs('2.4', '3'),
            fs('3', '4'),
          ],
          risks: [
            ...softwareReleaseV1.risks,
            {
              title: 'Key users unavailable for UAT',
              cause: 'Year-end close',
              effect: 'Go-live slips',
              probability: 0.3,
              impact: 2,
            },
          ],
          documents: [
            ...softwareReleaseV1.documents,
            { identifier: 'DOC-REL', title: 'Release notes', kind: 'document' },
            { identifier: 'DEL-APP', title: 'Released application', kind: 'deliverable' },
          ],
        },
      },
    ],
  },
  {
    name: 'Facility fit-out',
    description: 'Fitting out an office or a plant room: survey, design, permits, works and handover.',
    methodology: 'predictive',
    versions: [
      {
        note: 'First issue',
        content: {
          tasks: [
            task('1', 'Preparation', null, 0),
            task('1.1', 'Site survey', '1', 2),
            task('1.2', 'Layout design', '1', 8),
            task('1.3', 'Building permit', '1', 20),
            task('2', 'Works', null, 0),
            task('2.1', 'Strip-out', '2', 5),
            task('2.2', 'Mechanical and electrical', '2', 15),
            task('2.3', 'Finishes and furniture', '2', 10),
            task('3', 'Handover', null, 0, true),
          ],
          links: [
            fs('1.1', '1.2'),
            fs('1.2', '1.3'),
            fs('1.3', '2.1'),
            fs('2.1', '2.2'),
            { from: '2.2', to: '2.3', type: 'SS', lagDays: 5 },
            fs('2.3', '3'),
          ],
          risks: [
            {
              title: 'Permit delayed by the council',
              cause: 'Backlog at the planning office',
              effect: 'Works start late',
              probability: 0.35,
              impact: 4,
            },
            {
              title: 'Asbestos found during strip-out',
              cause: 'Building from the 1970s',
              effect: 'Removal adds weeks',
              probability: 0.15,
              impact: 5,
            },
          ],
          documents: [
            { identifier: 'DWG-LAYOUT', title: 'Layout drawings', kind: 'specification' },
            { identifier: 'DOC-PERMIT', title: 'Building permit', kind: 'document' },
            { identifier: 'DOC-HANDOVER', title: 'Handover file', kind: 'deliverable' },
          ],
          gates: [
            {
              name: 'Start of works',
              checklist: ['Permit granted', 'Contractor insured', 'Site induction done'],
            },
          ],
        },
      },
    ],
  },
];
