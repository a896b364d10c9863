/**
 * Conformance: statements agree with the bulk export (rule 3)
 *
 * An object whose id is a statement's id (`fact:...` or `literal:...`, followed by `/incoming`
 * when the statement is seen from its object) shows that statement, and must say what the bulk
 * export (`readFacts`) says of it, read from the side it was reached from:
 *
 * - `citations` are the export's, in order (id, section, paragraph, sentence, statement, hedge,
 *   reading, source and the sentence's own qualifiers, as far as they are selected), and
 *   `citation` is the first of them;
 * - its single entity fields hold the statement's ends, one of them the other end: the export's
 *   object without `/incoming` (seen from the subject), its subject with it;
 * - `direction` is OUTGOING without `/incoming` and INCOMING with it; `statementId` is the id
 *   without `/incoming`;
 * - a scalar field named like one of the statement's qualifiers has that qualifier's value as
 *   read from that side (`qualifierSeenFrom`: from the object, a comparison's outcome is turned
 *   round); a list of texts shown as one text is joined with ", ";
 * - a `qualifiers` list is the statement's qualifiers as its subject states them, no more and no
 *   fewer (a qualifier the object also shows as its own field of that name may be left out);
 * - an object in the export's own shape (one with `subject` and `predicate`) has the export's
 *   subject, predicate, object, value (as JSON text), low, high and unit.
 *
 * Fields named like nothing the export has are not compared.
 */
