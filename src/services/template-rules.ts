import type { TemplateContent } from '../model/project-template.ts';
import type { FieldError } from './errors.ts';

/**
 * What makes a template's content instantiable: unique task keys, parents and link ends that exist,
 * no task its own ancestor, and links that form no cycle — the schedule could never be computed.
 * Every problem is reported at once, each naming the tasks involved.
 */
export function templateContentErrors(content: TemplateContent): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map<string, (typeof content.tasks)[number]>();
  content.tasks.forEach((task, index) => {
    if (byKey.has(task.key))
      errors.push({ field: `content.tasks.${index}.key`, message: `${task.key} is used twice` });
    byKey.set(task.key, task);
  });
  content.tasks.forEach((task, index) => {
    if (task.parentKey !== null && !byKey.has(task.parentKey))
      errors.push({
        field: `content.tasks.${index}.parentKey`,
        message: `no task has the key ${task.parentKey}`,
      });
  });
  for (const task of content.tasks) {
    const seen = new Set<string>([task.key]);
    let parent = task.parentKey;
    while (parent !== null && byKey.has(parent)) {
      if (seen.has(parent)) {
        errors.push({
          field: 'content.tasks',
          message: `the outline loops: ${task.key} ${task.name} is inside itself`,
        });
        break;
      }
      seen.add(parent);
      parent = byKey.get(parent)?.parentKey ?? null;
    }
  }
  const pairs = new Set<string>();
  content.links.forEach((link, index) => {
    for (const end of ['from', 'to'] as const)
      if (!byKey.has(link[end]))
        errors.push({ field: `content.links.${index}.${end}`, message: `no task has the key ${link[end]}` });
    if (link.from === link.to)
      errors.push({ field: `content.links.${index}`, message: `links ${link.from} to itself` });
    const pair = `${link.from}>${link.to}`;
    if (pairs.has(pair))
      errors.push({ field: `content.links.${index}`, message: `links ${link.from} to ${link.to} twice` });
    pairs.add(pair);
  });
  if (errors.length > 0) return errors;
  const cycle = findLinkCycle(content);
  if (cycle) {
    const names = cycle.map((key) => `${key} ${byKey.get(key)?.name ?? ''}`.trim());
    errors.push({
      field: 'content.links',
      message: `the links form a cycle: ${names.join(' → ')} → ${names[0]}`,
    });
  }
  const documents = new Set<string>();
  content.documents.forEach((document, index) => {
    if (documents.has(document.identifier))
      errors.push({
        field: `content.documents.${index}.identifier`,
        message: `${document.identifier} is used twice`,
      });
    documents.add(document.identifier);
  });
  return errors;
}

/** The keys of one cycle among the links (in link order), or null when they form none. */
export function findLinkCycle(content: Pick<TemplateContent, 'links'>): string[] | null {
  const successors = new Map<string, string[]>();
  for (const link of content.links) {
    const list = successors.get(link.from) ?? [];
    list.push(link.to);
    successors.set(link.from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  // Iterative depth-first search, so a long chain of links cannot overflow the stack.
  for (const root of successors.keys()) {
    if (state.has(root)) continue;
    const stack: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    state.set(root, 'open');
    path.push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { key: string; next: number };
      const following = successors.get(frame.key) ?? [];
      if (frame.next >= following.length) {
        state.set(frame.key, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const to = following[frame.next++] as string;
      const seen = state.get(to);
      if (seen === 'open') return path.slice(path.indexOf(to));
      if (seen === undefined) {
        state.set(to, 'open');
        path.push(to);
        stack.push({ key: to, next: 0 });
      }
    }
  }
  return null;
}

/** Tasks ordered so every parent comes before its children (what the plan's write path needs). */
export function tasksParentsFirst(content: TemplateContent): TemplateContent['tasks'] {
  const depth = new Map<string, number>();
  const byKey = new Map(content.tasks.map((task) => [task.key, task]));
  const depthOf = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    let d = 0;
    let parent = byKey.get(key)?.parentKey ?? null;
    while (parent !== null && d < content.tasks.length) {
      d++;
      parent = byKey.get(parent)?.parentKey ?? null;
    }
    depth.set(key, d);
    return d;
  };
  return content.tasks
    .map((task, index) => ({ task, index, depth: depthOf(task.key) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.task);
}
