/** Shared schema helpers: named `$id` models referenced through one typed `ref()`. */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

/**
 * A `$ref` to a model registered with addSchema, typed as the model itself, so handlers
 * stay type-checked while the OpenAPI document gets one named component per model.
 */
export function ref<T extends TSchema & { $id?: string }> (schema: T) {
  if (schema.$id === undefined) throw new Error('ref() needs a schema with $id')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id))
}

/** A model with a mandatory `$id`, collected for registration. */
export type Model = TSchema & { $id: string }

export const UuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
