/**
 * `npm run codegen`
 *
 * Writes src/graphql/generated/resolvers.ts, the resolver types generated from the SDL
 * (scripts/resolverTypes.ts). Run it after changing schema/schema.graphql or a mapped value type.
 */
import { writeFileSync } from 'node:fs';
import { GENERATED_PATH, generateResolverTypes } from '../scripts/resolverTypes.js';

writeFileSync(GENERATED_PATH, await generateResolverTypes());
console.log(`wrote ${GENERATED_PATH}`);
