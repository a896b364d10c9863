/**
 * Prompts
 *
 * Two questions an assistant can offer its user, each written so that the answer rests on the
 * graph's citations and says where the graph is silent rather than filling the gap:
 * - explain_drug_evidence: what the graph says about a drug, and what each claim rests on;
 * - compare_analogues: drugs side by side at their targets, and how they are related.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const CITING =
  'For every claim, cite what it rests on: the statement id, the source (title and licence), and where in it: ' +
  'for the article the section, paragraph and sentence, for a dataset (DrugCentral, PharmacotherapyDB, ...) the ' +
  "record's file, line and key; say when the source hedges it (hedge) or only implies it (reading INFERENCE). " +
  'Name the data version the answer was read from. Use only what the tools return: where the graph says ' +
  'nothing, or a tool answers that something is not in the graph, say so instead of answering from other knowledge.';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'explain_drug_evidence',
    {
      title: "Explain a drug's evidence",
      description:
        'What the graph says about a drug (targets, uses, effects, ...) and the sentences each claim rests on',
      argsSchema: { drug: z.string().min(1).max(200).describe('A drug name, brand or id, e.g. baclofen or Lioresal') },
    },
    ({ drug }) =>
      user(
        `Explain what the drug facts graph says about ${drug}: how it acts (targets and actions), what it is used ` +
          'for and advised against, its main effects and interactions. Call get_entity with entity ' +
          `"${drug}" (pass types, e.g. ["ACTS_ON", "INDICATED_FOR", "NOT_RECOMMENDED_FOR"], to read a part at a ` +
          `time), and get_statement for the full evidence of a claim you rely on. ${CITING}`,
      ),
  );

  server.registerPrompt(
    'compare_analogues',
    {
      title: 'Compare analogues',
      description: 'Drugs side by side at their targets, with affinities, structural relations and comparisons',
      argsSchema: {
        drugs: z
          .string()
          .min(1)
          .max(1_000)
          .describe('Drug names or ids, comma-separated, e.g. "baclofen, phenibut, pregabalin"'),
      },
    },
    ({ drugs }) => {
      const list = drugs
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      return user(
        `Compare ${list.join(', ')} using the drug facts graph: which targets each acts on and how (agonist, ` +
          'blocker, ...), the measured affinities and for which stereoisomer, the targets each does not bind, how ' +
          `they differ structurally and how the source compares them. Call compare_analogues with drugs ` +
          `${JSON.stringify(list)}, and find_paths between two of them to show what links them. ${CITING}`,
      );
    },
  );
}
