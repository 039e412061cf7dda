import type { Comparator } from '../api/types';

/**
 * Every comparator with the key of its label in `review.comparators` (以上 (>=), at least (>=)):
 * the review drawer's choices and the change history's words for a comparator.
 */
export const COMPARATOR_OPTIONS: readonly { value: Comparator; key: string }[] = [
  { value: '>=', key: 'ge' },
  { value: '>', key: 'gt' },
  { value: '<=', key: 'le' },
  { value: '~', key: 'about' },
  { value: '=', key: 'eq' },
];
