/**
 * A readable diff of two texts: lines kept, removed and added (longest common subsequence), and for a
 * removed line followed by its replacement, the words that changed inside it.
 */
export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface DiffLine extends DiffPart {
  words?: DiffPart[];
  /** 1-based line numbers in the old and the new text; null on the side the line is absent from. */
  oldLine: number | null;
  newLine: number | null;
}

/** Beyond this many cells the changed middle is shown as removed then added, not aligned line by line. */
const MAX_CELLS = 16_000_000;

/** The edit script turning `a` into `b`, as a sequence of kept, removed and added items. */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): Array<{ kind: DiffKind; item: T }> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: Array<{ kind: DiffKind; item: T }> = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', item: a[i] as T });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push({ kind: 'removed', item: a[i] as T });
    for (let j = start; j < endB; j++) out.push({ kind: 'added', item: b[j] as T });
  } else {
    // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ kind: 'same', item: a[start + i] as T });
        i++;
        j++;
      } else if (
        j < m &&
        (i === n || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))
      ) {
        out.push({ kind: 'added', item: b[start + j] as T });
        j++;
      } else {
        out.push({ kind: 'removed', item: a[start + i] as T });
        i++;
      }
    }
    // Removals read better before the additions that replace them.
    reorderRuns(out);
  }
  for (let i = endA; i < a.length; i++) out.push({ kind: 'same', item: a[i] as T });
  return out;
}

function reorderRuns<T>(parts: Array<{ kind: DiffKind; item: T }>): void {
  let i = 0;
  while (i < parts.length) {
    if (parts[i]?.kind === 'same') {
      i++;
      continue;
    }
    let end = i;
    while (end < parts.length && parts[end]?.kind !== 'same') end++;
    const run = parts.slice(i, end);
    const sorted = [...run.filter((p) => p.kind === 'removed'), ...run.filter((p) => p.kind === 'added')];
    parts.splice(i, run.length, ...sorted);
    i = end;
  }
}

const splitLines = (text: string) => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));
/** Words and the spaces between them, so joining the parts gives the line back. */
const splitWords = (line: string) => line.match(/\s+|[^\s]+/g) ?? [];

/**
 * Word marks help only when the two lines share a fair part of their text (a quarter or more); a line rewritten from scratch
 * reads better tinted whole than speckled with marks between the few words that happen to match.
 */
function mostlyKept(parts: ReadonlyArray<{ kind: DiffKind; item: string }>): boolean {
  let kept = 0;
  let total = 0;
  for (const part of parts) {
    if (/^\s+$/.test(part.item)) continue;
    total += part.item.length;
    if (part.kind === 'same') kept += part.item.length;
  }
  return total > 0 && kept * 3 >= total - kept;
}

function mergeParts(parts: Array<{ kind: DiffKind; item: string }>): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && last.kind === part.kind) last.text += part.item;
    else merged.push({ kind: part.kind, text: part.item });
  }
  return merged;
}

/**
 * Line diff of `before` → `after`. Inside a block of changed lines, the k-th removed line is paired
 * with the k-th added one and both carry a word diff.
 *
 * @example diffTexts('a\nb', 'a\nc') → same "a", removed "b", added "c"
 */
export function diffTexts(before: string, after: string): DiffLine[] {
  const script = diffSequences(splitLines(before), splitLines(after));
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let i = 0;
  while (i < script.length) {
    const step = script[i] as { kind: DiffKind; item: string };
    if (step.kind === 'same') {
      lines.push({ kind: 'same', text: step.item, oldLine: ++oldLine, newLine: ++newLine });
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < script.length && script[i]?.kind !== 'same') {
      const change = script[i] as { kind: DiffKind; item: string };
      (change.kind === 'removed' ? removed : added).push(change.item);
      i++;
    }
    const paired = Math.min(removed.length, added.length);
    const wordDiffs = Array.from({ length: paired }, (_, k) => {
      const words = diffSequences(splitWords(removed[k] as string), splitWords(added[k] as string));
      return mostlyKept(words) ? words : null;
    });
    removed.forEach((text, k) => {
      const marked = wordDiffs[k];
      const words = marked ? mergeParts(marked.filter((p) => p.kind !== 'added')) : undefined;
      lines.push({ kind: 'removed', text, oldLine: ++oldLine, newLine: null, ...(words ? { words } : {}) });
    });
    added.forEach((text, k) => {
      const marked = wordDiffs[k];
      const words = marked ? mergeParts(marked.filter((p) => p.kind !== 'removed')) : undefined;
      lines.push({ kind: 'added', text, oldLine: null, newLine: ++newLine, ...(words ? { words } : {}) });
    });
  }
  return lines;
}
