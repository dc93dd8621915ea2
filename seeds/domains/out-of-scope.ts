/** What users type that no bot understands, per language: small talk, other topics, noise. */
import type { Lang } from './types.js'

export const OUT_OF_SCOPE: Record<Lang, string[]> = {
  en: [
    'can I talk to a human', 'real person please', 'agent', 'operator', 'I want to speak to someone', 'call me',
    'what\'s the weather tomorrow', 'tell me a joke', 'who are you', 'are you a robot?', 'what is your name',
    'how old are you', 'do you love me', 'what time is it', 'hello?', 'hi', 'hey', 'yo', 'ok', 'okay', 'no',
    'yes', 'maybe', 'thanks', 'thank you', 'bye', 'good morning', '???', '...', 'hmm', 'lol', 'this is useless',
    'you don\'t understand anything', 'stupid bot', 'that\'s not what I asked', 'none of these', 'other',
    'something else', 'help', 'menu', 'start over', 'go back', 'I already told you', 'still not working',
    'what', 'why', 'nevermind', 'forget it', 'test', 'testing 123', 'asdfgh', 'qwerty', 'jjjjj', 'sdfsdf',
    'who won the game last night', 'play some music', 'recommend a movie', 'how do I make pancakes',
    'what\'s 2+2', 'translate hello to french', 'is it going to rain', 'where is the nearest pharmacy',
    'my cat is sick', 'how tall is the eiffel tower', 'send me a picture', 'can you call my mom',
    'I want to complain', 'give me your phone number', 'speak spanish?', 'stop', 'unsubscribe'
  ],
  pt: [
    'quero falar com um atendente', 'falar com humano', 'atendente por favor', 'me liga', 'pessoa de verdade',
    'qual a previsão do tempo amanhã', 'me conta uma piada', 'quem é você', 'você é um robô?', 'qual seu nome',
    'quantos anos você tem', 'que horas são', 'oi', 'olá', 'opa', 'ok', 'sim', 'não', 'talvez', 'obrigado',
    'valeu', 'tchau', 'bom dia', 'boa noite', '???', '...', 'hmm', 'kkkkk', 'isso não serve pra nada',
    'você não entende nada', 'robô burro', 'não foi isso que eu perguntei', 'nenhuma das opções', 'outro assunto',
    'ajuda', 'menu', 'voltar', 'começar de novo', 'já falei', 'continua sem funcionar', 'o quê?', 'por quê',
    'deixa pra lá', 'esquece', 'teste', 'testando', 'asdfgh', 'qwerty', 'aaaaaa', 'sdfsdf', 'quem ganhou o jogo ontem',
    'toca uma música', 'me indica um filme', 'receita de bolo de cenoura', 'quanto é 2+2', 'vai chover hoje?',
    'farmácia mais perto', 'meu cachorro está doente', 'manda uma foto', 'quero reclamar', 'me passa o telefone de vocês',
    'fala inglês?', 'para', 'sair', 'cancelar tudo', 'cadê meu dinheiro', 'vocês são golpistas?', 'bom dia, tudo bem?'
  ],
  es: [
    'quiero hablar con una persona', 'hablar con un agente', 'operador por favor', 'llámame', 'persona real',
    'qué tiempo hará mañana', 'cuéntame un chiste', 'quién eres', 'eres un robot?', 'cómo te llamas',
    'cuántos años tienes', 'qué hora es', 'hola', 'buenas', 'ok', 'vale', 'sí', 'no', 'quizás', 'gracias',
    'adiós', 'buenos días', 'buenas noches', '???', '...', 'mmm', 'jajaja', 'esto no sirve para nada',
    'no entiendes nada', 'bot inútil', 'eso no es lo que pregunté', 'ninguna de estas', 'otra cosa', 'ayuda',
    'menú', 'volver', 'empezar de nuevo', 'ya te lo dije', 'sigue sin funcionar', 'qué?', 'por qué', 'da igual',
    'olvídalo', 'prueba', 'probando', 'asdfgh', 'qwerty', 'ñññññ', 'sdfsdf', 'quién ganó el partido ayer',
    'pon música', 'recomiéndame una peli', 'receta de tortilla de patatas', 'cuánto es 2+2', 'va a llover hoy?',
    'farmacia más cercana', 'mi perro está enfermo', 'mándame una foto', 'quiero poner una queja',
    'dame vuestro teléfono', 'hablas inglés?', 'para', 'salir', 'cancelar todo', 'sois una estafa?', 'hola, qué tal?'
  ]
}
