/**
 * Glossary
 *
 * What each value of the API's closed vocabularies means, in one place: the relationship types
 * (predicates), the literal attributes, an entity's own facts, the contexts of effects, the
 * statuses and categories of uses, the readings of citations and the hedges. `meta.vocabularies` lists them,
 * and an argument that takes one of them refuses an unknown value by naming the valid ones. The
 * records are typed by the vocabularies themselves, so a value without a meaning does not compile.
 */
import type { z } from 'zod';
import { PREDICATES, type Predicate } from './predicates.js';
import type { Attribute, EntityFact, Hedge } from './vocabulary.js';

type Qualifier<P extends Predicate, K extends string> = z.infer<(typeof PREDICATES)[P]['qualifiers']>[K &
  keyof z.infer<(typeof PREDICATES)[P]['qualifiers']>];

export const PREDICATE_MEANINGS: Record<Predicate, string> = {
  ACTS_ON:
    'A drug acts on a target, with its action there (agonist, antagonist, blocker, modulator, inhibitor, ...; DrugCentral terms as its files write them).',
  HAS_AFFINITY_FOR: 'A measured binding affinity of a drug (or one stereoisomer) for a target.',
  NO_SIGNIFICANT_AFFINITY_FOR: 'Negative: the source says the drug has no significant affinity for the target.',
  DERIVATIVE_OF: 'A drug is a structural derivative of another (a substituent added).',
  ANALOGUE_OF: 'A drug is a structural analogue of another.',
  COMPARED_WITH: 'A comparison of two drugs on one aspect (potency, efficacy).',
  MEMBER_OF: 'A drug belongs to a drug class.',
  INDICATED_FOR: 'A drug is used for a condition, with the status of that use.',
  NOT_RECOMMENDED_FOR: 'Negative: the source advises against using the drug for the condition.',
  NOT_INDICATED_FOR:
    "Negative: curators judged the drug not to be a treatment of the condition (PharmacotherapyDB's non-indications).",
  AVOID_IN: 'A drug should be avoided in a condition.',
  SAFETY_IN: "Neutral: the source's assessment of the drug's safety in a condition or state.",
  CAUSES: 'A drug causes an effect in a context (common, adverse, serious, withdrawal, overdose, abuse).',
  INTERACTS_WITH: 'A drug interacts with a drug or a drug class.',
  ADMINISTERED_VIA: 'A drug is given by a route.',
  BRAND_OF: 'A brand name under which the drug is sold.',
  STUDIED_FOR: 'A drug or class is studied for a condition, with the state of the evidence.',
  MODULATES: 'A drug or target modulates a pathway.',
  MEDIATES: 'A target mediates an effect or condition.',
  RESEMBLES: 'An effect or condition resembles another.',
  PARTICIPATED_IN: 'An entity took part in an event, in a role.',
  AUTHORED: 'A person wrote a publication.',
  AFFILIATED_WITH: 'A person or organization is affiliated with an organization.',
  PART_OF: 'A gene-level target (a subunit, named by its gene) is part of a receptor-level target.',
  LISTED_BY: 'A drug is included in a list or reference kept by an organization.',
};

export const ATTRIBUTE_MEANINGS: Record<Attribute, string> = {
  molecularWeight: 'Molar mass.',
  halfLife: 'Elimination half-life.',
  solubility: 'How well it dissolves, in a named solvent.',
  appearance: 'What it looks like as a substance.',
  odour: 'Its smell.',
  absorption: 'How it is absorbed.',
  distribution: 'How it distributes in the body.',
  biotransformation: 'How it is metabolised.',
  excretion: 'How it leaves the body.',
  dosingFrequency: 'How often it is taken.',
  approvalYear: 'The year it was approved for medical use.',
  genericAvailability: 'Whether it is available as a generic medication.',
  prescriptionRank: 'Its rank among prescribed medications.',
  prescriptionCount: 'How many prescriptions were written.',
  abusePotential: 'What the source says of its potential for abuse.',
  replacementInterval: 'How often a device (such as a pump) is replaced.',
  amount: 'An amount or dose.',
  csfConcentrationRatio: 'Cerebrospinal fluid level compared with another route.',
  translatedTitle: "A publication's title in translation.",
  nationality: "A person's nationality.",
  profession: "A person's profession.",
  mechanism: 'How it works, as the source describes it.',
  property: 'Another stated property.',
};

