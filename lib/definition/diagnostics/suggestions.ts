/**
 * "Did you mean" hints: the closest known name to a misspelt one. The search
 * is bounded: words longer than `MAX_SUGGESTED_LENGTH` get none, candidates
 * whose length is too different are skipped, the distance is computed in a
 * band and stops early, and a `SuggestionBudget` shared by one load caps the
 * total work however many misspellings a workspace holds.
 */

/** Longest word a suggestion is looked for. */
export const MAX_SUGGESTED_LENGTH = 64;

/** Work left for suggestions, in distance-table cells; once spent, hints list the allowed names instead. */
export interface SuggestionBudget {
  cells: number;
}

/** The work one load may spend on suggestions: a few hundred milliseconds at most. */
export const SUGGESTION_CELLS = 20_000_000;

export function suggestionBudget(cells = SUGGESTION_CELLS): SuggestionBudget {
  return { cells };
}

/** Levenshtein distance, for "did you mean" hints; above `limit` it returns `limit + 1` early. */
export function editDistance(a: string, b: string, limit = Infinity, budget?: SuggestionBudget): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
      if (row[j]! < best) best = row[j]!;
    }
    if (budget) budget.cells -= b.length;
    if (best > limit) return limit + 1;
  }
  return row[b.length] ?? 0;
}

/** The closest candidate within a distance that scales with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>, budget: SuggestionBudget = suggestionBudget()): string | undefined {
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (budget.cells <= 0) return undefined;
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1, budget);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** "Did you mean "x"?" or the list of what is allowed. */
export function suggestion(word: string, candidates: readonly string[], noun: string, budget?: SuggestionBudget): string {
  const match = closest(word, candidates, budget);
  if (match) return `Did you mean ${JSON.stringify(match)}?`;
  if (candidates.length === 0) return `There are no ${noun}s here.`;
  const shown = candidates.slice(0, 12).map((c) => JSON.stringify(c)).join(', ');
  return `Allowed ${noun}s: ${shown}${candidates.length > 12 ? ', ...' : ''}.`;
}
