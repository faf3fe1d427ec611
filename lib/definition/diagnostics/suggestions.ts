/** "Did you mean" hints: the closest known name to a misspelt one. */

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest candidate within a distance that scales with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "Did you mean "x"?" or the list of what is allowed. */
export function suggestion(word: string, candidates: readonly string[], noun: string): string {
  const match = closest(word, candidates);
  if (match) return `Did you mean "${match}"?`;
  if (candidates.length === 0) return `There are no ${noun}s here.`;
  const shown = candidates.slice(0, 12).map((c) => `"${c}"`).join(', ');
  return `Allowed ${noun}s: ${shown}${candidates.length > 12 ? ', ...' : ''}.`;
}
