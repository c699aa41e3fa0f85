/**
 * A server process for the benchmarks: `service` is the real app; `baseline`
 * is a bare Fastify route that parses the same JSON body and answers a
 * constant. Prints its URL on stdout once listening.
 */
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

const kind = process.argv[2];
const app =
  kind === 'baseline'
    ? Fastify({ logger: false }).post('/v1/learning-rate', async () => ({ learning_rate: 0.001, step: 1, dtype: 'float32' }))
    : await buildApp({ config: defaultConfig({ LOG_LEVEL: 'warn' }), logger: false });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
