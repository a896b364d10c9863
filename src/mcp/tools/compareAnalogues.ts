/**
 * compare_analogues
 *
 * Drugs side by side at their targets, from the API's `drugs` batch (input order kept; four
 * drugs a request): each drug's actions on targets with the measured affinities, the targets it has
 * no significant affinity for, its structural relations to other drugs and its comparisons with
 * them, every statement with its evidence. The text reads it target by target.
 */
import { z } from 'zod';
import { BRIEF_CITATION_FRAGMENT, CitationShape, type Citation } from '../citations.js';
import { EntityRefShape, renderEvidence, type EntityRef } from '../shapes.js';
import { defineTool } from '../tool.js';
import { notInGraph } from '../toolError.js';

const CITES = 'citations { ...McpCitation }';

const COMPARE = `
query McpCompareAnalogues($ids: [ID!], $names: [String!]) {
  drugs(ids: $ids, names: $names) {
    id kind name
    targets {
      id action selectivity clinicallyRelevant
      target { id kind name }
      affinities { id measure value unit stereoisomer ${CITES} }
      ${CITES}
    }
    nonTargets { id target { id kind name } ${CITES} }
    analogues { id statementId relation direction difference position drug { id kind name } ${CITES} }
    comparisons { id statementId aspect outcome factor unit basis direction other { id kind name } ${CITES} }
  }
}
${BRIEF_CITATION_FRAGMENT}`;

const cited = { citations: z.array(CitationShape) };

const AffinityShape = z.object({
  id: z.string(),
  measure: z.string(),
  value: z.number(),
  unit: z.string(),
  stereoisomer: z.string(),
  ...cited,
});

const DrugComparisonShape = z.object({
  id: z.string(),
  kind: z.literal('Drug'),
  name: z.string(),
  targets: z.array(
    z.object({
      id: z.string().describe('The statement id'),
      action: z.string(),
      selectivity: z.string().nullable(),
      clinicallyRelevant: z.boolean().nullable(),
      target: EntityRefShape,
      affinities: z.array(AffinityShape),
      ...cited,
    }),
  ),
  nonTargets: z.array(z.object({ id: z.string(), target: EntityRefShape, ...cited })),
  analogues: z.array(
    z.object({
      id: z.string(),
      statementId: z.string(),
      relation: z.string(),
      direction: z.enum(['OUTGOING', 'INCOMING']),
      difference: z.string().nullable(),
      position: z.string().nullable(),
      drug: EntityRefShape,
      ...cited,
    }),
  ),
  comparisons: z.array(
    z.object({
      id: z.string(),
      statementId: z.string(),
      aspect: z.string(),
      outcome: z.string().describe("How this drug fares against `other`, read from this drug's side"),
      factor: z.number().nullable(),
      unit: z.string().nullable(),
      basis: z.string().nullable(),
      direction: z.enum(['OUTGOING', 'INCOMING']),
      other: EntityRefShape,
      ...cited,
    }),
  ),
});
type DrugComparison = z.infer<typeof DrugComparisonShape>;

const looksLikeId = (reference: string) => reference.startsWith('drug:');

/**
 * Drugs asked for in one request: the cost model prices one drug's comparison at about 22300
 * (ten targets of ten affinities of eight citations each, at most, each citation with its
 * source's kind and its dataset record's place), so four stay under MAX_COST.
 */
const DRUGS_PER_REQUEST = 4;

