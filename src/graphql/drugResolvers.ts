/**
 * Drug resolvers
 *
 * One typed field per relation family of a drug. Each reads what the Drug field table
 * (src/model/drugFields.ts) lists for it, from the drug's profile (fetched once per request), and
 * maps it to the API's objects; none of them queries on its own.
 */
import type { StoredDisagreement } from '../model/storedShapes.js';
import { ATTRIBUTES } from '../model/vocabulary.js';
import { oneOf } from './arguments.js';
import { fromSources, type SourcesArg } from './sourceFilter.js';
import type { Context } from './context.js';
import { fieldNeeds } from './drugScope.js';
import {
  entityFields,
  other,
  pathwayEffect,
  qualifier,
  quantityOf,
  relationType,
  required,
} from './entityResolvers.js';
import { ownStatement, relationView } from './statements.js';
import { entityValue, profileOf, relationValue, type EntityValue, type RelationValue } from './values.js';
import type { EffectContext, Resolvers, UseStatus } from './generated/resolvers.js';
import {
  DRUG_FIELDS,
  readsRow,
  type FieldRelationship,
  type LiteralField,
  type RelationshipField,
} from '../model/drugFields.js';

type Args = Record<string, unknown>;

/**
 * The relationships a Drug field reads: those of the types and directions its table entry lists,
 * from the sources asked for.
 */
async function relationshipsOf(
  v: EntityValue,
  args: SourcesArg,
  context: Context,
  field: RelationshipField,
): Promise<RelationValue[]> {
  const reads: readonly FieldRelationship[] = DRUG_FIELDS[field].relationships;
  const kept = fromSources(args, v.sources);
  const profile = await profileOf(v, context, fieldNeeds(field));
  return profile.relations
    .filter((row) => readsRow(reads, row.type, row.outgoing) && kept(row.props))
    .map((row) => relationValue(row, v));
}

async function family<T>(
  v: EntityValue,
  args: SourcesArg,
  context: Context,
  field: RelationshipField,
  map: (r: RelationValue) => T,
) {
  return (await relationshipsOf(v, args, context, field)).map(map);
}

export function affinityOf(r: RelationValue) {
  const drugEnd = r.direction === 'OUTGOING' ? r.owner : other(r);
  const targetEnd = r.direction === 'OUTGOING' ? other(r) : r.owner;
  return {
    drug: drugEnd,
    target: targetEnd,
    measure: required(r, 'measure'),
    value: required<number>(r, 'value'),
    unit: required(r, 'unit'),
    stereoisomer: required(r, 'stereoisomer'),
    ...ownStatement(r),
  };
}

/** The literals a Drug field reads: those of the attributes its table entry lists, from the sources asked for. */
async function quantities(v: EntityValue, args: SourcesArg, context: Context, field: LiteralField) {
  const attributes: readonly string[] | 'any' = DRUG_FIELDS[field].literals;
  const kept = fromSources(args, v.sources);
  const profile = await profileOf(v, context, fieldNeeds(field));
  return profile.literals
    .filter((l) => (attributes === 'any' || attributes.includes(l.attribute)) && kept(l))
    .map((l) => quantityOf(l, v));
}

/** The drugs a research statement names as studied together with its drug, by id (unknown ids left out). */
async function combinedWithDrugs(research: { combinedWith: string[] }, _: Args, context: Context) {
  const profiles = await context.profiles.loadMany(research.combinedWith);
  return profiles.flatMap((p) =>
    p && !(p instanceof Error) && p.entity.kind === 'Drug' ? [entityValue(p.entity, p.sources, p)] : [],
  );
}

