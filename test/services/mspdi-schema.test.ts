import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { exportProjectPlan } from '../../src/services/plan-export.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

/*
 * The MSPDI schema is a tree of xsd:sequence elements: MS Project refuses a file whose elements
 * are unknown where they stand or out of order. No copy of the XSD is available offline, so the
 * grammar is learnt from the files MS Project 2002–2019 itself saved (shared/data/mspdi/mpxj/
 * generated): which children each element may hold, and which child comes before which. Orrery's
 * export must use only that vocabulary, in that order.
 */

const generated = fileURLToPath(new URL('../../../shared/data/mspdi/mpxj/generated/', import.meta.url));

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });

/** The element names among an ordered node list (text and comments left out). */
function childElements(nodes: Ordered): { name: string; children: Ordered }[] {
  const out: { name: string; children: Ordered }[] = [];
  for (const node of nodes)
    for (const [name, value] of Object.entries(node))
      if (name !== '#text' && name !== ':@' && !name.startsWith('?') && Array.isArray(value))
        out.push({ name, children: value as Ordered });
  return out;
}

interface Grammar {
  /** Per element context ("Parent/Element"), the child names seen. */
  allowed: Map<string, Set<string>>;
  /** Per context, pairs "A<B" seen: A as an earlier sibling of B. */
  before: Map<string, Set<string>>;
}

function walk(nodes: Ordered, parent: string, visit: (context: string, names: string[]) => void) {
  for (const { name, children } of childElements(nodes)) {
    const kids = childElements(children);
    const context = `${parent}/${name}`;
    visit(
      context,
      kids.map((k) => k.name),
    );
    walk(children, name, visit);
  }
}

function learn(files: string[]): Grammar {
  const grammar: Grammar = { allowed: new Map(), before: new Map() };
  for (const file of files)
    walk(parser.parse(readFileSync(file, 'utf8')) as Ordered, '', (context, names) => {
      const allowed = grammar.allowed.get(context) ?? new Set<string>();
      const before = grammar.before.get(context) ?? new Set<string>();
      for (const [i, name] of names.entries()) {
        allowed.add(name);
        for (const later of names.slice(i + 1)) if (later !== name) before.add(`${name}<${later}`);
      }
      grammar.allowed.set(context, allowed);
      grammar.before.set(context, before);
    });
  return grammar;
}

/** Each element unknown in its context, and each pair of siblings in the opposite order to MS Project's. */
function violations(grammar: Grammar, xml: string): string[] {
  const found = new Set<string>();
  walk(parser.parse(xml) as Ordered, '', (context, names) => {
    const allowed = grammar.allowed.get(context);
    if (!allowed) return;
    const before = grammar.before.get(context) as Set<string>;
    for (const [i, name] of names.entries()) {
      if (!allowed.has(name)) found.add(`${context}: <${name}> is not an element MS Project writes here`);
      for (const later of names.slice(i + 1))
        if (later !== name && before.has(`${later}<${name}`) && !before.has(`${name}<${later}`))
          found.add(`${context}: <${name}> comes before <${later}>, MS Project writes them the other way`);
    }
  });
  return [...found];
}

function msProjectFiles(): string[] {
  return readdirSync(generated, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.xml'))
    .map((path) => join(generated, path));
}

let db: Database;
let system: Actor;
let orgId: string;
let grammar: Grammar;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  grammar = learn(msProjectFiles());
});
afterAll(async () => db?.close());

const samples = [
  'task-links/task-links-project2019-mspdi.xml',
  'task-baselines/task-baselines-project2019-mspdi.xml',
  'calendar-calendars/calendar-calendars-project2019-mspdi.xml',
  'calendar-recurring-exceptions/calendar-recurring-exceptions-project2010-mspdi.xml',
  'assignment-assignments/assignment-assignments-project2019-mspdi.xml',
  'task-durations/task-durations-project2019-mspdi.xml',
];

describe('MSPDI export against the grammar of MS Project’s own files', () => {
  it('learns a grammar that holds the elements a plan needs', () => {
    expect(grammar.allowed.get('Tasks/Task')).toContain('PredecessorLink');
    expect(grammar.before.get('Tasks/Task')).toContain('UID<Name');
    expect(grammar.allowed.get('Project/Calendars')).toContain('Calendar');
  });

  it('finds a sibling out of order and an element MS Project never writes', () => {
    const bad =
      '<Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><Name>A</Name><UID>1</UID><Colour>red</Colour></Task></Tasks></Project>';
    expect(violations(grammar, bad)).toEqual([
      'Tasks/Task: <Name> comes before <UID>, MS Project writes them the other way',
      'Tasks/Task: <Colour> is not an element MS Project writes here',
    ]);
  });

  it.each(samples)('exports %s in MS Project’s vocabulary and order', async (sample) => {
    const project = await makeProject(db, orgId);
    await importMspdiPlan(db, system, project.id, readFileSync(join(generated, sample), 'utf8'), sample);
    const exported = await exportProjectPlan(db, system, project.id, 'mspdi');
    expect(violations(grammar, String(exported.body))).toEqual([]);
  });
});
