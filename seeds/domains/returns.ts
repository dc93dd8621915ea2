/** Returns and refunds in English: the "Returns Helper" ChatBot.com story. */
import type { DomainSpec } from './types.js'

export const returns: DomainSpec = {
  lang: 'en',
  currency: 'PLN',
  flows: ['Start a Return', 'Return Status', 'Refunds', 'Exchanges', 'Return Policy'],
  entities: ['orderNumber', 'product', 'date', 'amount', 'reason'],
  slots: {
    product: ['denim jacket', 'running shoes', 'wool sweater', 'summer dress', 'leather boots', 'bedding set', 'table lamp', 'backpack', 'chinos', 'rain jacket', 'linen shirt', 'sneakers', 'hoodie', 'duvet cover'],
    reason: ['too small', 'too big', 'damaged', 'not as described', 'changed my mind', 'wrong colour', 'arrived late']
  },
  tags: ['vip', 'complaint', 'mobile-app', 'damaged', 'repeat-returner', 'exchange'],
  welcome: 'Hi! I\'m the Returns Helper. I can start a return, print a label or check your refund. What do you need?',
  fallback: [
    'Sorry, I didn\'t get that. You can say "start a return" or "where is my refund".',
    'That\'s outside what I can do. Do you want to talk to a returns specialist?'
  ],
  contextFallbacks: [
    { parent: 'Start Return', text: 'I couldn\'t find an order with that number. It\'s the 8-digit number in your confirmation email.' },
    { parent: 'Return Status', text: 'Hmm, that doesn\'t look like a return number. It starts with R, e.g. R-2041883.' }
  ],
  intents: [
    {
      name: 'Start Return',
      flow: 'Start a Return',
      says: ['I want to return something', 'return order {orderNumber}', 'return the {product}', 'start a return', 'how do I send back {product}', 'the {product} is {reason}, I want to return it'],
      answers: [{ text: 'Sure! Which item from your order would you like to return?', type: 'CAROUSEL', buttons: ['Select item'] }, 'Thanks. Your return is registered; you\'ll get a label by email.']
    },
    {
      name: 'Refund Status',
      flow: 'Refunds',
      says: ['where is my refund', 'refund for order {orderNumber}', 'when will I get my money back', 'refund of {amount} not received', 'returned it on {date}, still no refund'],
      answers: ['Refunds are issued within 3 working days after the return arrives at our warehouse, to the original payment method.']
    },
    {
      name: 'Return Label',
      flow: 'Start a Return',
      says: ['print return label', 'I didn\'t get the label', 'lost my return label', 'I don\'t have a printer', 'label for order {orderNumber}'],
      answers: ['I\'ve re-sent your return label. No printer? Choose a QR code and show it at the drop-off point.']
    },
    {
      name: 'Return Status',
      flow: 'Return Status',
      says: ['status of my return', 'did you receive my return', 'return tracking', 'I sent the parcel on {date}'],
      answers: ['Your return is in transit to our warehouse. We\'ll email you as soon as it has been checked.']
    },
    {
      name: 'Exchange Item',
      flow: 'Exchanges',
      says: ['exchange my {product}', 'swap for a different colour', 'can I exchange instead of refund', 'exchange order {orderNumber}'],
      answers: [{ text: 'Would you like a different size or a different item?', buttons: ['Different size', 'Different item'] }]
    },
    {
      name: 'Return Window',
      flow: 'Return Policy',
      says: ['how long do I have to return', 'is it too late to return', 'bought it on {date}, can I still return', '30 day return'],
      answers: ['You have 30 days from delivery to return an item in its original condition.']
    },
    {
      name: 'Damaged Item',
      flow: 'Start a Return',
      says: ['my {product} arrived damaged', 'item broken on arrival', 'parcel was crushed', 'there is a stain on the {product}'],
      answers: ['I\'m sorry! Please send a photo of the damage and we\'ll replace the item or refund you in full, including shipping.']
    },
    {
      name: 'Drop-off Points',
      flow: 'Start a Return',
      says: ['where can I drop off my return', 'can I return in store', 'nearest parcel locker', 'post office return'],
      answers: ['Returns can be dropped at any store, InPost locker or DPD pickup point.']
    },
    {
      name: 'Refund Method',
      flow: 'Refunds',
      says: ['refund to a different card', 'can I get store credit', 'refund to paypal', 'refund as gift card'],
      answers: ['Refunds go back to the original payment method. Store credit is available on request and adds 10% extra.']
    },
    {
      name: 'Exchange Size',
      flow: 'Exchanges',
      says: ['need a bigger size', 'the {product} is too small, can I swap it', 'swap size M for L', 'the shoes are too big'],
      answers: ['I\'ve reserved the new size for you. It ships as soon as we receive your return.']
    },
    {
      name: 'Wrong Item Received',
      flow: 'Start a Return',
      says: ['I got the wrong item', 'this is not what I ordered', 'received someone else\'s order', 'wrong colour sent'],
      answers: ['Sorry for the mix-up! I\'ll send the right item today and a free return label for the wrong one.']
    },
    {
      name: 'Return Policy',
      flow: 'Return Policy',
      says: ['return policy', 'are returns free', 'do I pay for return shipping', 'can I return sale items'],
      answers: ['Returns are free for Club members; otherwise 9.99 zł is deducted from the refund. Sale items can be returned too.']
    },
    {
      name: 'Non-returnable Items',
      flow: 'Return Policy',
      says: ['can I return underwear', 'return opened cosmetics', 'personalised item return', 'earrings return'],
      answers: ['For hygiene reasons we can\'t accept underwear, earrings or opened cosmetics unless they are faulty.']
    },
    {
      name: 'Return Pickup',
      flow: 'Start a Return',
      says: ['can a courier collect my return', 'pickup from my home', 'schedule collection on {date}', 'return is too big to carry'],
      answers: ['Courier pickup costs 14.99 zł and can be booked for the next working day.']
    }
  ],
  outOfScope: ['I want to buy a new jacket', 'track my new order', 'what are your store hours', 'are you a real person']
}
