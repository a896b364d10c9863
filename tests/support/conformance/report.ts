/**
 * Conformance: reports
 *
 * A violation names its rule, the object (`__typename:id`, or the type when it has no id), the
 * field, and what is wrong with the values and where each was reached. A report groups them by
 * type and field, says how many there are, and shows a few of each, so a failure stays readable
 * however many objects break the same way.
 */

export interface Violation {
  /** The object: `Type:id`, or the type name. */
  object: string;
  field: string;
  /** What is wrong, with the values and where they were reached. */
  detail: string;
}

/** How many examples each group of one type and field shows. */
const EXAMPLES = 3;
/** How many groups a report shows. */
const GROUPS = 25;
/** Longest value shown. */
const LONGEST = 160;

/** A value for a report, cut short. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST)}…(${text.length} chars)` : text;
}

const typeOf = (object: string) => object.split(':')[0]!;

/** Violations grouped by type and field, each group with its count and a few examples. */
export function formatViolations(rule: string, violations: Violation[]): string {
  if (!violations.length) return `${rule}: no violations`;
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = `${typeOf(v.object)}.${v.field}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const sorted = [...groups].sort(([, a], [, b]) => b.length - a.length);
  const lines = [`${rule}: ${violations.length} violation(s) in ${groups.size} type.field group(s)`];
  for (const [key, group] of sorted.slice(0, GROUPS)) {
    lines.push(`  ${key}: ${group.length}`);
    for (const v of group.slice(0, EXAMPLES)) lines.push(`    ${v.object}: ${v.detail}`);
  }
  if (sorted.length > GROUPS) lines.push(`  ... and ${sorted.length - GROUPS} more group(s)`);
  return lines.join('\n');
}
