/**
 * `npm run examples`: sends every request example of src/schemas/examples.ts to the service (buildApp with the
 * default configuration, in process) and writes the answers it gives into src/schemas/example-answers.json, the
 * 200 examples and the error examples of the OpenAPI document. test/plugins/swagger.test.ts sends them again and
 * fails when the file differs from what the service answers now.
 */
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import { defaultConfig, type ServiceConfig } from '../src/config.js';
import { answerKey, CHART_EXAMPLES, ERROR_CASES, errorCaseKey, EXAMPLE_REQUEST_ID, REQUEST_EXAMPLES, type ErrorCase } from '../src/schemas/examples.js';

const OPERATION_URLS: Record<string, string> = {
  computeLearningRate: '/v1/learning-rate',
  computeLearningRates: '/v1/learning-rates',
  normalizeSchedule: '/v1/schedules/normalize',
};

async function answerOf(app: FastifyInstance, errorCase: ErrorCase): Promise<unknown> {
  const headers = { 'x-request-id': EXAMPLE_REQUEST_ID, ...errorCase.headers };
  const { method, url } = errorCase;
  const payload = errorCase.payload as string | object | undefined;
  if (errorCase.status === 429) {
    for (let i = 0; i < Number(errorCase.config?.['RATE_LIMIT_MAX']); i += 1) await app.inject({ method, url });
  }
  const holders: EventEmitter[] = [];
  if (errorCase.rangesBusy === true) {
    for (let i = 0; i < app.config.MAX_CONCURRENT_RANGES; i += 1) {
      const raw = new EventEmitter();
      holders.push(raw);
      await app.rangeAdmission.acquire({} as FastifyRequest, { raw } as unknown as FastifyReply);
    }
  }
  const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  for (const raw of holders) raw.emit('close');
  if (response.statusCode !== errorCase.status) throw new Error(`${errorCaseKey(errorCase)} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

export async function realAnswers(): Promise<{ answers: Record<string, unknown>; errors: Record<string, unknown> }> {
  const app = await buildApp({ config: defaultConfig(), logger: false });
  const answers: Record<string, unknown> = {};
  for (const [operationId, examples] of Object.entries(REQUEST_EXAMPLES)) {
    for (const [name, { value }] of Object.entries(examples)) {
      if (CHART_EXAMPLES.has(name)) {
        const chart = await app.inject({ method: 'POST', url: OPERATION_URLS[operationId] as string, payload: value as object, headers: { accept: 'image/svg+xml' } });
        if (chart.statusCode !== 200 || !String(chart.headers['content-type']).startsWith('image/svg+xml')) throw new Error(`${operationId} ${name} answered ${chart.statusCode} ${chart.headers['content-type']}`);
        continue;
      }
      const response = await app.inject({ method: 'POST', url: OPERATION_URLS[operationId] as string, payload: value as object });
      if (response.statusCode !== 200) throw new Error(`${operationId} ${name} answered ${response.statusCode}: ${response.body}`);
      answers[answerKey(operationId, name)] = response.json();
    }
  }
  await app.close();
  const errors: Record<string, unknown> = {};
  for (const errorCase of ERROR_CASES) {
    const caseApp = await buildApp({ config: defaultConfig(errorCase.config as Partial<ServiceConfig>), logger: false });
    errors[errorCaseKey(errorCase)] = await answerOf(caseApp, errorCase);
    await caseApp.close();
  }
  return { answers, errors };
}


/** Where the answers live: generated data, read by src/schemas/examples.ts. */
export const ANSWERS_FILE = new URL('../src/schemas/example-answers.json', import.meta.url);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { answers, errors } = await realAnswers();
  writeFileSync(ANSWERS_FILE, `${JSON.stringify({ answers, errors }, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(answers).length} answers and ${Object.keys(errors).length} error answers to src/schemas/example-answers.json\n`);
}
