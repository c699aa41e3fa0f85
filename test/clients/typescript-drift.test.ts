/* The TypeScript client's types are what openapi-typescript generates from the committed OpenAPI document. */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import t from 'tap';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const SCHEMA = 'clients/typescript/src/schema.d.ts';

interface Document {
  paths: Record<string, Record<string, { operationId?: string }>>;
}
const document = JSON.parse(read('openapi/openapi.json')) as Document;

t.test(`${SCHEMA} is what openapi-typescript generates from openapi/openapi.json (run npm run client:ts)`, async (t) => {
  // Exactly what the CLI of `npm run client:ts` writes: its header, then the printed AST (default options, no redocly.yaml).
  const generated = COMMENT_HEADER + astToString(await openapiTS(new URL('openapi/openapi.json', root), { silent: true }));
  t.ok(read(SCHEMA) === generated, `${SCHEMA} is out of date: run npm run client:ts`);
  t.equal(read(SCHEMA), generated, 'run npm run client:ts');
});

t.test('npm run client:ts regenerates that file from that document', async (t) => {
  const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  t.equal(scripts['client:ts'], `openapi-typescript openapi/openapi.json -o ${SCHEMA}`);
});

t.test('every operation of the document has an operationId, each one different (the client names its methods by them)', async (t) => {
  const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  const ids: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      t.match(operation.operationId, /^[a-z][A-Za-z0-9]*$/, `${method.toUpperCase()} ${path} has an operationId`);
      if (operation.operationId !== undefined) ids.push(operation.operationId);
    }
  }
  t.ok(ids.length > 0, 'the document has operations');
  t.same([...new Set(ids)].sort(), [...ids].sort(), 'no operationId is used twice');
});
