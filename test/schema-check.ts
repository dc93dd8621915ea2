/** Validates real responses against the route schemas' named models (the same ones in openapi.yaml). */
import { Ajv, type ValidateFunction } from 'ajv'
import { ALL_MODELS } from '../schemas/index.js'

const ajv = new Ajv({ strict: false, allErrors: true })
for (const model of ALL_MODELS) ajv.addSchema(model)

const cache = new Map<string, ValidateFunction>()

/** null when `body` matches model `$id`, else the validator's errors as text. */
export function schemaErrors (id: string, body: unknown): string | null {
  let validate = cache.get(id)
  if (validate === undefined) {
    const found = ajv.getSchema(id)
    if (found === undefined) throw new Error(`no model ${id}`)
    validate = found
    cache.set(id, validate)
  }
  return validate(body) ? null : ajv.errorsText(validate.errors)
}
