/** Kore models shared by every endpoint: the error envelope. JSON casing: as Kore sends it (mixed). */
import { Type } from '@sinclair/typebox'

export const KoreErrorSchema = Type.Object({
  errors: Type.Array(Type.Object({
    msg: Type.String({ description: 'Human-readable message' }),
    code: Type.Union([Type.Integer(), Type.String()], { description: 'Usually the HTTP status; 4002 for auth errors' })
  }), { minItems: 1, maxItems: 1 })
}, { $id: 'KoreError', description: 'Kore error envelope (kore.md §12)' })
