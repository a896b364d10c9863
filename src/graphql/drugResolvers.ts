/**
 * Drug resolvers
 *
 * One typed field per relation family of a drug. Each reads the drug's profile (fetched once
 * per request) and picks the relationships of its family; none of them queries on its own.
 */
import type { Context } from './context.js';
import {
  citationOf,
  entityFields,
  other,
  qualifier,
  quantityOf,
  relationsOf,
  relationType,
  required,
} from './entityResolvers.js';
import { profileOf, type EntityValue, type RelationValue } from './entityValue.js';
import type { Resolvers } from './generated/resolvers.js';

const PHARMACOKINETICS = new Set([
  'halfLife',
  'absorption',
  'distribution',
  'biotransformation',
  'excretion',
  'dosingFrequency',
]);
const CHEMISTRY = new Set(['molecularWeight', 'solubility', 'appearance', 'odour']);

type Args = Record<string, unknown>;

async function family<T>(
  v: EntityValue,
  context: Context,
  type: string,
  direction: 'OUTGOING' | 'INCOMING',
  map: (r: RelationValue) => T,
) {
  return (await relationsOf(v, context, [type], direction)).map(map);
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
    citation: citationOf(r),
  };
}

function sourceOf(v: EntityValue, id: string) {
  const source = v.sources.get(id);
  if (!source) throw new Error(`identifier cites unknown source ${id}`);
  return source;
}

async function quantities(v: EntityValue, context: Context, keep: (attribute: string) => boolean) {
  const profile = await profileOf(v, context, { literals: true });
  return profile.literals.filter((l) => keep(l.attribute)).map((l) => quantityOf(l, v));
}

export const drugResolvers: Resolvers = {
  Drug: {
    ...entityFields,
    targets: async (v: EntityValue, _: Args, context: Context) => {
      const affinities = await family(v, context, 'HAS_AFFINITY_FOR', 'OUTGOING', affinityOf);
      return family(v, context, 'ACTS_ON', 'OUTGOING', (r) => ({
        target: other(r),
        action: required(r, 'action'),
        selectivity: qualifier(r, 'selectivity'),
        clinicallyRelevant: qualifier<boolean>(r, 'clinicallyRelevant'),
        affinities: affinities.filter((a) => a.target.props.id === r.row.node.id),
        citation: citationOf(r),
      }));
    },
    nonTargets: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'NO_SIGNIFICANT_AFFINITY_FOR', 'OUTGOING', (r) => ({
        target: other(r),
        citation: citationOf(r),
      })),
    analogues: async (v: EntityValue, _: Args, context: Context) =>
      (await relationsOf(v, context, ['ANALOGUE_OF', 'DERIVATIVE_OF'])).map((r) => ({
        drug: other(r),
        relation: relationType(r),
        direction: r.direction,
        difference: qualifier(r, 'difference') ?? qualifier(r, 'substituent'),
        position: qualifier(r, 'position'),
        citation: citationOf(r),
      })),
    comparisons: async (v: EntityValue, _: Args, context: Context) =>
      (await relationsOf(v, context, ['COMPARED_WITH'])).map((r) => ({
        other: other(r),
        aspect: required(r, 'aspect'),
        outcome: required(r, 'outcome'),
        factor: qualifier<number>(r, 'factor'),
        unit: qualifier(r, 'unit'),
        basis: qualifier(r, 'basis'),
        direction: r.direction,
        citation: citationOf(r),
      })),
    indications: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'INDICATED_FOR', 'OUTGOING', (r) => ({
        condition: other(r),
        status: required(r, 'status'),
        route: qualifier(r, 'route'),
        purpose: qualifier(r, 'purpose'),
        population: qualifier(r, 'population'),
        citation: citationOf(r),
      })),
    contraindications: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'AVOID_IN', 'OUTGOING', (r) => ({
        condition: other(r),
        reason: required(r, 'reason'),
        safety: qualifier(r, 'safety'),
        citation: citationOf(r),
      })),
    effects: async (v: EntityValue, args: { context?: string | null }, context: Context) => {
      const all = await family(v, context, 'CAUSES', 'OUTGOING', (r) => ({
        effect: other(r),
        context: required(r, 'context'),
        frequency: qualifier(r, 'frequency'),
        trigger: qualifier(r, 'trigger'),
        citation: citationOf(r),
      }));
      return args.context ? all.filter((e) => e.context === args.context!.toLowerCase()) : all;
    },
    interactions: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'INTERACTS_WITH', 'OUTGOING', (r) => ({
        with: other(r),
        effect: required(r, 'effect'),
        severity: qualifier(r, 'severity'),
        recommendation: qualifier(r, 'recommendation'),
        citation: citationOf(r),
      })),
    routes: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'ADMINISTERED_VIA', 'OUTGOING', (r) => ({
        route: other(r),
        change: qualifier(r, 'change'),
        formulation: qualifier(r, 'formulation'),
        citation: citationOf(r),
      })),
    brands: async (v: EntityValue, _: Args, context: Context) => {
      const brands = await family(v, context, 'BRAND_OF', 'INCOMING', other);
      return brands.sort((a, b) => String(a.props.name).localeCompare(String(b.props.name)));
    },
    classes: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'MEMBER_OF', 'OUTGOING', (r) => ({ drugClass: other(r), citation: citationOf(r) })),
    identifiers: async (v: EntityValue, _: Args, context: Context) =>
      (await profileOf(v, context, { identifiers: true })).identifiers.map((i) => ({
        namespace: i.namespace,
        value: i.value,
        url: i.url,
        source: sourceOf(v, i.citeSource),
      })),
    pharmacokinetics: (v: EntityValue, _: Args, context: Context) =>
      quantities(v, context, (a) => PHARMACOKINETICS.has(a)),
    chemistry: (v: EntityValue, _: Args, context: Context) => quantities(v, context, (a) => CHEMISTRY.has(a)),
    properties: (v: EntityValue, args: { attribute?: string | null }, context: Context) =>
      quantities(v, context, (a) => !args.attribute || a === args.attribute),
    history: async (v: EntityValue, _: Args, context: Context) => {
      const events = await family(v, context, 'PARTICIPATED_IN', 'OUTGOING', other);
      return events.sort((a, b) => dateKey(a) - dateKey(b));
    },
    research: (v: EntityValue, _: Args, context: Context) =>
      family(v, context, 'STUDIED_FOR', 'OUTGOING', (r) => ({
        condition: other(r),
        evidence: qualifier(r, 'evidence'),
        asOf: qualifier<number>(r, 'asOf'),
        combinedWith: qualifier<string[]>(r, 'combinedWith') ?? [],
        citation: citationOf(r),
      })),
  },
};

export const dateKey = (v: EntityValue) =>
  Number(v.props.year ?? 0) * 10_000 + Number(v.props.month ?? 0) * 100 + Number(v.props.day ?? 0);