export const ENTITY_FACT_MEANINGS: Record<EntityFact, string> = {
  name: "An entity's preferred name, cited like the entity.",
  synonym:
    "Another name of the entity, one fact per name, cited to a sentence where the source uses that name (the entity's own, unless the name occurs elsewhere).",
  kind: "The entity's kind (Drug, Target, Event, ...), cited like the entity.",
  date: 'When an event happened, as ISO 8601 text at the precision the source gives (YYYY, YYYY-MM or YYYY-MM-DD); the first year of an event that spans years. Cited like the event.',
  endYear:
    'The last year of an event that spans years, a number in years (date holds the first). Cited like the event.',
};

export const EFFECT_CONTEXT_MEANINGS = {
  common: 'A frequent side effect.',
  adverse: 'An adverse effect, frequency not stated.',
  serious: 'A serious adverse effect.',
  withdrawal: 'A symptom of withdrawal when the drug is stopped.',
  overdose: 'A sign of overdose.',
  abuse: 'An effect linked with abuse or misuse.',
} as const satisfies Record<Qualifier<'CAUSES', 'context'>, string>;

export const USE_STATUS_MEANINGS = {
  approved: 'Licensed for this use.',
  'off-label': 'Used outside the licensed uses.',
  investigational: 'Under investigation.',
  'not recommended': 'Advised against (older data; now a NOT_RECOMMENDED_FOR statement).',
  used: 'Used, without the source saying under what licence.',
} as const satisfies Record<Qualifier<'INDICATED_FOR', 'status'>, string>;

export const INDICATION_CATEGORY_MEANINGS = {
  'disease-modifying': 'The drug treats the disease itself (PharmacotherapyDB: DM).',
  symptomatic: 'The drug treats a symptom of the disease (PharmacotherapyDB: SYM).',
} as const satisfies Record<NonNullable<Qualifier<'INDICATED_FOR', 'category'>>, string>;

export const READING_MEANINGS = {
  DIRECT: 'The cited sentence says it.',
  INFERENCE: 'The cited sentence implies it without saying it in those words.',
} as const;

export const HEDGE_MEANINGS = {
  believed: 'The source says it is believed.',
  postulated: 'The source says it is postulated.',
  thought: 'The source says it is thought to be so.',
  may: 'The source says it may be so.',
  likely: 'The source says it is likely or probable.',
  appears: 'The source says it appears so.',
  suggested: 'The source says it is suggested.',
  'not conclusive': 'The source says the evidence is not conclusive.',
  unclear: 'The source says it is unclear or unknown.',
} as const satisfies Record<z.infer<typeof Hedge>, string>;

export interface VocabularyEntry {
  name: string;
  usedBy: string;
  values: { value: string; description: string }[];
}

const entries = (meanings: Record<string, string>) =>
  Object.entries(meanings).map(([value, description]) => ({ value, description }));

/** Every closed vocabulary with its values' meanings, as `meta.vocabularies` lists them. */
export const VOCABULARIES: VocabularyEntry[] = [
  {
    name: 'predicate',
    usedBy: 'facts(predicate:), relations(types:), paths(relationTypes:), neighbourhood(relationTypes:)',
    values: entries(PREDICATE_MEANINGS),
  },
  { name: 'attribute', usedBy: 'Drug.properties(attribute:), facts(predicate:)', values: entries(ATTRIBUTE_MEANINGS) },
  { name: 'entityFact', usedBy: 'facts(predicate:), Fact.predicate', values: entries(ENTITY_FACT_MEANINGS) },
  {
    name: 'effectContext',
    usedBy: 'Drug.effects(context:), DrugEffect.context',
    values: entries(EFFECT_CONTEXT_MEANINGS),
  },
  { name: 'useStatus', usedBy: 'Indication.status', values: entries(USE_STATUS_MEANINGS) },
  {
    name: 'indicationCategory',
    usedBy: 'the category qualifier of INDICATED_FOR',
    values: entries(INDICATION_CATEGORY_MEANINGS),
  },
  { name: 'reading', usedBy: 'Citation.reading', values: entries(READING_MEANINGS) },
  { name: 'hedge', usedBy: 'Citation.hedge', values: entries(HEDGE_MEANINGS) },
];
