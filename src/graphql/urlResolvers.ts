/**
 * URL fields
 *
 * `url` on every entity and on every view of a statement: where the entity or the statement is
 * opened without GraphQL (src/model/resourceUrls.ts), under the API's public URL. Every view of
 * one statement (a Relation from either end, a TargetAction, a Fact, ...) has the statement's URL.
 * A view built from stored properties carries its statement's path (src/graphql/statements.ts);
 * relations, edges and research statements have it from their id.
 */
import { entityUrl, statementPath } from '../model/resourceUrls.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import type { Context } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import { statementOf } from '../model/statementViews.js';
import type { EntityValue, RelationValue } from './values.js';

/** The object types that are views of one statement; each has a `url` in the schema. */
export const STATEMENT_VIEW_TYPES = [
  'Alias',
  'Quantity',
  'Relation',
  'TargetAction',
  'NonTarget',
  'Affinity',
  'Analogue',
  'Comparison',
  'Indication',
  'Contraindication',
  'DrugEffect',
  'Interaction',
  'RouteOfAdministration',
  'ClassMembership',
  'Research',
  'GraphEdge',
  'Fact',
  'Participant',
  'NonIndication',
  'SafetyAssessment',
  'PathwayEffect',
  'Listing',
] as const;

type StatementView = RelationValue | { id: string; url?: string };

const pathOf = (view: StatementView) =>
  'row' in view ? statementPath(view.row.props.factId) : (view.url ?? statementPath(statementOf(view.id)));

const statementUrlField = {
  url: (view: StatementView, _: unknown, context: Context) => `${context.publicUrl}${pathOf(view)}`,
};
const entityUrlField = {
  url: (entity: EntityValue, _: unknown, context: Context) => entityUrl(context.publicUrl, String(entity.props.id)),
};

export const urlResolvers = {
  ...Object.fromEntries(STATEMENT_VIEW_TYPES.map((type) => [type, statementUrlField])),
  ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entityUrlField])),
} as Resolvers;
