/**
 * Client codegen from the live schema
 *
 * Apps type their operations from the schema the API serves, read by introspection over HTTP,
 * not from this repository's SDL. Against a real API process, the operations clients send (the
 * cookbook's, and the overlapping ones the Apollo cache test sends) must validate against that
 * schema, and the types GraphQL Code Generator makes for them must compile under strict
 * TypeScript, accept the API's real answers and reject what the operations do not promise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getOperationAST,
  parse,
  print,
  printSchema,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../scripts/apiProcess.js';
import { COOKBOOK } from '../scripts/cookbook.js';
import { openDatabase, testConnection, useStandardGraph } from './support/testGraph.js';
import { ACTS_ON_VIEWS, ANALOGUE_VIEWS, TARGET_ACTIONS, TARGET_EVIDENCE } from './support/overlappingQueries.js';

interface Operation {
  document: DocumentNode;
  variables: Record<string, unknown>;
}

const OPERATIONS: Operation[] = [
  { document: TARGET_ACTIONS, variables: { name: 'baclofen' } },
  { document: TARGET_EVIDENCE, variables: { name: 'baclofen' } },
  { document: ANALOGUE_VIEWS, variables: { id: 'drug:baclofen' } },
  { document: ACTS_ON_VIEWS, variables: { id: 'target:gaba-b-receptor' } },
  // The cookbook's queries are anonymous; codegen names types after operations.
  ...COOKBOOK.map((recipe, i) => ({ document: parse(`query Cookbook${i + 1} ${recipe.query}`), variables: {} })),
];

const TSC = resolve('node_modules/typescript/bin/tsc');

const database = openDatabase();
let api: ApiProcess;
let schema: GraphQLSchema;
const workDir = mkdtempSync(join(tmpdir(), 'drug-facts-client-codegen-'));

async function post<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function operationName({ document }: Operation): string {
  return getOperationAST(document)!.name!.value;
}

beforeAll(async () => {
  await useStandardGraph(database);
  // Production answers no introspection unless asked to; codegen runs where it is on.
  api = await startApiProcess(testConnection(), { INTROSPECTION: 'true' });
  schema = buildClientSchema(await post<IntrospectionQuery>(getIntrospectionQuery()));
});

afterAll(async () => {
  await api?.stop();
  await database.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('client codegen from the schema the API serves', () => {
  it('the operations clients send validate against the introspected schema', () => {
    expect(schema.getQueryType()?.name).toBe('Query');
    expect(schema.getMutationType()).toBeNull();
    for (const operation of OPERATIONS) {
      expect({ [operationName(operation)]: validate(schema, operation.document).map((e) => e.message) }).toEqual({
        [operationName(operation)]: [],
      });
    }
  });

  it('generated operation types compile under strict tsc, accept real answers and reject unselected fields', async () => {
    const types = await codegen({
      schema: parse(printSchema(schema)),
      schemaAst: schema,
      documents: OPERATIONS.map(({ document }) => ({ document })),
      filename: 'operations.ts',
      plugins: [{ typescript: {} }, { typescriptOperations: {} }],
      pluginMap: { typescript: typescriptPlugin, typescriptOperations: operationsPlugin },
      // Enums as string unions, as JSON carries them.
      config: { enumsAsTypes: true, useTypeImports: true },
    });
    expect(types).toContain('export type TargetActionsQuery = ');
    expect(types).toContain('export type Cookbook15Query = ');

    // Every real answer, typed by its operation's generated type (one request at a time, as
    // the machine is small and the API times queries out).
    const answers: string[] = [];
    for (const operation of OPERATIONS) {
      const name = operationName(operation);
      const data = await post(print(operation.document), operation.variables);
      answers.push(
        `export const ${lowerFirst(name)}: Operations.${name}Query = ${JSON.stringify(data, null, 2)};`,
        `export const ${lowerFirst(name)}Variables: Operations.${name}QueryVariables = ${JSON.stringify(operation.variables)};`,
      );
    }

    writeFileSync(join(workDir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(workDir, 'operations.ts'), types);
    writeFileSync(
      join(workDir, 'answers.ts'),
      `import type * as Operations from './operations.js';\n\n${answers.join('\n\n')}\n`,
    );
    writeFileSync(join(workDir, 'use.ts'), USE);

    const tsc = spawnSync(
      process.execPath,
      [
        TSC,
        '--noEmit',
        '--strict',
        '--noUncheckedIndexedAccess',
        '--exactOptionalPropertyTypes',
        '--noImplicitReturns',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        'use.ts',
      ],
      { cwd: workDir, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/**
 * What an app does with the generated types. Each `@ts-expect-error` fails the compile if the
 * types turn loose (`any`, optional everything), since an unused one is itself an error.
 */
const USE = `import type { AnalogueViewsQueryVariables, TargetActionsQuery } from './operations.js';
import { actsOnViews, analogueViews, targetActions } from './answers.js';

export function actionsOf(data: TargetActionsQuery): string[] {
  return data.drug?.targets.map((t) => t.target.name + ': ' + t.action) ?? [];
}

export const shown: string[] = actionsOf(targetActions);
export const directions: ('OUTGOING' | 'INCOMING')[] = [
  ...(analogueViews.drug?.analogues.map((a) => a.direction) ?? []),
  ...(actsOnViews.entity?.relations.map((r) => r.direction) ?? []),
];

// @ts-expect-error TargetActions does not select affinities.
export const notSelected = targetActions.drug?.targets[0]?.affinities;

// @ts-expect-error drug is null for an unknown name, so it must be checked.
export const unchecked: string = targetActions.drug.name;

// @ts-expect-error AnalogueViews needs its id.
export const noId: AnalogueViewsQueryVariables = {};
`;
