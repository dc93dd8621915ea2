/** Online fashion and home store in English: the "Store Assistant" ChatBot.com story. */
import type { DomainSpec } from './types.js'

export const retail: DomainSpec = {
  lang: 'en',
  currency: 'PLN',
  flows: ['Orders', 'Delivery', 'Products', 'Store Info', 'Promotions', 'Account'],
  entities: ['orderNumber', 'product', 'city', 'size', 'date'],
  slots: {
    product: ['denim jacket', 'running shoes', 'wool sweater', 'summer dress', 'leather boots', 'bedding set', 'table lamp', 'backpack', 'chinos', 'rain jacket', 'linen shirt', 'sneakers', 'hoodie', 'duvet cover'],
    size: ['XS', 'S', 'M', 'L', 'XL', 'size 38', 'size 42', 'UK 8', 'EU 40'],
    city: ['Warsaw', 'Kraków', 'Gdańsk', 'Wrocław', 'Poznań', 'Łódź', 'Katowice', 'Berlin', 'Prague', 'Vilnius']
  },
  tags: ['vip', 'complaint', 'mobile-app', 'promo', 'black-friday', 'loyalty'],
  welcome: 'Hi there! 👋 I\'m the Umbrella Store assistant. I can track orders, check stock and find a store near you.',
  fallback: [
    'Sorry, I didn\'t understand. Try "track my order" or "store opening hours".',
    'I can\'t help with that yet. Would you like to chat with our customer care team?'
  ],
  contextFallbacks: [
    { parent: 'Track Order', text: 'I couldn\'t find that order. Order numbers have 8 digits, e.g. 40012345. Could you check it?' },
    { parent: 'Store Locator', text: 'I don\'t know that place. Please type a city name, e.g. Warsaw or Kraków.' },
    { parent: 'Product Availability', text: 'I couldn\'t match that product. Try the product name or the code on the label.' }
  ],
  intents: [
    {
      name: 'Track Order',
      flow: 'Orders',
      says: ['where is my order', 'track order {orderNumber}', 'my order {orderNumber} hasn\'t arrived', 'when will my package arrive', 'tracking number please', 'order status {orderNumber}', 'parcel still not here'],
      answers: ['Your order has been shipped and is on its way. You\'ll get a text from the courier on the delivery day.', { text: 'Want the tracking link?', buttons: ['Yes', 'No'] }]
    },
    {
      name: 'Product Availability',
      flow: 'Products',
      says: ['is the {product} in stock', 'do you have {product} in {size}', 'when will {product} be back in stock', 'is this available in {city}', '{product} sold out?'],
      answers: [{ text: 'Here is what I found:', type: 'CAROUSEL', buttons: ['Add to cart', 'Notify me'] }]
    },
    {
      name: 'Store Hours',
      flow: 'Store Info',
      says: ['what time do you open', 'opening hours', 'are you open on sunday', 'store hours in {city}', 'are you open on {date}'],
      answers: ['Our stores are open Monday–Saturday 9:00–21:00. Shopping-centre stores also open on trading Sundays 10:00–20:00.']
    },
    {
      name: 'Cancel Order',
      flow: 'Orders',
      says: ['cancel my order', 'cancel order {orderNumber}', 'I ordered the wrong {product}', 'can I still change my order'],
      answers: [{ text: 'Orders can be cancelled until they are packed. Do you want me to cancel it now?', buttons: ['Cancel order', 'Keep it'] }]
    },
    {
      name: 'Delivery Options',
      flow: 'Delivery',
      says: ['delivery options', 'do you deliver to {city}', 'next day delivery', 'can I collect in store', 'parcel locker delivery', 'do you ship abroad'],
      answers: ['We offer courier delivery (1–2 days), InPost parcel lockers and free click & collect in any store.']
    },
    {
      name: 'Discount Codes',
      flow: 'Promotions',
      says: ['my discount code doesn\'t work', 'any promo codes?', 'student discount', 'how do I use a voucher', 'newsletter discount'],
      answers: ['Codes can be entered in the cart under "Discount code". Only one code can be used per order.']
    },
    {
      name: 'Store Locator',
      flow: 'Store Info',
      says: ['nearest store', 'store in {city}', 'where are your shops', 'is there a store near me'],
      answers: ['We have 42 stores. Tell me your city and I\'ll show the closest one.']
    },
    {
      name: 'Change Delivery Address',
      flow: 'Delivery',
      says: ['change delivery address', 'wrong address on order {orderNumber}', 'deliver to my office instead', 'I moved to {city}'],
      answers: ['I can update the address as long as the order hasn\'t been handed to the courier. What\'s the new address?']
    },
    {
      name: 'Size Guide',
      flow: 'Products',
      says: ['size guide', 'what size should I take', 'is {size} a small fit', 'do the jeans run small', 'size chart for shoes'],
      answers: ['Check the size guide on each product page. If you\'re between sizes, we recommend the larger one.']
    },
    {
      name: 'Delivery Cost',
      flow: 'Delivery',
      says: ['how much is shipping', 'free delivery threshold', 'why did I pay for delivery', 'shipping cost to {city}'],
      answers: ['Delivery is free over 199 zł; otherwise courier costs 14.99 zł and parcel lockers 9.99 zł.']
    },
    {
      name: 'Gift Cards',
      flow: 'Promotions',
      says: ['buy a gift card', 'check gift card balance', 'use gift card online', 'gift card expired'],
      answers: ['Gift cards are valid for 12 months and can be used online and in stores. Check the balance on the card page.']
    },
    {
      name: 'Loyalty Program',
      flow: 'Account',
      says: ['how do I join the club', 'my loyalty points', 'points not added after purchase', 'club member benefits'],
      answers: ['Umbrella Club members get 5% back in points and early access to sales. Join for free in the app.']
    },
    {
      name: 'Payment Options',
      flow: 'Orders',
      says: ['can I pay with BLIK', 'do you accept PayPal', 'pay in installments', 'pay on delivery'],
      answers: ['We accept BLIK, cards, PayPal, Przelewy24 and pay later. Cash on delivery is available up to 500 zł.']
    },
    {
      name: 'Product Recommendation',
      flow: 'Products',
      says: ['gift ideas for my wife', 'what goes well with {product}', 'recommend a winter jacket', 'something for a wedding'],
      answers: [{ text: 'Here are a few ideas our customers love:', type: 'CAROUSEL', buttons: ['Show more'] }]
    },
    {
      name: 'Create Account',
      flow: 'Account',
      says: ['create an account', 'I can\'t log in', 'reset password', 'delete my account'],
      answers: ['You can create an account at checkout or in the app. Forgot your password? Use "Reset password" on the login page.']
    }
  ],
  outOfScope: ['do you sell iphones', 'are you hiring', 'what is your CEO\'s name', 'can I bring my dog to the store']
}
