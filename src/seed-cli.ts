/**
 * `npm run seed [-- --scenario large --seed 42 --anchor 2026-11-21 --db data/large.db --force]`: the CLI's
 * `seed --json`, with the progress lines on stdout before the JSON, where bench/prepare.ts reads both.
 */
import { main, processIo } from './cli.js'

process.exitCode = await main(['seed', '--json', ...process.argv.slice(2)], { ...processIo, progress: process.stdout })
