/**
 * The only file that listens. Reads the configuration (exiting at once, naming
 * the variable, if it is bad), starts the app, and on SIGTERM/SIGINT stops
 * taking new requests, lets in-flight ones finish and be read by their clients
 * (src/plugins/readiness.ts: within SHUTDOWN_TIMEOUT_MS less a margin), and
 * exits 0. If closing still has not finished after SHUTDOWN_TIMEOUT_MS,
 * close-with-grace exits 1.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig, type ServiceConfig } from './config.js';

function readConfig(): ServiceConfig {
  try {
    return loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const app = await buildApp({ config });

closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'shutting down: draining in-flight requests');
  app.readiness.startDraining();
  await app.close();
});

try {
  await app.listen({ host: config.HOST, port: config.PORT });
} catch (error) {
  app.log.fatal({ err: error }, 'could not start');
  process.exit(1);
}
