/** The fixed tenant structure (orgs, bots, channels, API principals) shared by every seed. */
import type { DomainKey } from './domains/index.js'

export { secretFor, hashSecret, verifySecret } from './secrets.js'

export type Vendor = 'eva' | 'kore' | 'chatbotcom'
export type NameLocale = 'ptBR' | 'es' | 'enUS' | 'enIN' | 'enGB' | 'pl'

export interface ChannelTypeDef { id: number, vendor: Vendor, name: string, classId: 1 | 2 }

/** eva ids 1–5 are contractual (the eva channelType.id); the others just follow. */
export const CHANNEL_TYPES: ChannelTypeDef[] = [
  { id: 1, vendor: 'eva', name: 'Web', classId: 1 },
  { id: 2, vendor: 'eva', name: 'WhatsApp', classId: 1 },
  { id: 3, vendor: 'eva', name: 'Facebook Messenger', classId: 1 },
  { id: 4, vendor: 'eva', name: 'Telegram', classId: 1 },
  { id: 5, vendor: 'eva', name: 'Alexa', classId: 2 },
  ...['rtm', 'msteams', 'slack', 'ivrVoice', 'facebook', 'email', 'sms'].map((name, i): ChannelTypeDef =>
    ({ id: 6 + i, vendor: 'kore', name, classId: name === 'ivrVoice' ? 2 : 1 })),
  ...['widget', 'messenger', 'livechat', 'livechat3', 'slack', 'app', 'custom'].map((name, i): ChannelTypeDef =>
    ({ id: 13 + i, vendor: 'chatbotcom', name, classId: 1 }))
]

export interface ChannelDef {
  type: string // a CHANNEL_TYPES name of the bot's vendor
  name: string
  description: string
  share: number // percent of the bot's sessions
}

export interface BotDef {
  name: string
  domain: DomainKey
  tz: string
  language: string
  /** relative traffic; the nine bots average 1 */
  size: number
  names: NameLocale
  channels: ChannelDef[]
}

export interface OrgDef {
  vendor: Vendor
  /** orgs.name: the eva realm, the Kore account or ChatBot.com licence name */
  name: string
  /** slug used in ChatBot.com token labels */
  slug: string
  env: string
  bots: BotDef[]
}

const ch = (type: string, name: string, description: string, share: number): ChannelDef => ({ type, name, description, share })

