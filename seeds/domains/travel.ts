/** Travel agency in Spanish: the "Globex Trip Helper" eva bot. */
import type { DomainSpec } from './types.js'

export const travel: DomainSpec = {
  lang: 'es',
  currency: 'EUR',
  flows: ['Flight Booking', 'Booking Management', 'Check-in', 'Baggage', 'Hotels', 'Travel Info', 'Knowledge Base'],
  entities: ['city', 'date', 'bookingCode', 'flightNumber', 'amount'],
  slots: {
    city: ['Madrid', 'Barcelona', 'Lisboa', 'París', 'Roma', 'Londres', 'Nueva York', 'Cancún', 'Buenos Aires', 'Bogotá', 'Tenerife', 'Palma', 'Sevilla', 'Berlín', 'Ámsterdam', 'Lima', 'Ciudad de México', 'Málaga', 'Oporto', 'Bilbao'],
    nights: ['2', '3', '4', '5', '7', '10']
  },
  tags: ['vip', 'complaint', 'mobile-app', 'promo', 'business-travel', 'family'],
  welcome: '¡Hola! Soy el asistente de viajes de Globex. Puedo ayudarte con vuelos, reservas, check-in, equipaje y hoteles. ¿En qué te ayudo?',
  fallback: [
    'Perdona, no te he entendido. ¿Puedes decirlo de otra forma?',
    'Todavía no sé responder a eso. Si quieres, te paso con un agente de viajes.'
  ],
  intents: [
    {
      name: 'Search Flights',
      flow: 'Flight Booking',
      says: ['buscar vuelos de {city} a {city2}', 'vuelo a {city} {date}', 'quiero viajar a {city}', 'cuánto cuesta un vuelo a {city}', 'vuelos baratos a {city2}', 'ida y vuelta {city} {city2}', 'hay vuelos directos a {city}?'],
      answers: [{ text: 'Estas son las mejores opciones que encontré:', type: 'CAROUSEL', buttons: ['Reservar', 'Ver más'] }, '¿Quieres que filtre solo vuelos directos?']
    },
    {
      name: 'Change Booking',
      flow: 'Booking Management',
      says: ['cambiar la fecha de mi vuelo {bookingCode}', 'quiero cambiar mi reserva al {date}', 'modificar reserva', 'cambiar el nombre del pasajero', 'adelantar mi vuelo a {date}', 'puedo cambiar el destino?'],
      answers: ['Puedes cambiar tu reserva en Mis viajes. Si la tarifa lo permite, solo pagarás la diferencia de precio.']
    },
    {
      name: 'Online Check-in',
      flow: 'Check-in',
      says: ['hacer el check-in', 'check-in online para el vuelo {flightNumber}', 'cuándo abre el check-in', 'no puedo hacer el check-in', 'check in reserva {bookingCode}'],
      answers: ['El check-in online abre 48 horas antes de la salida y cierra 2 horas antes. Hazlo desde Mis viajes > Check-in.']
    },
    {
      name: 'Baggage Allowance',
      flow: 'Baggage',
      says: ['cuántas maletas puedo llevar', 'equipaje de mano permitido', 'peso máximo de la maleta', 'puedo llevar mochila además de la maleta?', 'medidas del equipaje de mano'],
      answers: ['Tu tarifa incluye un bulto de mano de 10 kg (55x40x20 cm) y un artículo personal. La maleta facturada depende de la tarifa.']
    },
    {
      name: 'Cancel Booking',
      flow: 'Booking Management',
      says: ['cancelar mi reserva {bookingCode}', 'cómo cancelo el vuelo', 'quiero anular el viaje a {city}', 'cancelación gratuita', 'cancelar hotel y vuelo'],
      answers: [{ text: '¿Seguro que quieres cancelar la reserva? Según tu tarifa, puede haber gastos de cancelación.', buttons: ['Sí, cancelar', 'No'] }]
    },
    {
      name: 'Flight Status',
      flow: 'Travel Info',
      says: ['estado del vuelo {flightNumber}', 'mi vuelo está retrasado?', 'a qué hora sale el vuelo a {city}', 'puerta de embarque del {flightNumber}', 'han cancelado mi vuelo'],
      answers: ['Tu vuelo sale a su hora. Te avisaremos por SMS si hay cambios de puerta o retrasos.']
    },
    {
      name: 'Refund Status',
      flow: 'Booking Management',
      says: ['dónde está mi reembolso', 'reembolso de {amount}', 'cuándo me devuelven el dinero', 'no he recibido el reembolso de la reserva {bookingCode}'],
      answers: ['Los reembolsos se procesan en un plazo de 7 a 14 días hábiles en el mismo método de pago.']
    },
    {
      name: 'Boarding Pass',
      flow: 'Check-in',
      says: ['no me llega la tarjeta de embarque', 'descargar tarjeta de embarque', 'tarjeta de embarque en el móvil', 'reenviar boarding pass'],
      answers: ['Puedes descargar tu tarjeta de embarque en Mis viajes o añadirla a la cartera del móvil.']
    },
    {
      name: 'Hotel Booking',
      flow: 'Hotels',
      says: ['buscar hotel en {city}', 'hotel para {nights} noches en {city}', 'hotel cerca del aeropuerto', 'hoteles con desayuno en {city2}', 'reservar hotel {date}'],
      answers: [{ text: 'Estos hoteles tienen disponibilidad para tus fechas:', type: 'CAROUSEL', buttons: ['Ver hotel', 'Reservar'] }]
    },
    {
      name: 'Lost Baggage',
      flow: 'Baggage',
      says: ['he perdido mi maleta', 'mi equipaje no llegó a {city}', 'maleta dañada', 'reclamar equipaje perdido', 'mi maleta sigue en {city2}'],
      answers: ['Lo siento mucho. Presenta el parte PIR en el mostrador de equipajes del aeropuerto y envíanos el número para hacer el seguimiento.']
    },
    {
      name: 'Seat Selection',
      flow: 'Check-in',
      says: ['elegir asiento', 'quiero ventanilla', 'sentarme junto a mi pareja', 'asiento de salida de emergencia', 'cambiar asiento del vuelo {flightNumber}'],
      answers: ['Puedes elegir asiento en Mis viajes > Asientos. Los asientos estándar son gratuitos desde el check-in.']
    },
    {
      name: 'Travel Documents',
      flow: 'Travel Info',
      says: ['necesito visado para {city}', 'qué documentos necesito para viajar a {city}', 'puedo viajar con el DNI?', 'pasaporte caducado', 'necesito ESTA para estados unidos'],
      answers: ['Los requisitos dependen de tu nacionalidad y destino. Para la UE basta con el DNI; fuera de la UE necesitarás pasaporte.']
    },
    {
      name: 'Extra Baggage',
      flow: 'Baggage',
      says: ['añadir una maleta a mi reserva', 'comprar equipaje extra', 'precio de maleta adicional', 'llevar equipo de esquí'],
      answers: ['Añadir una maleta de 23 kg cuesta desde 35 € si lo haces online antes del vuelo.']
    },
    {
      name: 'Book Flight',
      flow: 'Flight Booking',
      says: ['reservar el vuelo a {city}', 'quiero comprar el billete', 'reservar para 2 adultos y un niño', 'pagar la reserva', 'reservar vuelo {date}'],
      answers: ['Perfecto. Para completar la reserva necesito el nombre de los pasajeros tal y como aparece en el documento.']
    },
    {
      name: 'Hotel Cancellation',
      flow: 'Hotels',
      says: ['cancelar la reserva del hotel', 'el hotel tiene cancelación gratuita?', 'anular hotel en {city}'],
      answers: ['Puedes cancelar gratis hasta 24 horas antes del check-in si tu tarifa es flexible.']
    },
    {
      name: 'Conditions of Carriage.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['condiciones generales de transporte', 'qué pasa si pierdo el vuelo de conexión', 'derechos del pasajero por retraso', 'compensación por overbooking'],
      answers: ['Según las Condiciones de Transporte (art. 9), si pierdes una conexión por un retraso nuestro te reubicamos sin coste.']
    },
    {
      name: 'Baggage Policy.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['política de equipaje', 'objetos prohibidos en cabina', 'líquidos en el equipaje de mano', 'llevar baterías externas'],
      answers: ['La Política de Equipaje (sección 3) permite líquidos en envases de hasta 100 ml en una bolsa transparente de 1 litro.']
    },
    {
      name: '¿Puedo viajar con mascotas?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['viajar con mi perro', 'puedo llevar a mi gato en cabina', 'mascotas en el avión', 'transportín medidas'],
      answers: ['Sí, mascotas de hasta 8 kg (con transportín) viajan en cabina. Debes añadirlas a la reserva con antelación.']
    },
    {
      name: '¿Cuánto cuesta cambiar un billete?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['precio del cambio de billete', 'cuánto cobran por cambiar la fecha', 'cambio de vuelo tiene coste?', 'tarifa flexible cambios'],
      answers: ['Con tarifa Basic el cambio cuesta 60 € más la diferencia; con tarifa Flex el cambio es gratuito.']
    }
  ],
  outOfScope: ['qué tiempo hará en Cancún', 'recomiéndame un restaurante en Roma', 'cuánto es 100 dólares en euros', 'quiero alquilar un piso']
}
