/** The one YAML form of the OpenAPI document: what `npm run openapi` writes and /docs/yaml serves. */
import { stringify } from 'yaml'

/** No anchors or aliases (some OpenAPI tools do not follow them) and no folded lines. */
export function openapiYaml (doc: unknown): string {
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 })
}
