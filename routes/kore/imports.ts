/** Kore imports: to be written. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

const plugin: FastifyPluginAsyncTypebox = async () => {}

export default plugin
