/** Every named model, registered once with addSchema (see src/plugins/schemas.ts). */
import type { Model } from './common.js'
import * as chatbotReports from './chatbotcom/reports.js'
import * as evaAnalytics from './eva/analytics.js'
import * as evaAuth from './eva/auth.js'
import * as evaCommon from './eva/common.js'
import * as evaConversations from './eva/conversations.js'
import * as koreAdmin from './kore/admin.js'
import * as koreCommon from './kore/common.js'
import * as koreDebugLogs from './kore/debug-logs.js'
import * as koreEngagement from './kore/engagement.js'
import * as koreMessages from './kore/messages.js'
import * as koreSessions from './kore/sessions.js'
import * as koreWidgets from './kore/widgets.js'

function models (...modules: Array<Record<string, unknown>>): Model[] {
  const out: Model[] = []
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      if (typeof value === 'object' && value !== null && typeof (value as { $id?: unknown }).$id === 'string') {
        out.push(value as Model)
      }
    }
  }
  return out
}

/** In dependency order: a model is added after the models it references. */
export const ALL_MODELS: Model[] = models(
  evaCommon, evaAnalytics, evaConversations, evaAuth,
  koreCommon, koreWidgets, koreSessions, koreMessages, koreDebugLogs, koreEngagement, koreAdmin,
  chatbotReports
)
