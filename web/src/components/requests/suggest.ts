import type { CatalogueRow, CategorySuggestion } from '../../api/requests';

/**
 * Categories a text suggests by the catalogue's keywords (the rules half of the server's
 * suggestCategories; the dispatcher's queue adds what past orders teach): each row scored by
 * its keyword hits, shares summing to 1, rows without a hit left out. Best first.
 * @example suggestByKeywords('下雨后小区门口积水', rows)[0]?.category // '积水'
 */
export function suggestByKeywords(text: string, rows: readonly CatalogueRow[]): CategorySuggestion[] {
  const hits = rows
    .map((row) => ({ row, words: row.keywords.filter((k) => text.includes(k)) }))
    .filter((h) => h.words.length > 0);
  const total = hits.reduce((sum, h) => sum + h.words.length, 0);
  return hits
    .map((h) => ({
      category: h.row.category,
      score: h.words.length / total,
      reasons: [`关键词：${h.words.join('、')}`],
    }))
    .sort((a, b) => b.score - a.score || a.category.localeCompare(b.category));
}
