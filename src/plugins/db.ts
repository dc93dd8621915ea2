/** Owns the database connection and the dataset's meta (data version, reset). */
import fp from 'fastify-plugin'
import type Database from 'better-sqlite3'
import { createDatasetRepository, type DatasetRepository } from '../db/dataset.repo.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database.Database
    dataset: DatasetRepository
  }
}

export interface DbPluginOptions { db: Database.Database }

export default fp<DbPluginOptions>(async (app, opts) => {
  app.decorate('db', opts.db)
  app.decorate('dataset', createDatasetRepository(opts.db))
  app.addHook('onClose', async () => {
    if (opts.db.open) opts.db.close()
  })
}, { name: 'db' })
