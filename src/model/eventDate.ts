/**
 * Event dates
 *
 * An event's date as ISO 8601 text at the precision the source gives it: `1962`, `1962-05` or
 * `1962-05-03`, never a day or month the source does not state. The `facts` connection and the
 * export give it as an event's `date` fact; an event that spans years adds its `endYear`.
 */
import type { StoredEntity } from './storedShapes.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The date as ISO text, or null when the source gives none (a day only counts with its month). */
export function eventDate(date: Pick<StoredEntity, 'year' | 'month' | 'day'>): string | null {
  if (date.year == null) return null;
  if (date.month == null) return String(date.year);
  return date.day == null ? `${date.year}-${pad(date.month)}` : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
