/**
 * `npm run schema:print`
 *
 * Writes the printed executable schema to schema/printed-schema.graphql. The file is committed
 * and a test compares it with the live schema, so the contract changes only on purpose: change
 * the SDL, run this, and review the diff.
 */
import { writeFileSync } from 'node:fs';
import { printedSchema, PRINTED_SCHEMA_PATH } from '../src/graphql/schema.js';

writeFileSync(PRINTED_SCHEMA_PATH, printedSchema());
console.log(`wrote ${PRINTED_SCHEMA_PATH}`);
