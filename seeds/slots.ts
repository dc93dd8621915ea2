/** Fills `{slot}` placeholders of utterance templates with plausible, locale-aware values. */
import type { Faker } from '@faker-js/faker'
import type { Rng } from './prng.js'
import type { Currency, DomainSpec, Lang } from './domains/types.js'

export type SlotFiller = (slot: string) => string

const MONTHS: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
}

const RELATIVE_DATES: Record<Lang, string[]> = {
  en: ['tomorrow', 'today', 'next Monday', 'on Friday', 'next week', 'the 15th', 'end of the month', 'last Tuesday'],
  pt: ['amanhã', 'hoje', 'segunda-feira', 'sexta', 'semana que vem', 'dia 15', 'fim do mês', 'ontem'],
  es: ['mañana', 'hoy', 'el lunes', 'el viernes', 'la semana que viene', 'el día 15', 'a final de mes', 'ayer']
}

const AIRLINES = ['IB', 'UX', 'VY', 'AF', 'LH', 'TP', 'KL', 'BA']
const PNR_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Thousands grouping the way the language writes money. */
function group (n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
}

function money (rng: Rng, currency: Currency, lang: Lang): string {
  const scale = currency === 'INR' ? 60 : currency === 'PLN' ? 4 : 1
  const n = Math.max(5, Math.round(rng.lognormal(180, 1.1) * scale))
  const rounded = n > 200 ? Math.round(n / 10) * 10 : n
  switch (currency) {
    case 'BRL': return rng.chance(0.5) ? `R$ ${group(rounded, '.')},00` : `${rounded} reais`
    case 'EUR': return lang === 'es' ? (rng.chance(0.5) ? `${rounded} €` : `${rounded} euros`) : `€${rounded}`
    case 'GBP': return rng.chance(0.7) ? `£${group(rounded, ',')}` : `£${rounded}.${rng.digits(2)}`
    case 'INR': return rng.chance(0.6) ? `₹${group(rounded, ',')}` : `Rs ${rounded}`
    case 'PLN': return rng.chance(0.7) ? `${rounded} zł` : `${rounded} PLN`
    default: return rng.chance(0.7) ? `$${group(rounded, ',')}` : `${rounded} dollars`
  }
}

function date (rng: Rng, lang: Lang): string {
  if (rng.chance(0.55)) return rng.pick(RELATIVE_DATES[lang])
  const day = rng.int(1, 28)
  const month = rng.int(0, 11)
  if (rng.chance(0.4)) return `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}`
  if (lang === 'en') return `${MONTHS.en[month]} ${day}`
  return `${lang === 'es' ? 'el ' : ''}${day} de ${MONTHS[lang][month]}`
}

export function makeSlotFiller (domain: DomainSpec, faker: Faker, rng: Rng): SlotFiller {
  const { lang, currency } = domain
  return (slot: string): string => {
    const own = domain.slots[slot] ?? domain.slots[slot.replace(/\d+$/, '')]
    if (own !== undefined) return rng.pick(own)
    switch (slot.replace(/\d+$/, '')) {
      case 'amount': return money(rng, currency, lang)
      case 'date': return date(rng, lang)
      case 'month': return rng.pick(MONTHS[lang])
      case 'day': return String(rng.pick([1, 5, 10, 15, 20, 25]))
      case 'installments': return String(rng.pick([3, 6, 10, 12, 18, 24]))
      case 'city': return faker.location.city()
      case 'person': return faker.person.firstName()
      case 'email': return faker.internet.email().toLowerCase()
      case 'product': return faker.commerce.product().toLowerCase()
      case 'accountNumber': return `${rng.digits(5)}-${rng.digits(1)}`
      case 'lastDigits': return rng.digits(4)
      case 'orderNumber': return (rng.chance(0.3) ? '#' : '') + '4' + rng.digits(7)
      case 'ticketNumber': return 'INC' + rng.digits(7)
      case 'invoiceNumber': return 'INV-' + rng.digits(6)
      case 'flightNumber': return rng.pick(AIRLINES) + String(rng.int(100, 8999))
      case 'bookingCode': {
        let s = ''
        for (let i = 0; i < 6; i++) s += PNR_CHARS[rng.int(0, PNR_CHARS.length - 1)]
        return s
      }
      default: throw new Error(`no filler for slot {${slot}}`)
    }
  }
}
