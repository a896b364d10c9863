/**
 * Test Neo4j
 *
 * Provides every test file with a real Neo4j: NEO4J_URI if set; else a testcontainers Neo4j
 * when a container runtime works; else the local launcher on a fresh data directory for this
 * run. Only testcontainers' "no working container runtime" error falls back to the launcher.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import type { Connection } from '../../src/neo4j/database.js';
import { ensureNeo4j } from '../../src/neo4j/ensureNeo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Connection & { provider: 'NEO4J_URI' | 'testcontainers' | 'local launcher'; launcherPid: number | null };
  }
}

const NO_RUNTIME = 'Could not find a working container runtime strategy';

export default async function setup(project: TestProject) {
  const config = loadConfig();
  if (config.NEO4J_URI) {
    const ensured = await ensureNeo4j(config);
    project.provide('neo4j', { ...ensured.connection, provider: 'NEO4J_URI', launcherPid: null });
    return () => ensured.stop();
  }
  try {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
    project.provide('neo4j', {
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      database: 'neo4j',
      provider: 'testcontainers',
      launcherPid: null,
    });
    return () => container.stop().then(() => undefined);
  } catch (error) {
    if (!(error instanceof Error && error.message.includes(NO_RUNTIME))) throw error;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'drug-facts-test-neo4j-'));
  const ensured = await ensureNeo4j({ ...config, NEO4J_LOCAL_DATA_DIR: dataDir });
  project.provide('neo4j', { ...ensured.connection, provider: 'local launcher', launcherPid: ensured.local!.pid });
  return async () => {
    await ensured.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
