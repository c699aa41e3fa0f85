/** Writes the OpenAPI document to openapi/ (npm run openapi). The test suite fails when it drifts from the app. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateOpenApi } from '../src/openapi.js';

const directory = new URL('../openapi/', import.meta.url);
mkdirSync(directory, { recursive: true });
const { json, yaml } = await generateOpenApi();
writeFileSync(new URL('openapi.json', directory), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(new URL('openapi.yaml', directory), yaml);
process.stdout.write('wrote openapi/openapi.json and openapi/openapi.yaml\n');
