/** Credit and debit cards in Brazilian Portuguese: the "Acme Card Services" eva bot. */
import type { DomainSpec } from './types.js'

export const cards: DomainSpec = {
  lang: 'pt',
  currency: 'BRL',
  flows: ['Card Blocking', 'Card Limits', 'Card Delivery', 'Invoices', 'Rewards', 'Disputes', 'Knowledge Base'],
  entities: ['cardType', 'amount', 'date', 'city', 'lastDigits'],
  slots: {
    city: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Salvador', 'Recife', 'Brasília', 'Miami', 'Orlando', 'Lisboa', 'Buenos Aires', 'Paris', 'Santiago', 'Nova York'],
    cardType: ['Visa Gold', 'Mastercard Platinum', 'Elo Mais', 'cartão de crédito', 'cartão de débito', 'cartão Black', 'cartão adicional', 'Visa Infinite']
  },
  tags: ['vip', 'complaint', 'mobile-app', 'promo', 'fraud', 'black-card'],
  welcome: 'Oi! Sou o assistente de cartões do Acme Bank. Posso bloquear seu cartão, consultar fatura, limite e pontos. O que você precisa?',
  fallback: [
    'Não consegui entender. Tente perguntar de outro jeito, por exemplo: "qual o valor da minha fatura?"',
    'Hmm, isso eu ainda não sei responder. Posso te transferir para um especialista em cartões.'
  ],
  intents: [
    {
      name: 'Card Blocking',
      flow: 'Card Blocking',
      says: ['bloquear meu cartão', 'perdi meu {cardType}', 'meu cartão foi roubado', 'quero bloquear o cartão final {lastDigits}', 'bloqueio temporário do cartão', 'roubaram minha carteira com o {cardType}', 'bloqueia o cartão urgente'],
      answers: [{ text: 'Entendi. Quer bloquear o cartão de forma temporária ou definitiva?', buttons: ['Temporário', 'Definitivo'] }, 'Pronto! O cartão está bloqueado. Um novo cartão será enviado em até 7 dias úteis.']
    },
    {
      name: 'Invoice Amount',
      flow: 'Invoices',
      says: ['valor da fatura', 'quanto está minha fatura de {month}', 'fatura fechada', 'qual o total da fatura do {cardType}', 'minha fatura veio alta', 'ver fatura atual'],
      answers: ['Sua fatura atual está disponível em Cartões > Fatura. Lá você vê o valor total, o pagamento mínimo e os lançamentos.']
    },
    {
      name: 'Invoice Payment',
      flow: 'Invoices',
      says: ['pagar fatura', 'código de barras da fatura', 'pagar fatura com pix', 'parcelar fatura em {installments} vezes', 'paguei a fatura e não baixou', 'pagamento da fatura {date}'],
      answers: ['Você pode pagar a fatura com Pix, boleto ou débito em conta. Pagamentos via Pix são confirmados em minutos.', { text: 'Quer gerar o código Pix agora?', buttons: ['Gerar Pix', 'Parcelar fatura'] }]
    },
    {
      name: 'Available Limit',
      flow: 'Card Limits',
      says: ['quanto tenho de limite disponível', 'limite disponível no {cardType}', 'meu limite', 'qual é o limite do cartão final {lastDigits}', 'limite liberado depois do pagamento'],
      answers: ['O limite disponível é atualizado em até 2 dias úteis após o pagamento da fatura. Confira em Cartões > Limites.']
    },
    {
      name: 'Credit Limit Increase',
      flow: 'Card Limits',
      says: ['aumentar limite do cartão', 'quero {amount} de limite', 'por que meu limite diminuiu', 'pedir mais limite', 'análise de limite', 'limite do {cardType} muito baixo'],
      answers: ['Analisei seu perfil e no momento não há aumento automático disponível. Uma nova análise pode ser feita em 30 dias.']
    },
    {
      name: 'Card Delivery Status',
      flow: 'Card Delivery',
      says: ['onde está meu cartão', 'cartão não chegou', 'prazo de entrega do cartão', 'rastrear cartão enviado para {city}', 'meu {cardType} ainda não chegou', 'código de rastreio do cartão'],
      answers: ['Seu cartão foi enviado e o prazo de entrega é de até 10 dias úteis. Você pode acompanhar em Cartões > Acompanhar entrega.']
    },
    {
      name: 'Unblock Card',
      flow: 'Card Blocking',
      says: ['desbloquear cartão', 'meu cartão novo chegou, como desbloqueio', 'cartão bloqueado por senha errada', 'ativar cartão', 'desbloquear o {cardType}'],
      answers: ['Para desbloquear, acesse Cartões, selecione o cartão e toque em "Desbloquear". Tenha o cartão em mãos.']
    },
    {
      name: 'Dispute Charge',
      flow: 'Disputes',
      says: ['contestar compra de {amount}', 'compra duplicada na fatura', 'não reconheço uma compra em {city}', 'cobrança indevida no cartão', 'estornar compra de {date}', 'fui cobrado duas vezes'],
      answers: [{ text: 'Vou abrir uma contestação. Selecione o lançamento que você não reconhece:', type: 'CAROUSEL', buttons: ['Selecionar', 'Falar com atendente'] }]
    },
    {
      name: 'Card Replacement',
      flow: 'Card Delivery',
      says: ['segunda via do cartão', 'cartão quebrado', 'trocar cartão com chip danificado', 'meu cartão está vencendo', 'pedir cartão novo'],
      answers: ['Pedi a segunda via do seu cartão. Ele chega em até 10 dias úteis no endereço cadastrado.']
    },
    {
      name: 'Rewards Points',
      flow: 'Rewards',
      says: ['quantos pontos eu tenho', 'trocar pontos por milhas', 'programa de pontos', 'meus pontos vão expirar?', 'transferir pontos para a Smiles', 'usar pontos em {city}'],
      answers: ['Você acumula 1,5 ponto por dólar gasto. Os pontos valem por 24 meses e podem ser trocados por milhas ou cashback.']
    },
    {
      name: 'Invoice Due Date',
      flow: 'Invoices',
      says: ['mudar data de vencimento para o dia {day}', 'quando vence minha fatura', 'melhor dia de compra', 'alterar vencimento da fatura'],
      answers: [{ text: 'Escolha o novo dia de vencimento:', buttons: ['Dia 5', 'Dia 10', 'Dia 15', 'Dia 20'] }]
    },
    {
      name: 'Travel Notice',
      flow: 'Card Limits',
      says: ['vou viajar para {city}, preciso avisar?', 'usar cartão no exterior', 'habilitar compras internacionais', 'aviso de viagem', 'cartão funciona em {city}?'],
      answers: ['Não é preciso avisar sobre viagens. Basta ativar as compras internacionais em Cartões > Configurações.']
    },
    {
      name: 'Digital Wallet',
      flow: 'Card Limits',
      says: ['cadastrar cartão no Apple Pay', 'pagamento por aproximação não funciona', 'adicionar cartão no Google Pay', 'usar o {cardType} no celular', 'samsung pay aceita?'],
      answers: ['Seu cartão é compatível com Apple Pay, Google Pay e Samsung Pay. Adicione pelo app da carteira do seu celular.']
    },
    {
      name: 'Annual Fee',
      flow: 'Rewards',
      says: ['anuidade do cartão', 'isenção da anuidade', 'por que fui cobrado anuidade', 'quanto é a anuidade do {cardType}', 'cancelar anuidade'],
      answers: ['A anuidade do seu cartão é isenta quando você gasta a partir de R$ 1.500 por mês.']
    },
    {
      name: 'Virtual Card',
      flow: 'Card Blocking',
      says: ['gerar cartão virtual', 'cartão virtual para compras online', 'apagar cartão virtual', 'cartão virtual temporário'],
      answers: ['O cartão virtual é gerado na hora em Cartões > Cartão virtual e pode ser apagado depois da compra.']
    },
    {
      name: 'Card Terms.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['regulamento do cartão', 'contrato do cartão de crédito', 'cláusula de cancelamento do cartão', 'termos de uso do cartão'],
      answers: ['Conforme o Regulamento do Cartão (seção 4.2), o cancelamento pode ser pedido a qualquer momento e a anuidade é devolvida proporcionalmente.']
    },
    {
      name: 'Rewards Program Rules.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['regras do programa de pontos', 'regulamento de pontos', 'validade dos pontos regulamento', 'pontuação de compras internacionais'],
      answers: ['Pelo Regulamento do Programa de Pontos (item 3), compras internacionais acumulam 2 pontos por dólar.']
    },
    {
      name: 'Como funciona o pagamento mínimo?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['o que é pagamento mínimo', 'posso pagar só o mínimo?', 'juros do rotativo', 'paguei o mínimo da fatura'],
      answers: ['Pagando o mínimo, o restante entra no crédito rotativo, com juros. Depois de 30 dias o saldo é parcelado automaticamente.']
    },
    {
      name: 'O que é o CET do cartão?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['o que é CET', 'custo efetivo total do cartão', 'qual o cet do parcelamento', 'cet da fatura'],
      answers: ['O CET (Custo Efetivo Total) soma juros, tarifas e impostos de uma operação de crédito e aparece em toda fatura.']
    }
  ],
  outOfScope: ['quero abrir uma conta no banco', 'qual o telefone da mastercard', 'vocês vendem celular?', 'meu cartão do SUS']
}
