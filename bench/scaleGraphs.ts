/**
 * The graphs `npm run bench:scale` measures
 *
 * - `synthetic N`: the article's data and N invented drugs (bench/synthetic.ts), with no dataset
 *   records, so that N = 0 is the baclofen-only graph the others are compared with, and the rows
 *   compare with those of runs made before the datasets existed;
 * - `datasets SCOPE`: the article's data and the kept datasets' records of that scope
 *   (seed/datasets/datasetDocuments.ts), as `npm run seed -- --datasets SCOPE` loads them.
 */
import { join } from 'node:path';
import type { DatasetScope } from '../seed/datasets/datasetDocuments.js';
import { DEFAULT_DATA_DIR } from '../seed/seedGraph.js';
import { writeSyntheticGraph } from './synthetic.js';

export interface ScaleGraph {
  /** The row's name. */
  name: string;
  /** Which dataset records the load adds. */
  datasets: DatasetScope;
  /** The data directories to load; writes any that are made for the run into `work`. */
  dataDirs(work: string): string[];
}

/** The graph every other is compared with: the article's data alone. */
export const BASELINE = 'synthetic 0';

export function syntheticGraph(drugs: number): ScaleGraph {
  return {
    name: `synthetic ${drugs}`,
    datasets: 'none',
    dataDirs(work) {
      if (drugs === 0) return [DEFAULT_DATA_DIR];
      writeSyntheticGraph(join(work, 'data'), drugs);
      return [DEFAULT_DATA_DIR, join(work, 'data')];
    },
  };
}

export function datasetsGraph(scope: DatasetScope): ScaleGraph {
  return { name: `datasets ${scope}`, datasets: scope, dataDirs: () => [DEFAULT_DATA_DIR] };
}
