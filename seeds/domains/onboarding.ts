/** SaaS product onboarding in US English: the "Hooli Onboarding" ChatBot.com story. */
import type { DomainSpec } from './types.js'

export const onboarding: DomainSpec = {
  lang: 'en',
  currency: 'USD',
  flows: ['Getting Started', 'Workspace Setup', 'Integrations', 'Billing & Plans', 'Troubleshooting'],
  entities: ['email', 'integration', 'plan', 'teamSize', 'date'],
  slots: {
    integration: ['Slack', 'Google Calendar', 'Zapier', 'GitHub', 'Salesforce', 'HubSpot', 'Microsoft Teams', 'Jira', 'Okta'],
    plan: ['Free', 'Pro', 'Team', 'Enterprise'],
    teamSize: ['5', '12', '25', '50', '200']
  },
  tags: ['trial', 'enterprise-lead', 'complaint', 'promo', 'developer', 'education'],
  welcome: 'Welcome to Hooli! 🚀 I\'ll help you get set up. Ask me about workspaces, inviting your team, integrations or plans.',
  fallback: [
    'Hmm, I\'m not sure about that. Try "invite teammates" or "connect Slack".',
    'I didn\'t catch that. Would you like to book a call with our onboarding team?'
  ],
  contextFallbacks: [
    { parent: 'Invite Teammates', text: 'That doesn\'t look like an email address. Please enter it like name@company.com.' },
    { parent: 'Import Data', text: 'I can import CSV, Trello or Asana exports. Which one are you using?' }
  ],
  intents: [
    {
      name: 'Create Workspace',
      flow: 'Getting Started',
      says: ['how do I create a workspace', 'set up a new workspace', 'create workspace for my team of {teamSize}', 'start using hooli', 'getting started'],
      answers: [{ text: 'Let\'s set up your workspace! Choose a template to start:', type: 'CAROUSEL', buttons: ['Product team', 'Marketing', 'Blank'] }, 'Your workspace is ready. Next step: invite your teammates.']
    },
    {
      name: 'Invite Teammates',
      flow: 'Workspace Setup',
      says: ['invite my team', 'add {email} to workspace', 'invite {teamSize} people', 'how do I add users', 'invitation email not received by {email}'],
      answers: ['Go to Settings > Members > Invite and paste their emails. Invitations expire after 7 days.']
    },
    {
      name: 'Connect Slack',
      flow: 'Integrations',
      says: ['connect slack', 'slack integration', 'get notifications in slack', 'slack app not posting', 'link my slack workspace'],
      answers: [{ text: 'Click below to connect Slack, then pick the channels for notifications.', buttons: ['Connect Slack'] }]
    },
    {
      name: 'Pricing Plans',
      flow: 'Billing & Plans',
      says: ['how much does it cost', 'what is included in {plan}', 'pricing for {teamSize} users', 'difference between Pro and Team', 'nonprofit discount'],
      answers: ['Free covers up to 5 users. Pro is $10 and Team $18 per user per month; Enterprise is custom.']
    },
    {
      name: 'Import Data',
      flow: 'Getting Started',
      says: ['import from trello', 'upload a csv', 'migrate from asana', 'import my projects', 'import failed'],
      answers: ['Use Settings > Import to bring in CSV, Trello or Asana data. Large imports run in the background.']
    },
    {
      name: 'Start Trial',
      flow: 'Billing & Plans',
      says: ['start a free trial', 'trial of {plan}', 'extend my trial', 'what happens when the trial ends', 'trial ends on {date}'],
      answers: ['Your 14-day trial starts now — no card needed. We\'ll remind you 3 days before it ends.']
    },
    {
      name: 'Connect Google Calendar',
      flow: 'Integrations',
      says: ['sync google calendar', 'connect my calendar', 'calendar events not showing', 'outlook calendar support'],
      answers: ['Connect your calendar in Settings > Integrations. Google and Outlook calendars sync every 5 minutes.']
    },
    {
      name: 'Roles & Permissions',
      flow: 'Workspace Setup',
      says: ['make someone an admin', 'guest access', 'restrict who can delete projects', 'change member role'],
      answers: ['Workspace admins can change roles in Settings > Members. Guests only see the projects they are invited to.']
    },
    {
      name: 'Reset Password',
      flow: 'Troubleshooting',
      says: ['forgot my password', 'can\'t log in', 'reset link not working', 'login with {email}'],
      answers: ['I\'ve sent a reset link to your email. Check spam if it doesn\'t arrive within 5 minutes.']
    },
    {
      name: 'Upgrade Plan',
      flow: 'Billing & Plans',
      says: ['upgrade to {plan}', 'add more seats', 'switch to annual', 'upgrade my workspace'],
      answers: ['You can upgrade in Settings > Billing. The price difference is prorated for this cycle.']
    },
    {
      name: 'API Keys',
      flow: 'Integrations',
      says: ['where is my API key', 'generate api token', 'api documentation', 'webhook setup', 'rate limits of the api'],
      answers: ['Create API keys in Settings > Developers. Docs are at developers.hooli.example.']
    },
    {
      name: 'Email Verification',
      flow: 'Troubleshooting',
      says: ['didn\'t get the verification email', 'verify my email', 'change email to {email}', 'resend confirmation'],
      answers: ['I\'ve re-sent the verification email. It comes from no-reply@hooli.example.']
    },
    {
      name: 'SSO Setup',
      flow: 'Workspace Setup',
      says: ['set up SSO', 'SAML with {integration}', 'enforce single sign-on', 'SCIM provisioning'],
      answers: ['SSO (SAML 2.0) and SCIM are available on Enterprise. I can connect you with our solutions team.']
    },
    {
      name: 'Mobile App',
      flow: 'Getting Started',
      says: ['is there a mobile app', 'download ios app', 'android app not syncing', 'mobile notifications'],
      answers: ['Hooli is on the App Store and Google Play. Sign in with the same account to sync everything.']
    },
    {
      name: 'Book a Demo',
      flow: 'Getting Started',
      says: ['book a demo', 'talk to sales', 'demo for my team of {teamSize}', 'schedule a call on {date}'],
      answers: [{ text: 'Happy to show you around! Pick a slot:', buttons: ['Book a demo'] }]
    },
    {
      name: 'Delete Account',
      flow: 'Troubleshooting',
      says: ['delete my account', 'close workspace', 'remove all my data', 'export before deleting'],
      answers: ['Workspace owners can delete the workspace in Settings > General. Data is erased within 30 days.']
    }
  ],
  outOfScope: ['is Hooli a real company', 'hire me', 'what is the meaning of life', 'do you integrate with my toaster']
}
