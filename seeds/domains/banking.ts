/** Retail banking in Brazilian Portuguese: the "Acme Virtual Assistant" eva bot. */
import type { DomainSpec } from './types.js'

export const banking: DomainSpec = {
  lang: 'pt',
  currency: 'BRL',
  flows: ['Account Services', 'Pix', 'Payments & Transfers', 'Loans', 'Investments', 'Security', 'Knowledge Base'],
  entities: ['amount', 'date', 'city', 'accountNumber', 'person'],
  slots: {
    city: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Salvador', 'Recife', 'Fortaleza', 'Brasília', 'Campinas', 'Florianópolis', 'Goiânia', 'Manaus', 'Belém', 'Santos', 'Niterói']
  },
  tags: ['vip', 'complaint', 'mobile-app', 'promo', 'pix', 'new-customer'],
  welcome: 'Olá! Eu sou a Aci, assistente virtual do Acme Bank. Posso ajudar com saldo, Pix, pagamentos, empréstimos e muito mais. Como posso ajudar?',
  fallback: [
    'Desculpe, não entendi. Você pode reformular a pergunta?',
    'Ainda estou aprendendo e não consegui entender. Quer falar com um atendente?'
  ],
  intents: [
    {
      name: 'Balance Inquiry',
      flow: 'Account Services',
      says: ['qual é o meu saldo', 'quero ver meu saldo', 'saldo da conta {accountNumber}', 'quanto eu tenho na conta?', 'consultar saldo', 'me mostra o saldo da poupança', 'saldo disponível hoje', 'quanto sobrou na minha conta corrente'],
      answers: ['Seu saldo disponível aparece na tela inicial do app. Por segurança, confirme sua identidade para eu mostrar o saldo aqui.', { text: 'Qual conta você quer consultar?', buttons: ['Conta corrente', 'Poupança'] }]
    },
    {
      name: 'Pix Transfer',
      flow: 'Pix',
      says: ['fazer um pix de {amount}', 'quero mandar {amount} via pix para {person}', 'como faço um pix', 'transferir {amount} por pix', 'pix para {person}', 'enviar pix agora', 'meu pix não caiu'],
      answers: ['Para fazer um Pix, acesse Pix > Transferir, informe a chave do destinatário e o valor. O dinheiro cai na hora, 24h por dia.']
    },
    {
      name: 'Bill Payment',
      flow: 'Payments & Transfers',
      says: ['pagar boleto', 'quero pagar uma conta de {amount} que vence {date}', 'como pago um boleto vencido', 'pagar conta de luz', 'leitura do código de barras não funciona', 'pagamento de boleto {date}'],
      answers: ['Você pode pagar boletos em Pagamentos > Pagar boleto, lendo o código de barras ou digitando a linha digitável.', { text: 'Quer agendar o pagamento para a data de vencimento?', buttons: ['Sim', 'Não'] }]
    },
    {
      name: 'Account Statement',
      flow: 'Account Services',
      says: ['quero o extrato', 'extrato dos últimos 30 dias', 'preciso do extrato de {month}', 'me manda o extrato por email', 'extrato da conta {accountNumber}', 'como tiro o extrato em pdf'],
      answers: ['O extrato fica em Conta > Extrato. Lá você escolhe o período e pode exportar em PDF ou enviar por e-mail.']
    },
    {
      name: 'Password Reset',
      flow: 'Security',
      says: ['esqueci minha senha', 'trocar senha do app', 'minha senha está bloqueada', 'como redefinir a senha', 'errei a senha 3 vezes', 'quero mudar minha senha eletrônica'],
      answers: ['Para criar uma nova senha, toque em "Esqueci minha senha" na tela de login e siga as instruções enviadas por SMS.', 'Se a senha foi bloqueada por tentativas, o desbloqueio é feito no mesmo fluxo.']
    },
    {
      name: 'Suspicious Transaction',
      flow: 'Security',
      says: ['não reconheço uma compra de {amount}', 'acho que fui vítima de golpe', 'tem um pix que eu não fiz', 'caiu um débito estranho de {amount} na conta', 'movimentação suspeita {date}', 'clonaram minha conta'],
      answers: [{ text: 'Sinto muito por isso. Vou bloquear preventivamente as transações e abrir uma contestação. Confirma?', buttons: ['Confirmar', 'Falar com atendente'] }]
    },
    {
      name: 'Bank Transfer',
      flow: 'Payments & Transfers',
      says: ['fazer uma TED de {amount}', 'transferência para outro banco', 'quero transferir {amount} para a conta {accountNumber}', 'qual o horário limite da TED', 'transferir para {person}', 'doc ou ted'],
      answers: ['Transferências para outros bancos podem ser feitas por TED até 17h em dias úteis. Depois disso, recomendamos o Pix.']
    },
    {
      name: 'Loan Simulation',
      flow: 'Loans',
      says: ['simular empréstimo de {amount}', 'quanto fica um empréstimo de {amount} em {installments} vezes', 'quero pegar um empréstimo', 'taxa de juros do empréstimo pessoal', 'tenho crédito pré-aprovado?', 'empréstimo consignado'],
      answers: ['Você tem uma oferta de crédito pessoal disponível. Veja as condições:', { text: 'Escolha o número de parcelas para simular:', type: 'CAROUSEL', buttons: ['12x', '24x', '36x'] }]
    },
    {
      name: 'Pix Key Registration',
      flow: 'Pix',
      says: ['cadastrar chave pix', 'quero cadastrar meu cpf como chave pix', 'como registro uma chave aleatória', 'portabilidade de chave pix', 'excluir minha chave pix', 'minha chave pix está em outro banco'],
      answers: ['Em Pix > Minhas chaves você pode cadastrar CPF, celular, e-mail ou uma chave aleatória. Cada conta aceita até 5 chaves.']
    },
    {
      name: 'Loan Installments',
      flow: 'Loans',
      says: ['segunda via da parcela do empréstimo', 'quantas parcelas faltam', 'antecipar parcelas do empréstimo', 'quitar o empréstimo', 'valor da parcela de {month}', 'atrasei a parcela'],
      answers: ['As parcelas do seu contrato ficam em Empréstimos > Meus contratos, onde também é possível antecipar ou quitar com desconto de juros.']
    },
    {
      name: 'Branch Locator',
      flow: 'Account Services',
      says: ['agência mais próxima em {city}', 'horário de funcionamento da agência', 'tem agência em {city}?', 'endereço da agência', 'caixa eletrônico perto de mim', 'onde tem caixa 24h em {city}'],
      answers: ['Nossas agências funcionam de segunda a sexta, das 10h às 16h. Envie sua localização ou o nome da cidade para eu encontrar a mais próxima.']
    },
    {
      name: 'Investment Options',
      flow: 'Investments',
      says: ['quais investimentos vocês têm', 'quero investir {amount} no CDB', 'rendimento da poupança', 'quanto rende o tesouro direto', 'resgatar investimento', 'investimento com liquidez diária'],
      answers: ['Temos CDB com liquidez diária, LCI/LCA e Tesouro Direto. O CDB liquidez diária rende 100% do CDI.', { text: 'Quer ver as opções?', buttons: ['Ver opções', 'Agora não'] }]
    },
    {
      name: 'Update Contact Details',
      flow: 'Account Services',
      says: ['mudar meu endereço', 'atualizar telefone', 'trocar email cadastrado', 'meu celular mudou', 'atualizar cadastro', 'mudei para {city}'],
      answers: ['Você pode atualizar endereço, telefone e e-mail em Perfil > Dados pessoais. Por segurança, enviaremos um código de confirmação.']
    },
    {
      name: 'Open Account',
      flow: 'Account Services',
      says: ['quero abrir uma conta', 'como abro conta poupança', 'abrir conta para meu filho', 'documentos para abrir conta', 'conta digital sem tarifa'],
      answers: ['A conta digital Acme é aberta pelo app em poucos minutos: basta um documento com foto e uma selfie.']
    },
    {
      name: 'Scheduled Payments',
      flow: 'Payments & Transfers',
      says: ['agendar pagamento para {date}', 'cancelar pagamento agendado', 'ver meus agendamentos', 'agendar pix para {date}', 'o agendamento não foi pago'],
      answers: ['Seus agendamentos ficam em Pagamentos > Agendados. Você pode cancelar até as 23h59 do dia anterior.']
    },
    {
      name: 'Account Terms.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['contrato da conta corrente', 'termos de abertura de conta', 'cláusula de encerramento da conta', 'regras do contrato da conta'],
      answers: ['Segundo o Contrato de Conta (cláusula 7), a conta pode ser encerrada a qualquer momento pelo app, sem custo.']
    },
    {
      name: 'Fee Schedule.pdf',
      flow: 'Knowledge Base',
      nlp: 'DOCUMENT',
      says: ['tabela de tarifas', 'quanto custa a TED', 'tarifa de saque', 'pacote de serviços mensalidade'],
      answers: ['Pela Tabela de Tarifas vigente, TED custa R$ 10,90 e saques além de 4 por mês custam R$ 6,50 cada.']
    },
    {
      name: 'Qual o limite do Pix noturno?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['limite do pix à noite', 'qual o limite do pix noturno', 'aumentar limite pix noturno', 'pix depois das 20h tem limite?'],
      answers: ['Entre 20h e 6h o limite do Pix é de R$ 1.000 por padrão. Você pode pedir aumento em Pix > Meus limites; vale após 24h.']
    },
    {
      name: 'Como funciona o cheque especial?',
      flow: 'Knowledge Base',
      nlp: 'QUESTION',
      says: ['o que é cheque especial', 'juros do cheque especial', 'como funciona o limite da conta', 'desativar cheque especial'],
      answers: ['O cheque especial é um limite de crédito automático na conta. Os juros são cobrados só sobre o valor usado, por dia.']
    }
  ],
  outOfScope: ['quero um cartão de crédito da Nubank', 'qual a cotação do bitcoin', 'vocês compram dólar?', 'meu vizinho deve dinheiro pra mim']
}