export const ORGS: OrgDef[] = [
  {
    vendor: 'eva',
    name: 'acme',
    slug: 'acme',
    env: 'production',
    bots: [
      {
        name: 'Acme Virtual Assistant',
        domain: 'banking',
        tz: 'America/Sao_Paulo',
        language: 'pt-BR',
        size: 1.35,
        names: 'ptBR',
        channels: [
          ch('WhatsApp', 'Acme WhatsApp', 'Official WhatsApp Business number for account holders.', 50),
          ch('Web', 'Acme Website', 'Chat widget on the public website and internet banking.', 30),
          ch('Facebook Messenger', 'Acme Messenger', 'Messenger inbox of the Acme Bank Facebook page.', 15),
          ch('Alexa', 'Acme Alexa Skill', 'Voice skill for balance and bill questions.', 5)
        ]
      },
      {
        name: 'Acme Card Services',
        domain: 'cards',
        tz: 'America/Sao_Paulo',
        language: 'pt-BR',
        size: 0.8,
        names: 'ptBR',
        channels: [
          ch('WhatsApp', 'Acme Cards WhatsApp', 'WhatsApp line dedicated to credit and debit cards.', 55),
          ch('Web', 'Acme Cards Web', 'Chat on the cards area of the website.', 30),
          ch('Telegram', 'Acme Cards Telegram', 'Telegram bot for card alerts and questions.', 15)
        ]
      }
    ]
  },
  {
    vendor: 'eva',
    name: 'globex',
    slug: 'globex',
    env: 'production',
    bots: [
      {
        name: 'Globex Trip Helper',
        domain: 'travel',
        tz: 'Europe/Madrid',
        language: 'es',
        size: 0.9,
        names: 'es',
        channels: [
          ch('Web', 'Globex Website', 'Assistant on globex-travel bookings and manage-my-trip pages.', 45),
          ch('WhatsApp', 'Globex WhatsApp', 'WhatsApp travel support line.', 35),
          ch('Facebook Messenger', 'Globex Messenger', 'Messenger inbox of the Globex Travel page.', 12),
          ch('Telegram', 'Globex Telegram', 'Telegram channel for flight alerts.', 8)
        ]
      }
    ]
  },
  {
    vendor: 'kore',
    name: 'Initech',
    slug: 'initech',
    env: 'default',
    bots: [
      {
        name: 'Initech Support Bot',
        domain: 'itSupport',
        tz: 'America/New_York',
        language: 'en',
        size: 1.3,
        names: 'enUS',
        channels: [
          ch('msteams', 'Microsoft Teams', 'IT support app in the Initech Teams tenant.', 55),
          ch('rtm', 'Web / Mobile Client', 'Widget on the IT self-service portal.', 25),
          ch('slack', 'Slack', 'Slack app for the engineering workspace.', 12),
          ch('ivrVoice', 'IVR Voice', 'Service desk phone line.', 8)
        ]
      },
      {
        name: 'Initech HR Assistant',
        domain: 'hr',
        tz: 'Asia/Kolkata',
        language: 'en',
        size: 0.7,
        names: 'enIN',
        channels: [
          ch('msteams', 'Microsoft Teams', 'HR assistant in Teams.', 60),
          ch('rtm', 'Web / Mobile Client', 'Widget on the HR portal and mobile app.', 30),
          ch('email', 'Email', 'hr-help mailbox automation.', 10)
        ]
      },
      {
        name: 'Initech Billing Bot',
        domain: 'billing',
        tz: 'Europe/London',
        language: 'en',
        size: 0.95,
        names: 'enGB',
        channels: [
          ch('rtm', 'Web / Mobile Client', 'Chat on the customer billing portal.', 50),
          ch('facebook', 'Facebook Messenger', 'Messenger on the Initech page.', 20),
          ch('sms', 'SMS', 'Two-way SMS for payment reminders.', 20),
          ch('email', 'Email', 'billing@ mailbox automation.', 10)
        ]
      }
    ]
  },
  {
    vendor: 'chatbotcom',
    name: 'Umbrella Retail',
    slug: 'umbrella-retail',
    env: 'default',
    bots: [
      {
        name: 'Store Assistant',
        domain: 'retail',
        tz: 'Europe/Warsaw',
        language: 'en',
        size: 1.3,
        names: 'pl',
        channels: [
          ch('widget', 'Website widget', 'ChatBot widget on the online store.', 45),
          ch('messenger', 'Messenger', 'Umbrella Store Facebook page.', 25),
          ch('livechat3', 'LiveChat', 'Bot in front of the LiveChat customer care team.', 20),
          ch('app', 'Mobile app', 'In-app chat of the store app.', 7),
          ch('custom', 'Custom integration', 'Kiosk integration through the API.', 3)
        ]
      },
      {
        name: 'Returns Helper',
        domain: 'returns',
        tz: 'Europe/Warsaw',
        language: 'en',
        size: 0.75,
        names: 'pl',
        channels: [
          ch('widget', 'Website widget', 'Widget on the returns portal.', 55),
          ch('livechat', 'LiveChat (legacy)', 'Older LiveChat integration still used by customer care.', 25),
          ch('messenger', 'Messenger', 'Umbrella Store Facebook page.', 20)
        ]
      }
    ]
  },
  {
    vendor: 'chatbotcom',
    name: 'Hooli Labs',
    slug: 'hooli-labs',
    env: 'default',
    bots: [
      {
        name: 'Hooli Onboarding',
        domain: 'onboarding',
        tz: 'America/Los_Angeles',
        language: 'en',
        size: 0.95,
        names: 'enUS',
        channels: [
          ch('widget', 'Website widget', 'Widget on hooli.example and the pricing page.', 40),
          ch('app', 'In-product chat', 'Chat inside the Hooli web app.', 35),
          ch('slack', 'Slack', 'Hooli Slack community.', 15),
          ch('custom', 'Custom integration', 'Onboarding emails answered through the API.', 10)
        ]
      }
    ]
  }
]

/** eva users and the bots (by name) each may read; bruno deliberately lacks "Acme Card Services". */
export const EVA_USERS = [
  { login: 'ana.admin', org: 'acme', bots: ['Acme Virtual Assistant', 'Acme Card Services'] },
  { login: 'bruno.analyst', org: 'acme', bots: ['Acme Virtual Assistant'] },
  { login: 'carla.ops', org: 'globex', bots: ['Globex Trip Helper'] }
]

export const KORE_BUILDER_SCOPES = ['Custom Reports', 'Bot Sessions', 'Chat History', 'Debug Logs', 'User Engagement Trend']
export const KORE_ADMIN_SCOPES = ['Custom Reports', 'Bot Sessions', 'Chat History', 'Delete Users Data', 'Role Management', 'Bot Publish', 'Bot Import']
/** The scopes of the two "limited" Kore apps: each lacks most of its kind's scopes. */
export const KORE_LIMITED_BUILDER_SCOPES = ['Chat History']
export const KORE_LIMITED_ADMIN_SCOPES = ['Custom Reports']
