/** Internal IT help desk in English: the "Initech Support Bot" Kore.ai bot. */
import type { DomainSpec } from './types.js'

export const itSupport: DomainSpec = {
  lang: 'en',
  currency: 'USD',
  flows: ['Account Access', 'Hardware', 'Software', 'Network', 'Email', 'Ticketing'],
  entities: ['application', 'ticketNumber', 'device', 'office', 'date'],
  slots: {
    application: ['Outlook', 'Teams', 'Excel', 'Salesforce', 'SAP', 'Jira', 'Zoom', 'Adobe Acrobat', 'Visual Studio Code', 'Tableau', 'Workday'],
    device: ['laptop', 'monitor', 'docking station', 'headset', 'keyboard', 'iPhone', 'printer', 'webcam'],
    office: ['New York', 'Austin', 'Chicago', 'the 5th floor', 'building B', 'the Newark office']
  },
  tags: ['vip', 'complaint', 'remote', 'new-hire', 'p1', 'hardware'],
  welcome: 'Hi! I\'m the Initech IT assistant. I can reset passwords, fix VPN and email issues, and open or track tickets. What can I help you with?',
  fallback: [
    'Sorry, I didn\'t get that. Could you rephrase? You can also type "create ticket" to reach the service desk.',
    'I\'m not sure I understood. Would you like me to open a ticket for a technician?'
  ],
  intents: [
    {
      name: 'Password Reset',
      flow: 'Account Access',
      says: ['I forgot my password', 'reset my password', 'need to reset my {application} password', 'my password expired', 'how do I change my windows password', 'password reset please', 'locked out after changing password'],
      answers: ['I\'ve sent a password reset link to your registered mobile number. It expires in 15 minutes.', { text: 'Did the reset work?', buttons: ['Yes', 'No'] }]
    },
    {
      name: 'VPN Issues',
      flow: 'Network',
      says: ['vpn is not connecting', 'cannot connect to VPN from home', 'GlobalProtect keeps disconnecting', 'vpn error 809', 'vpn very slow today', 'how do I install the vpn client'],
      answers: ['Please sign out of GlobalProtect, restart your laptop and connect to portal vpn.initech.com. If it still fails, I can open a ticket.']
    },
    {
      name: 'Account Unlock',
      flow: 'Account Access',
      says: ['my account is locked', 'unlock my account', 'locked out of {application}', 'too many login attempts', 'account disabled'],
      answers: ['Your account has been unlocked. Please wait 5 minutes before signing in again.']
    },
    {
      name: 'Create Ticket',
      flow: 'Ticketing',
      says: ['open a ticket', 'create an incident for {application}', 'I need to raise a ticket', 'log a support request', 'report an issue with my {device}', 'talk to the service desk'],
      answers: ['I\'ve created an incident for you. A technician will contact you within 4 business hours.', { text: 'How urgent is it?', buttons: ['Low', 'Medium', 'High'] }]
    },
    {
      name: 'Ticket Status',
      flow: 'Ticketing',
      says: ['status of ticket {ticketNumber}', 'any update on {ticketNumber}?', 'what happened to my ticket', 'check my open tickets', 'is my incident resolved'],
      answers: ['Your ticket is assigned to the Desktop Support team and is in progress. You\'ll get an email when it is resolved.']
    },
    {
      name: 'Outlook Issues',
      flow: 'Email',
      says: ['outlook keeps crashing', 'not receiving emails', 'outlook stuck on loading profile', 'my mailbox is full', 'emails stuck in outbox', 'calendar not syncing on my {device}'],
      answers: ['Try restarting Outlook in safe mode (outlook.exe /safe). If the mailbox is full, archive items older than 12 months.']
    },
    {
      name: 'MFA Setup',
      flow: 'Account Access',
      says: ['set up MFA', 'new phone need to move authenticator', 'not getting the MFA prompt', 'register Microsoft Authenticator', 'lost my phone with the authenticator app'],
      answers: ['Go to aka.ms/mfasetup, sign in and choose "Add method". If you lost your phone, I\'ll reset your MFA registration.']
    },
    {
      name: 'Software Install Request',
      flow: 'Software',
      says: ['install {application}', 'I need {application} on my laptop', 'request software', 'can I get admin rights to install {application}', 'software center is empty'],
      answers: ['Most approved apps are in Software Center. Other apps need a license request; I can submit it for you.']
    },
    {
      name: 'WiFi Connectivity',
      flow: 'Network',
      says: ['wifi not working in {office}', 'cannot connect to corp wifi', 'guest wifi password', 'internet is slow in {office}', 'wifi keeps dropping'],
      answers: ['Connect to the "Initech-Corp" network with your network credentials. The guest network password changes every Monday.']
    },
    {
      name: 'Laptop Repair',
      flow: 'Hardware',
      says: ['my laptop won\'t turn on', 'broken screen', 'battery drains fast', 'my {device} is broken', 'blue screen error', 'laptop overheating'],
      answers: [{ text: 'Sorry about that. Do you want to book a visit to the IT bar or have a loaner shipped?', buttons: ['Book IT bar', 'Ship loaner'] }]
    },
    {
      name: 'Printer Problems',
      flow: 'Hardware',
      says: ['printer not working', 'cannot print in {office}', 'add a printer', 'printer says paper jam', 'print job stuck'],
      answers: ['Use the FollowMe queue: print to "Initech-Print" and release the job at any printer with your badge.']
    },
    {
      name: 'New Hardware Request',
      flow: 'Hardware',
      says: ['I need a new {device}', 'request a second monitor', 'order a headset', 'my laptop is old, can I get a new one', 'hardware request for new hire starting {date}'],
      answers: ['Hardware requests are approved by your manager. I\'ve opened the request form for you.']
    },
    {
      name: 'Shared Mailbox Access',
      flow: 'Email',
      says: ['access to shared mailbox', 'add me to the support@ mailbox', 'cannot see the shared calendar', 'remove access to mailbox'],
      answers: ['Access to shared mailboxes needs the owner\'s approval. I\'ve sent the request to the mailbox owner.']
    },
    {
      name: 'License Request',
      flow: 'Software',
      says: ['I need a {application} license', 'license expired for {application}', 'request Adobe Pro license', 'Visio license please'],
      answers: ['License requests are fulfilled within 2 business days after cost-centre approval.']
    },
    {
      name: 'Slow Computer',
      flow: 'Hardware',
      says: ['my computer is very slow', 'laptop freezing', '{application} is slow', 'disk is full', 'pc takes ages to start'],
      answers: ['Please restart and install pending updates from Software Center. If it\'s still slow, I\'ll run a remote diagnostic.']
    },
    {
      name: 'Escalate Ticket',
      flow: 'Ticketing',
      says: ['escalate ticket {ticketNumber}', 'this is urgent', 'nobody answered my ticket', 'I need this fixed today'],
      answers: ['I\'ve flagged your ticket as high priority and notified the on-call engineer.']
    }
  ],
  outOfScope: ['when is payday', 'book a meeting room', 'who is my manager', 'order pizza for the team']
}
