/**
 * Predicates
 *
 * Every relationship type, with the kinds it may join and the qualifiers it takes: the loader
 * checks facts against it and writes only these types; the API's queries walk only these types.
 * Qualifier schemas are strict: a misspelt qualifier is an error, not a silently ignored field.
 *
 * A statement is one claim: subject, predicate, object and the qualifiers named in `identity`
 * (the ones that make it a different claim, like the context of an effect). Sentences that make
 * the same claim are evidence of one statement; their other qualifiers are nuance. `polarity`
 * says whether the statement links its ends (positive), denies a link (negative: paths never
 * walk it unless asked), or neither (neutral: a safety assessment, say).
 *
 * Datasets state claims in the same terms: a DrugCentral target row is an ACTS_ON with the row's
 * action, a PharmacotherapyDB row an INDICATED_FOR with its category (or a NOT_INDICATED_FOR), so
 * that a claim made by an article and by a dataset is one statement with both as evidence.
 */
import { z } from 'zod';
import { Unit, type EntityKind } from './vocabulary.js';

/**
 * What a drug does at a target: the article's words, and DrugCentral's action terms as its files
 * write them (`modulator` for the gabapentinoids at the α2δ subunits, ...).
 */
export const ACTIONS = [
  'agonist',
  'antagonist',
  'blocker',
  'inhibitory ligand',
  'activator',
  'allosteric antagonist',
  'inhibitor',
  'inverse agonist',
  'modulator',
  'negative allosteric modulator',
  'opener',
  'partial agonist',
  'positive allosteric modulator',
  'positive modulator',
  'releasing agent',
  'substrate',
] as const;

/** Which form of a chiral drug was measured; `not stated` when the source does not say. */
const Stereoisomer = z.enum(['R', 'S', 'racemic', 'not stated']);

export type Polarity = 'positive' | 'negative' | 'neutral';

