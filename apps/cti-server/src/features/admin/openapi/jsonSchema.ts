import { z } from 'zod';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema of a zod schema. Bodies are described as clients send them
 * (`input`: defaulted fields optional), replies as the server sends them
 * (`output`: defaulted fields present). Refinements (e.g. "one skill listed
 * twice") have no JSON Schema form and are stated by the API's 400s only.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Whether a value may be left out (optional, or filled in by a default). */
export const isOptional = (schema: z.ZodType): boolean => schema.safeParse(undefined).success;
