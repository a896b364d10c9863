/**
 * A tool
 *
 * What each MCP tool is: a name and a description a model chooses by, zod input and output
 * schemas (the output always names the data version), and a function that answers from the
 * graph through a GraphReader with a structured result and a short text rendering. Tools are
 * read-only and closed-world: they answer only from the graph.
 */
import { z } from 'zod';
import type { GraphReader } from './graphReader.js';

export interface ToolAnswer<Output> {
  /** The structured result, without the data version (added for every tool). */
  result: Output;
  /** A short rendering for the model: every claim with its citation. */
  text: string;
}

export interface Tool<Input extends z.ZodRawShape = z.ZodRawShape, Output extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  run(args: z.infer<z.ZodObject<Input>>, reader: GraphReader): Promise<ToolAnswer<z.infer<z.ZodObject<Output>>>>;
}

/** Declares a tool with its types checked; the registry keeps tools of any shape. */
export function defineTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(tool: Tool<Input, Output>): Tool {
  return tool as unknown as Tool;
}

/** The field every tool's output carries. */
export const DATA_VERSION = {
  dataVersion: z.string().describe('The data version the answer was read from (meta.dataVersion)'),
};
