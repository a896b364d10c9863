/**
 * Entity values
 *
 * The value a resolver returns for any entity: its stored properties, the sources index its
 * citations resolve against, and its profile when already fetched. Fields that need more than
 * the properties fetch the profile through the request's loader.
 */
import { indexSources, type SourceIndex } from '../graph/citations.js';
import { covers, type Profile, type ProfileResult, type ProfileScope, type RelationRow } from '../graph/profiles.js';
import type { StoredEntity } from '../graph/storedShapes.js';
import type { Context } from './context.js';

export interface EntityValue {
  props: StoredEntity;
  sources: SourceIndex;
  profile?: Profile;
}

export type Direction = 'OUTGOING' | 'INCOMING';

/** A relationship seen from `owner`, the entity whose profile it came from. */
export interface RelationValue {
  type: string;
  direction: Direction;
  row: RelationRow;
  owner: EntityValue;
}

export function entityValueOf(result: ProfileResult): EntityValue {
  return { props: result.profile.entity, sources: indexSources(result.sources), profile: result.profile };
}

export const fromProfile = (result: ProfileResult | null): EntityValue | null =>
  result ? entityValueOf(result) : null;

export function entityRef(props: StoredEntity, sources: SourceIndex): EntityValue {
  return { props, sources };
}

/** The entity's profile, fetched in full unless the one at hand covers what is `needed`. */
export async function profileOf(
  value: EntityValue,
  context: Context,
  needed: Partial<ProfileScope> = {},
): Promise<Profile> {
  if (value.profile && covers(value.profile.scope, needed)) return value.profile;
  const loaded = await context.profiles.load(String(value.props.id));
  if (!loaded) throw new Error(`entity ${String(value.props.id)} vanished during the request`);
  value.profile = loaded.profile;
  return loaded.profile;
}