/** Target by target: which drug does what to it, and how strongly, each claim with its evidence. */
function renderByTarget(drugs: readonly DrugComparison[]): string {
  const byTarget = new Map<string, { target: EntityRef; lines: string[] }>();
  const at = (target: EntityRef) => {
    let entry = byTarget.get(target.id);
    if (!entry) byTarget.set(target.id, (entry = { target, lines: [] }));
    return entry.lines;
  };
  const claim = (text: string, citations: readonly Citation[]) => `- ${text}\n${renderEvidence(citations)}`;
  for (const drug of drugs) {
    for (const t of drug.targets) {
      at(t.target).push(
        claim(`${drug.name}: ${t.action}${t.selectivity ? ` (${t.selectivity})` : ''} [${t.id}]`, t.citations),
      );
      for (const a of t.affinities) {
        at(t.target).push(
          claim(
            `${drug.name}: ${a.measure} ${a.value} ${a.unit}, stereoisomer ${a.stereoisomer} [${a.id}]`,
            a.citations,
          ),
        );
      }
    }
    for (const n of drug.nonTargets)
      at(n.target).push(claim(`${drug.name}: no significant affinity [${n.id}]`, n.citations));
  }
  const lines = [...byTarget.values()].flatMap(({ target, lines }) => [`${target.name} (${target.id}):`, ...lines]);
  // A statement between two of the drugs is on both; it is told once, from the first.
  const told = new Set<string>();
  const structure: string[] = [];
  for (const drug of drugs) {
    for (const a of drug.analogues) {
      if (told.has(a.statementId)) continue;
      told.add(a.statementId);
      const [subject, object] = a.direction === 'OUTGOING' ? [drug.name, a.drug.name] : [a.drug.name, drug.name];
      const difference = a.difference ? `: ${a.difference}` : '';
      structure.push(claim(`${subject} ${a.relation} ${object}${difference} [${a.statementId}]`, a.citations));
    }
    for (const c of drug.comparisons) {
      if (told.has(c.statementId)) continue;
      told.add(c.statementId);
      const factor = c.factor === null ? '' : ` (${c.factor}${c.unit ? ` ${c.unit}` : ''})`;
      const than = /superior|inferior/.test(c.outcome) ? 'to' : 'than';
      structure.push(
        claim(
          `${drug.name} is ${c.outcome} ${than} ${c.other.name}: ${c.aspect}${factor} [${c.statementId}]`,
          c.citations,
        ),
      );
    }
  }
  if (structure.length) lines.push('Structure and comparisons:', ...structure);
  return lines.join('\n');
}

export const compareAnalogues = defineTool({
  name: 'compare_analogues',
  title: 'Compare analogues',
  description:
    "Compare drugs (e.g. baclofen, phenibut, pregabalin, gabapentin, GABA, GHB) at their targets: each one's " +
    'action on each target (agonist, blocker, ...), measured affinities (Ki) with stereoisomer, targets it does ' +
    'not bind, how the drugs differ structurally and how the source compares them, every claim cited.',
  input: {
    drugs: z
      .array(z.string().min(1).max(200))
      .min(2)
      .max(10)
      .describe('Drug ids (drug:baclofen) or names, synonyms or brand names'),
  },
  output: { drugs: z.array(DrugComparisonShape).describe('In the order asked') },
  async run(args, reader) {
    const byInput = new Map<string, DrugComparison | null>();
    for (let i = 0; i < args.drugs.length; i += DRUGS_PER_REQUEST) {
      const chunk = args.drugs.slice(i, i + DRUGS_PER_REQUEST);
      const ids = chunk.filter(looksLikeId);
      const names = chunk.filter((d) => !looksLikeId(d));
      const { drugs } = await reader.read<{ drugs: (DrugComparison | null)[] }>(COMPARE, { ids, names });
      // The API answers ids first, then names, each in input order.
      [...ids, ...names].forEach((input, at) => byInput.set(input, drugs[at] ?? null));
    }
    const missing = args.drugs.filter((d) => !byInput.get(d));
    if (missing.length) {
      throw notInGraph(
        missing.map((m) => `"${m}"`).join(', '),
        reader.knownVersion,
        'No drug in the graph has that id or name: call search_entities to find the drugs it holds.',
      );
    }
    const ordered = args.drugs.map((d) => byInput.get(d)!);
    return {
      result: { drugs: ordered },
      text: `${ordered.map((d) => `${d.name} (${d.id})`).join(', ')} compared:\n${renderByTarget(ordered)}`,
    };
  },
});
