/** Subscription billing in British English: the "Initech Billing Bot" Kore.ai bot. */
import type { DomainSpec } from './types.js'

export const billing: DomainSpec = {
  lang: 'en',
  currency: 'GBP',
  flows: ['Invoices', 'Payments', 'Refunds', 'Plans & Pricing', 'Account Details'],
  entities: ['invoiceNumber', 'amount', 'date', 'plan', 'paymentMethod'],
  slots: {
    plan: ['Starter', 'Business', 'Business Plus', 'Enterprise', 'annual', 'monthly'],
    paymentMethod: ['credit card', 'debit card', 'direct debit', 'PayPal', 'bank transfer', 'Amex']
  },
  tags: ['enterprise', 'complaint', 'churn-risk', 'promo', 'overdue', 'vat'],
  welcome: 'Hello, I\'m the Initech billing assistant. I can help with invoices, payments, refunds and your plan. How can I help today?',
  fallback: [
    'Sorry, I didn\'t quite catch that. Could you rephrase your billing question?',
    'I\'m not able to help with that one. Would you like to speak to our billing team?'
  ],
  intents: [
    {
      name: 'View Invoice',
      flow: 'Invoices',
      says: ['show my latest invoice', 'where can I see my invoices', 'invoice for {date}', 'what is invoice {invoiceNumber} for', 'why is my bill {amount} this month', 'my invoice is higher than usual'],
      answers: ['All invoices are under Account > Billing > Invoices. Your latest invoice was issued on the 1st of this month.', { text: 'Would you like a breakdown of the charges?', buttons: ['Yes please', 'No thanks'] }]
    },
    {
      name: 'Pay Invoice',
      flow: 'Payments',
      says: ['pay my invoice', 'pay invoice {invoiceNumber}', 'I want to pay {amount} now', 'how do I pay my bill', 'pay outstanding balance', 'pay by {paymentMethod}'],
      answers: ['You can pay any open invoice from Billing > Pay now using card, PayPal or bank transfer.']
    },
    {
      name: 'Failed Payment',
      flow: 'Payments',
      says: ['my payment failed', 'card declined', 'why was my {paymentMethod} payment rejected', 'payment of {amount} did not go through', 'got an email saying payment failed'],
      answers: ['The last charge was declined by your bank. Please update your card or retry the payment; we\'ll try again automatically in 3 days.', { text: 'What would you like to do?', buttons: ['Update card', 'Retry payment'] }]
    },
    {
      name: 'Refund Request',
      flow: 'Refunds',
      says: ['I want a refund', 'refund {amount} please', 'I was charged twice', 'cancelled but still charged', 'refund for invoice {invoiceNumber}'],
      answers: ['I\'ve raised a refund request. Refunds go back to the original payment method within 5–10 working days.']
    },
    {
      name: 'Update Card Details',
      flow: 'Payments',
      says: ['update my card', 'change payment method to {paymentMethod}', 'my card expired', 'add a new card', 'remove old card'],
      answers: ['You can update your payment method in Billing > Payment methods. The new card will be used for the next invoice.']
    },
    {
      name: 'Plan Upgrade',
      flow: 'Plans & Pricing',
      says: ['upgrade to {plan}', 'I need more seats', 'how much is the {plan} plan', 'switch to annual billing', 'add 10 users'],
      answers: [{ text: 'Here are the plans you can move to:', type: 'CAROUSEL', buttons: ['Choose Business', 'Choose Enterprise'] }, 'Upgrades take effect immediately and are charged pro rata.']
    },
    {
      name: 'Invoice Copy',
      flow: 'Invoices',
      says: ['send me a copy of invoice {invoiceNumber}', 'download invoice pdf', 'resend invoice to accounts', 'I need invoices for the last year'],
      answers: ['I\'ve emailed a PDF copy of the invoice to the billing contact on your account.']
    },
    {
      name: 'Refund Status',
      flow: 'Refunds',
      says: ['where is my refund', 'refund of {amount} not received', 'status of refund', 'how long do refunds take'],
      answers: ['Your refund was processed and should reach your account within 5 working days.']
    },
    {
      name: 'VAT Invoice',
      flow: 'Invoices',
      says: ['add my VAT number', 'invoice without VAT', 'reverse charge invoice', 'VAT receipt for {date}', 'change company name on invoice'],
      answers: ['Add your VAT number in Billing > Company details. Future invoices will show it and apply reverse charge where valid.']
    },
    {
      name: 'Direct Debit Setup',
      flow: 'Payments',
      says: ['set up direct debit', 'pay by direct debit', 'change direct debit date', 'cancel direct debit'],
      answers: ['Direct Debit can be set up under Payment methods. Collections happen 3 working days after the invoice date.']
    },
    {
      name: 'Billing Dispute',
      flow: 'Refunds',
      says: ['I don\'t recognise this charge', 'dispute invoice {invoiceNumber}', 'wrong amount on my bill', 'I was overcharged {amount}'],
      answers: ['I\'m sorry about that. I\'ve opened a billing review; the team will reply within 2 working days.']
    },
    {
      name: 'Pricing Info',
      flow: 'Plans & Pricing',
      says: ['how much does it cost', 'price of {plan}', 'do you offer discounts for charities', 'pricing per user'],
      answers: ['Starter is £8, Business £15 and Business Plus £24 per user per month, billed annually.']
    },
    {
      name: 'Plan Downgrade',
      flow: 'Plans & Pricing',
      says: ['downgrade to {plan}', 'reduce number of seats', 'move to a cheaper plan', 'remove users from subscription'],
      answers: ['Downgrades take effect at the end of the current billing period; no credit is issued for unused time.']
    },
    {
      name: 'Cancel Subscription',
      flow: 'Account Details',
      says: ['cancel my subscription', 'close my account', 'stop auto renewal', 'how do I cancel', 'end contract on {date}'],
      answers: [{ text: 'Sorry to see you go. Before you cancel, would a 20% discount for 3 months help?', buttons: ['Accept offer', 'Cancel anyway'] }]
    },
    {
      name: 'Billing Address Change',
      flow: 'Account Details',
      says: ['change billing address', 'update billing contact email', 'company moved office', 'wrong address on invoice'],
      answers: ['Billing address and contact can be changed in Billing > Company details by an account owner.']
    }
  ],
  outOfScope: ['my wifi is not working', 'reset my password', 'what is the share price', 'book a demo for my boss']
}
