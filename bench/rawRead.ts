/**
 * One read through the bare driver, sent the way Database.read sends it (an auto-commit query in
 * a READ session), for the benchmark's raw-driver runs and its time breakdown.
 */
import neo4j, { type Driver } from 'neo4j-driver';

export async function rawRead(driver: Driver, database: string, cypher: string, params: Record<string, unknown>) {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.run(cypher, params);
  } finally {
    await session.close();
  }
}
