/** The job runner, shared by every vendor that has asynchronous jobs. */
import fp from 'fastify-plugin'
import { createJobsRepository, type JobsRepository } from '../db/jobs.repo.js'
import { createJobRunner, type JobRunner } from '../jobs/runner.js'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner
    jobsRepo: JobsRepository
  }
}

export default fp(async (app) => {
  const repo = createJobsRepository(app.db)
  const runner = createJobRunner(app.db, repo, app.clock)
  app.decorate('jobs', runner)
  app.decorate('jobsRepo', repo)
  // Before any handler reads, so a status poll or a list after the due time sees the result.
  app.addHook('onRequest', async () => { runner.runDue() })
  // ...and without traffic, so an erasure completes while nobody is polling.
  const timer = setInterval(() => {
    try {
      runner.runDue()
    } catch (err) {
      app.log.error({ err }, 'job runner failed')
    }
  }, 500)
  timer.unref()
  app.addHook('onClose', async () => { clearInterval(timer) })
}, { name: 'jobs', dependencies: ['db'] })
