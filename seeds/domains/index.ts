/** The bot domains by key, as the tenant list refers to them. */
import { banking } from './banking.js'
import { billing } from './billing.js'
import { cards } from './cards.js'
import { hr } from './hr.js'
import { itSupport } from './it-support.js'
import { onboarding } from './onboarding.js'
import { retail } from './retail.js'
import { returns } from './returns.js'
import { travel } from './travel.js'
import type { DomainSpec } from './types.js'

export const DOMAINS = { banking, cards, travel, itSupport, hr, billing, retail, returns, onboarding } satisfies Record<string, DomainSpec>

export type DomainKey = keyof typeof DOMAINS