export const drugResolvers: Resolvers = {
  Research: { combinedWithDrugs },
  Drug: {
    ...entityFields,
    targets: async (v: EntityValue, args: SourcesArg, context: Context) => {
      const read = await relationshipsOf(v, args, context, 'targets');
      const affinities = read.filter((r) => r.type === 'HAS_AFFINITY_FOR').map(affinityOf);
      return read
        .filter((r) => r.type === 'ACTS_ON')
        .map((r) => ({
          target: other(r),
          action: required(r, 'action'),
          selectivity: qualifier(r, 'selectivity'),
          clinicallyRelevant: qualifier<boolean>(r, 'clinicallyRelevant'),
          affinities: affinities.filter((a) => a.target.props.id === r.row.node.id),
          ...ownStatement(r),
        }));
    },
    nonTargets: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'nonTargets', (r) => ({
        target: other(r),
        ...ownStatement(r),
      })),
    analogues: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'analogues', (r) => ({
        drug: other(r),
        relation: relationType(r),
        direction: r.direction,
        difference: qualifier(r, 'difference') ?? qualifier(r, 'substituent'),
        position: qualifier(r, 'position'),
        ...relationView(r),
      })),
    comparisons: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'comparisons', (r) => ({
        other: other(r),
        aspect: required(r, 'aspect'),
        outcome: required(r, 'outcome'),
        factor: qualifier<number>(r, 'factor'),
        unit: qualifier(r, 'unit'),
        basis: qualifier(r, 'basis'),
        direction: r.direction,
        ...relationView(r),
      })),
    indications: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'indications', (r) => ({
        condition: other(r),
        status: required(r, 'status'),
        useStatus: required(r, 'status').toUpperCase().replace(/[- ]/g, '_') as UseStatus,
        route: qualifier(r, 'route'),
        purpose: qualifier(r, 'purpose'),
        population: qualifier(r, 'population'),
        category: qualifier(r, 'category'),
        ...ownStatement(r),
      })),
    notRecommendedFor: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'notRecommendedFor', (r) => ({
        condition: other(r),
        reason: qualifier(r, 'reason'),
        ...ownStatement(r),
      })),
    safetyAssessments: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'safetyAssessments', (r) => ({
        condition: other(r),
        safety: required(r, 'safety'),
        reason: required(r, 'reason'),
        ...ownStatement(r),
      })),
    pathways: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'pathways', pathwayEffect),
    listings: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'listings', (r) => ({
        organization: other(r),
        list: required(r, 'list'),
        ...ownStatement(r),
      })),
    contraindications: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'contraindications', (r) => ({
        condition: other(r),
        reason: required(r, 'reason'),
        safety: qualifier(r, 'safety'),
        ...ownStatement(r),
      })),
    effects: async (v: EntityValue, args: SourcesArg & { context?: string | null }, context: Context) => {
      const all = await family(v, args, context, 'effects', (r) => ({
        effect: other(r),
        context: required(r, 'context'),
        effectContext: required(r, 'context').toUpperCase() as EffectContext,
        frequency: qualifier(r, 'frequency'),
        trigger: qualifier(r, 'trigger'),
        ...ownStatement(r),
      }));
      return args.context ? all.filter((e) => e.context === args.context!.toLowerCase()) : all;
    },
    interactions: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'interactions', (r) => ({
        with: other(r),
        effect: required(r, 'effect'),
        severity: qualifier(r, 'severity'),
        recommendation: qualifier(r, 'recommendation'),
        ...ownStatement(r),
      })),
    routes: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'routes', (r) => ({
        route: other(r),
        change: qualifier(r, 'change'),
        formulation: qualifier(r, 'formulation'),
        ...ownStatement(r),
      })),
    brands: async (v: EntityValue, _: Args, context: Context) => {
      const brands = await family(v, {}, context, 'brands', other);
      return brands.sort((a, b) => String(a.props.name).localeCompare(String(b.props.name)));
    },
    classes: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'classes', (r) => ({ drugClass: other(r), ...ownStatement(r) })),
    pharmacokinetics: (v: EntityValue, args: SourcesArg, context: Context) =>
      quantities(v, args, context, 'pharmacokinetics'),
    chemistry: (v: EntityValue, args: SourcesArg, context: Context) => quantities(v, args, context, 'chemistry'),
    properties: async (v: EntityValue, args: SourcesArg & { attribute?: string | null }, context: Context) => {
      const attribute = args.attribute == null ? null : oneOf('attribute', args.attribute, ATTRIBUTES);
      return (await quantities(v, args, context, 'properties')).filter((q) => !attribute || q.attribute === attribute);
    },
    history: async (v: EntityValue, _: Args, context: Context) => {
      const events = await family(v, {}, context, 'history', other);
      return events.sort((a, b) => dateKey(a) - dateKey(b) || (a.props.id < b.props.id ? -1 : 1));
    },
    disagreements: (v: EntityValue, _: Args, context: Context) => disagreementsOf(v, context),
    research: (v: EntityValue, args: SourcesArg, context: Context) =>
      family(v, args, context, 'research', (r) => ({
        condition: other(r),
        evidence: qualifier(r, 'evidence'),
        asOf: qualifier<number>(r, 'asOf'),
        combinedWith: qualifier<string[]>(r, 'combinedWith') ?? [],
        ...ownStatement(r),
      })),
  },
};

/** A drug's reviewed disagreements, each with both sides' statements as read from the drug. */
export async function disagreementsOf(v: EntityValue, context: Context) {
  const profile = await profileOf(v, context, fieldNeeds('disagreements'));
  const stated = new Map(profile.relations.filter((row) => row.outgoing).map((row) => [row.props.factId, row]));
  const stored = JSON.parse(profile.entity.disagreementsJson ?? '[]') as StoredDisagreement[];
  return stored.map((d) => ({
    id: d.id,
    note: d.note,
    statements: d.statements.map((id) => {
      const row = stated.get(id);
      if (!row) throw new Error(`disagreement ${d.id} names ${id}, which ${String(v.props.id)} does not state`);
      return relationValue(row, v);
    }),
  }));
}

/** An event's place in date order; an undated event comes last, as in `timeline`. */
export const dateKey = (v: EntityValue) =>
  v.props.year == null
    ? Number.MAX_SAFE_INTEGER
    : Number(v.props.year) * 10_000 + Number(v.props.month ?? 0) * 100 + Number(v.props.day ?? 0);