/** Relationship types by name: the kinds each may join, and the qualifiers it takes. */
export const PREDICATES = {
  ACTS_ON: {
    polarity: 'positive',
    // An agonist and an inhibitory ligand are two claims about what the drug does there.
    identity: ['action'],
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({
      action: z.enum(ACTIONS),
      selectivity: z.enum(['selective', 'non-selective']).optional(),
      clinicallyRelevant: z.boolean().optional(),
    }),
  },
  HAS_AFFINITY_FOR: {
    polarity: 'positive',
    identity: ['measure', 'value', 'unit', 'stereoisomer'],
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({
      measure: z.enum(['Ki']),
      value: z.number().positive(),
      unit: Unit,
      stereoisomer: Stereoisomer,
    }),
  },
  NO_SIGNIFICANT_AFFINITY_FOR: {
    polarity: 'negative',
    identity: [],
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({}),
  },
  DERIVATIVE_OF: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      position: z.enum(['beta']).optional(),
      substituent: z.string().optional(),
    }),
  },
  ANALOGUE_OF: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      closeness: z.enum(['close']).optional(),
      difference: z.string().min(3),
    }),
  },
  COMPARED_WITH: {
    polarity: 'positive',
    identity: ['aspect'],
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      aspect: z.string().min(3),
      outcome: z.enum(['more potent', 'less potent', 'weaker', 'superior']),
      factor: z.number().positive().optional(),
      unit: Unit.optional(),
      basis: z.string().optional(),
      context: z.string().optional(),
    }),
  },
  MEMBER_OF: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug'],
    object: ['DrugClass'],
    qualifiers: z.strictObject({}),
  },
  INDICATED_FOR: {
    polarity: 'positive',
    // A use by another route, or of another standing (off-label, approved), is another claim. The
    // category (disease-modifying or symptomatic, as PharmacotherapyDB's curators class a use) is
    // not: it is what one source adds to the claim that the drug is used for the condition.
    identity: ['status', 'route'],
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      status: z.enum(['approved', 'off-label', 'investigational', 'not recommended', 'used']),
      route: z.string().optional(),
      purpose: z.string().optional(),
      population: z.string().optional(),
      category: z.enum(['disease-modifying', 'symptomatic']).optional(),
    }),
  },
  NOT_INDICATED_FOR: {
    // Curators judged the pair a non-indication: not advice against a use (NOT_RECOMMENDED_FOR).
    polarity: 'negative',
    identity: [],
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({}),
  },
  AVOID_IN: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      reason: z.string().min(3),
      safety: z.enum(['avoid', 'unclear', 'likely safe']).optional(),
    }),
  },
  NOT_RECOMMENDED_FOR: {
    polarity: 'negative',
    identity: [],
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({ reason: z.string().optional() }),
  },
  SAFETY_IN: {
    polarity: 'neutral',
    identity: [],
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      safety: z.enum(['unclear', 'likely safe']),
      reason: z.string().min(3),
    }),
  },
  CAUSES: {
    polarity: 'positive',
    identity: ['context'],
    subject: ['Drug'],
    object: ['Effect'],
    qualifiers: z.strictObject({
      context: z.enum(['common', 'adverse', 'serious', 'withdrawal', 'overdose', 'abuse']),
      frequency: z.string().optional(),
      trigger: z.string().optional(),
    }),
  },
  INTERACTS_WITH: {
    polarity: 'positive',
    identity: ['effect'],
    subject: ['Drug'],
    object: ['Drug', 'DrugClass'],
    qualifiers: z.strictObject({
      effect: z.string().min(3),
      severity: z.string().optional(),
      recommendation: z.string().optional(),
    }),
  },
  ADMINISTERED_VIA: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug'],
    object: ['Route'],
    qualifiers: z.strictObject({
      change: z.string().optional(),
      formulation: z.string().optional(),
    }),
  },
  BRAND_OF: {
    polarity: 'positive',
    identity: [],
    subject: ['Brand'],
    object: ['Drug'],
    qualifiers: z.strictObject({}),
  },
  STUDIED_FOR: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug', 'DrugClass'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      evidence: z.string().optional(),
      asOf: z.number().int().optional(),
      combinedWith: z.array(z.string()).optional(),
    }),
  },
  MODULATES: {
    polarity: 'positive',
    identity: [],
    subject: ['Drug', 'Target'],
    object: ['Pathway'],
    qualifiers: z.strictObject({ effect: z.string().min(3) }),
  },
  MEDIATES: {
    polarity: 'positive',
    identity: [],
    subject: ['Target'],
    object: ['Effect', 'Condition'],
    qualifiers: z.strictObject({ note: z.string().optional() }),
  },
  RESEMBLES: {
    polarity: 'positive',
    identity: [],
    subject: ['Effect', 'Condition'],
    object: ['Effect', 'Condition'],
    qualifiers: z.strictObject({}),
  },
  PARTICIPATED_IN: {
    polarity: 'positive',
    identity: ['role'],
    subject: ['Drug', 'Organization', 'Person', 'Publication', 'Route'],
    object: ['Event'],
    qualifiers: z.strictObject({ role: z.string().min(2) }),
  },
  AUTHORED: {
    polarity: 'positive',
    identity: [],
    subject: ['Person'],
    object: ['Publication'],
    qualifiers: z.strictObject({}),
  },
  AFFILIATED_WITH: {
    polarity: 'positive',
    identity: [],
    subject: ['Person', 'Organization'],
    object: ['Organization'],
    qualifiers: z.strictObject({ role: z.string().optional() }),
  },
  PART_OF: {
    // A gene-level target (one subunit, by its gene) is part of a receptor-level one.
    polarity: 'positive',
    identity: [],
    subject: ['Target'],
    object: ['Target'],
    qualifiers: z.strictObject({ role: z.string().optional() }),
  },
  LISTED_BY: {
    polarity: 'positive',
    identity: ['list'],
    subject: ['Drug'],
    object: ['Organization'],
    qualifiers: z.strictObject({ list: z.string().min(3) }),
  },
} as const satisfies Record<
  string,
  {
    polarity: Polarity;
    identity: readonly string[];
    subject: readonly EntityKind[];
    object: readonly EntityKind[];
    qualifiers: z.ZodType;
  }
>;
export type Predicate = keyof typeof PREDICATES;
export const Predicate = z.enum(Object.keys(PREDICATES) as [Predicate, ...Predicate[]]);

/** The relationship types that deny a link rather than state one. */
export const NEGATIVE_PREDICATES = (Object.keys(PREDICATES) as Predicate[]).filter(
  (p) => PREDICATES[p].polarity === 'negative',
);