import { getNamedType, isLeafType, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { ExportedFact } from '../../../src/graph/facts.js';
import type { FactCitation } from '../../../src/model/citations.js';
import { qualifierSeenFrom, type Direction } from '../../../src/model/statementReading.js';
import type { QualifierValue } from '../../../src/model/storedShapes.js';
import { identity, type ObjectRecord } from './answers.js';
import { show, type Violation } from './report.js';
import { fieldsFor, isEntityType, type FieldSelection } from './selections.js';

/** A statement's id, and the suffix of its view from the object. */
export const STATEMENT_ID = /^((?:fact|literal):[^/~+\s]+)(\/incoming)?$/;

const INCOMING = '/incoming';

/** Whether an object shows a statement: its id is a statement's id. */
export const isStatementShaped = (o: ObjectRecord) => o.id !== undefined && STATEMENT_ID.test(o.id);
/** Fields of the export's own shape, besides its id, qualifiers and citations. */
const EXPORT_FIELDS = ['subject', 'predicate', 'object', 'value', 'low', 'high', 'unit'] as const;
/** Fields this rule reads for what they are, never as qualifiers. */
const STATEMENT_FIELDS = new Set(['id', 'statementId', 'direction', 'citation', 'citations', 'qualifiers', 'url']);

const isList = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);
const asText = (value: QualifierValue) => (Array.isArray(value) ? value.join(', ') : String(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A qualifier's value as a field of this value shows it. */
function asShown(expected: QualifierValue, shown: unknown): unknown {
  if (Array.isArray(shown)) return Array.isArray(expected) ? expected : [expected];
  if (typeof shown === 'string') return asText(expected);
  return expected;
}

const stripTypename = (list: unknown) =>
  (list as Record<string, unknown>[]).map((q) => ({ key: q.key, value: q.value }));

/** The export's citation as the API's Citation fields would show it. */
function exportedCitation(c: FactCitation): Record<string, unknown> {
  // A dataset record: no locator, read directly; its url is the record's line upstream.
  if ('file' in c)
    return {
      id: c.id ?? null,
      section: null,
      paragraph: null,
      sentence: null,
      statement: c.statement,
      hedge: null,
      reading: 'DIRECT',
      source: c.source,
      qualifiers: Object.entries(c.qualifiers ?? {}).map(([key, value]) => ({ key, value: asText(value) })),
    };
  if (!('section' in c)) return { source: c.source, url: c.url };
  return {
    id: c.id ?? null,
    section: c.section,
    paragraph: c.paragraph,
    sentence: c.sentence,
    statement: c.statement,
    hedge: c.hedge ?? null,
    reading: c.reading === 'inference' ? 'INFERENCE' : 'DIRECT',
    source: c.source,
    qualifiers: Object.entries(c.qualifiers ?? {}).map(([key, value]) => ({ key, value: asText(value) })),
  };
}

/** How one citation differs from the export's, field by selected field. */
function citationDifferences(shown: Record<string, unknown>, selection: FieldSelection, exported: FactCitation) {
  const expected = exportedCitation(exported);
  const differences: string[] = [];
  for (const f of fieldsFor(selection.selection!, String(shown.__typename))) {
    if (!(f.field in expected)) continue;
    const raw = shown[f.key];
    const value =
      f.field === 'source'
        ? (raw as { id?: unknown } | null)?.id
        : f.field === 'qualifiers' && Array.isArray(raw)
          ? stripTypename(raw)
          : raw;
    if (!same(value, expected[f.field]))
      differences.push(`${f.field} ${show(value)}, export ${show(expected[f.field])}`);
  }
  return differences;
}

/** One statement-shaped object, the export's statement it shows, and the side it is read from. */
interface View {
  object: ObjectRecord;
  statementId: string;
  fact: ExportedFact;
  direction: Direction;
  report: (field: string, detail: string) => void;
}

/** Its citations and first citation against the export's evidence. */
function checkCitations(view: View, field: string, selection: FieldSelection, value: unknown) {
  const { fact, report } = view;
  if (field === 'citation' && value) {
    const d = citationDifferences(value as Record<string, unknown>, selection, fact.citations[0]!);
    if (d.length) report(field, `the first citation: ${d.join('; ')}`);
  }
  if (field !== 'citations' || !Array.isArray(value)) return;
  if (value.length !== fact.citations.length) {
    report(field, `${value.length} citations, export ${fact.citations.length}`);
    return;
  }
  value.forEach((c, i) => {
    const d = citationDifferences(c as Record<string, unknown>, selection, fact.citations[i]!);
    if (d.length) report(field, `citations[${i}]: ${d.join('; ')}`);
  });
}

/** A scalar field: statementId, direction, an export field, or a qualifier read from this side. */
function checkScalar(view: View, field: string, value: unknown, exportShaped: boolean): 'qualifier' | null {
  const { fact, direction, report } = view;
  if (field === 'statementId') {
    if (value !== view.statementId) report(field, `${show(value)}, but the id is ${show(view.object.id)}`);
  } else if (field === 'direction') {
    if (value !== direction) report(field, `${show(value)} on a ${direction} view`);
  } else if (exportShaped && (EXPORT_FIELDS as readonly string[]).includes(field)) {
    const raw = fact[field as (typeof EXPORT_FIELDS)[number]];
    const want = field === 'value' && raw !== undefined ? JSON.stringify(raw) : raw;
    if (!same(value, want)) report(field, `${show(value)}, export ${show(want ?? null)}`);
  } else if (!STATEMENT_FIELDS.has(field) && field in fact.qualifiers) {
    const seen = qualifierSeenFrom(fact.predicate, field, fact.qualifiers[field]!, direction);
    const want = asShown(seen, value);
    const side = direction === 'OUTGOING' ? 'subject' : 'object';
    if (!same(value, want))
      report(field, `${show(value)}, but ${fact.predicate}'s ${field} read from the ${side} is ${show(want)}`);
    return 'qualifier';
  }
  return null;
}

/** The qualifiers list: the export's, as the subject states them (those shown as fields may be left out). */
function checkQualifierList(view: View, list: unknown[], shownAsFields: Set<string>) {
  const { fact, report } = view;
  const shown = stripTypename(list) as { key: string; value: string }[];
  const byKey = new Map(shown.map((q) => [q.key, q.value]));
  const problems: string[] = [];
  if (byKey.size !== shown.length) problems.push('a key shown twice');
  for (const [key, value] of Object.entries(fact.qualifiers)) {
    if (!byKey.has(key)) {
      if (!shownAsFields.has(key)) problems.push(`${key} missing (export ${show(value)})`);
    } else if (byKey.get(key) !== asText(value))
      problems.push(`${key} is ${show(byKey.get(key))}, export ${show(asText(value))}`);
  }
  for (const key of byKey.keys()) if (!(key in fact.qualifiers)) problems.push(`${key} is not in the export`);
  if (problems.length) report('qualifiers', problems.join('; '));
}

/** The single entity fields: each an end of the statement, one of them the other end. */
function checkEnds(view: View, ends: { field: string; id: unknown }[]) {
  const { fact, direction, report } = view;
  if (!ends.length || fact.object === undefined) return;
  const statement = `${fact.subject} ${fact.predicate} ${fact.object}`;
  for (const end of ends)
    if (end.id !== fact.subject && end.id !== fact.object)
      report(end.field, `${show(end.id)} is neither end of ${statement}`);
  const otherEnd = direction === 'OUTGOING' ? fact.object : fact.subject;
  if (!ends.some((end) => end.id === otherEnd)) {
    const held = ends.map((e) => `${e.field} = ${show(e.id)}`).join(', ');
    report(
      ends.map((e) => e.field).join('/'),
      `no field holds the other end ${show(otherEnd)} of a ${direction} view of ${statement} (${held})`,
    );
  }
}

/** Rule 3: where statement-shaped objects disagree with the export's statement of their id. */
export function statementMismatches(objects: ObjectRecord[], exported: Map<string, ExportedFact>): Violation[] {
  const violations: Violation[] = [];
  for (const o of objects) {
    const match = o.id === undefined ? null : STATEMENT_ID.exec(o.id);
    if (!match) continue;
    const report = (field: string, detail: string) =>
      violations.push({ object: identity(o), field, detail: `${detail} at ${o.where}` });
    const fact = exported.get(match[1]!);
    if (!fact) {
      report('id', `no statement ${show(match[1])} in the export`);
      continue;
    }
    const view: View = {
      object: o,
      statementId: match[1]!,
      fact,
      direction: match[2] === INCOMING ? 'INCOMING' : 'OUTGOING',
      report,
    };
    const exportShaped = o.fields.has('subject') && o.fields.has('predicate');
    const ends: { field: string; id: unknown }[] = [];
    const shownAsFields = new Set<string>();
    for (const [key, { selection, value }] of o.fields) {
      const field = selection.field;
      if (key !== field) continue; // a variant with arguments: the plain field is compared
      const named = getNamedType(selection.type);
      if (isLeafType(named)) {
        if (checkScalar(view, field, value, exportShaped) === 'qualifier') shownAsFields.add(field);
      } else if (field === 'citation' || field === 'citations') checkCitations(view, field, selection, value);
      else if (!isList(selection.type) && isEntityType(named) && value)
        ends.push({ field, id: (value as { id?: unknown }).id });
    }
    const qualifiers = o.fields.get('qualifiers')?.value;
    if (Array.isArray(qualifiers)) checkQualifierList(view, qualifiers, shownAsFields);
    checkEnds(view, ends);
  }
  return violations;
}
