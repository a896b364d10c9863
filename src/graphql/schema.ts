/**
 * Executable schema
 *
 * The SDL in schema/ is the contract; this joins it with the resolvers of each field family.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { mergeResolvers } from '@graphql-tools/merge';
import { drugResolvers } from './drugResolvers.js';
import { entityResolvers } from './entityResolvers.js';
import { factsResolvers } from './factsResolvers.js';
import { lookupResolvers } from './lookupResolvers.js';
import { metaResolvers } from './metaResolvers.js';
import { researchResolvers } from './researchResolvers.js';
import { searchResolvers } from './searchResolvers.js';

const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema');
export const SCHEMA_PATH = resolve(SCHEMA_DIR, 'schema.graphql');
export const PRINTED_SCHEMA_PATH = resolve(SCHEMA_DIR, 'printed-schema.graphql');

export function createSchema() {
  return makeExecutableSchema({
    typeDefs: readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers: mergeResolvers([
      entityResolvers,
      drugResolvers,
      lookupResolvers,
      metaResolvers,
      researchResolvers,
      searchResolvers,
      factsResolvers,
    ]),
  });
}
