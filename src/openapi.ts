/** The OpenAPI document as the running app serves it at /docs/json. */
import { buildApp } from './app.js';
import { defaultConfig } from './config.js';

export async function generateOpenApi(): Promise<{ json: unknown; yaml: string }> {
  const app = await buildApp({ config: defaultConfig(), logger: false });
  await app.ready();
  const document = { json: app.swagger(), yaml: app.swagger({ yaml: true }) };
  await app.close();
  return document;
}
