/**
 * The contract fuzzer shared by test/contract/openapi.test.ts (seeded, bounded) and bench/contract.ts (longer):
 * requests generated from the committed OpenAPI document (valid schedules taken from the Keras golden file) and
 * mutations of them (wrong types, missing and extra fields, huge and non-finite numbers, deep nesting, long
 * strings, invalid UTF-8, wrong content types, truncated JSON, bad percent-encoding, long path parameters, wrong
 * methods, unknown paths, wrong Accept), each answer checked against the document: its status must be declared
 * for its operation, and its body must match the schema declared for that status and content type (Ajv, with the
 * document's components.schemas and inline schemas). Every error must be problem+json carrying the request id.
 */
import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv2020 = Ajv2020Module.default;
type Ajv = InstanceType<typeof Ajv2020>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

interface MediaType {
  readonly schema?: Schema;
}
interface OperationObject {
  readonly operationId: string;
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly schema: Schema }[];
  readonly requestBody?: { readonly content: Record<string, MediaType> };
  readonly responses: Record<string, { readonly content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly object: OperationObject;
  readonly pointer: string;
}

/**
 * Statuses a request that names no operation may get (an unknown path, a known path with a method it does not
 * take, a path the router cannot decode): OpenAPI has no operation to declare them on; docs/limits.md lists them.
 */
export const UNROUTED_STATUSES: ReadonlySet<number> = new Set([400, 404, 405]);

export const documentUrl = new URL('../../openapi/openapi.json', import.meta.url);

const escapePointer = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The committed document, its operations, and Ajv validators for every declared response body. */
export class Contract {
  readonly document: OpenApiDocument;
  readonly operations: readonly Operation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument = JSON.parse(readFileSync(documentUrl, 'utf8')) as OpenApiDocument) {
    this.document = document;
    // The document is registered whole, so every `#/components/schemas/...` reference and inline schema resolves in it.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    this.ajv.addSchema(document as unknown as Schema, 'openapi.json');
    this.operations = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, object]) => ({
        id: object.operationId,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        object,
        pointer: `openapi.json#/paths/${escapePointer(template)}/${method}`,
      })),
    );
  }

  operation(id: string): Operation {
    const found = this.operations.find((operation) => operation.id === id);
    if (found === undefined) throw new Error(`no operation ${id} in the document`);
    return found;
  }

  /**
   * The operation a request names, matched on its raw path (before decoding), or undefined. As the router does, a
   * path that is a template without parameters wins over a parametric one (`/v1/schedules/normalize` is not a
   * class name): when the path's own operations do not take the method, the request names no operation.
   */
  route(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0] ?? '';
    const matching = this.operations.filter((operation) => operation.pattern.test(path));
    const exact = matching.filter((operation) => operation.template === path);
    return (exact.length > 0 ? exact : matching).find((operation) => operation.method === method);
  }

  /** The request body schema of an operation, resolved to a standalone schema for generation. */
  requestSchema(operation: Operation): Schema | undefined {
    return operation.object.requestBody?.content['application/json']?.schema;
  }

  /** A schema from the document by `$ref`, resolved. */
  resolve(schema: Schema): Schema {
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return schema;
    const name = ref.replace('#/components/schemas/', '');
    const target = this.document.components.schemas[name];
    if (target === undefined) throw new Error(`unresolved ${ref}`);
    return this.resolve(target);
  }

  private validator(operation: Operation, status: string, mediaType: string): ValidateFunction {
    const key = `${operation.pointer}|${status}|${mediaType}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    const ref = `${operation.pointer}/responses/${status}/content/${escapePointer(mediaType)}/schema`;
    const validate = this.ajv.compile({ $ref: ref });
    this.validators.set(key, validate);
    return validate;
  }

  /** What is wrong with an answer, by the document; an empty list when nothing is. */
  check(request: InjectOptions, response: LightMyRequestResponse): string[] {
    const method = String(request.method ?? 'GET').toUpperCase();
    const url = String(request.url ?? '/');
    const status = response.statusCode;
    const contentType = String(response.headers['content-type'] ?? '');
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const problems: string[] = [];
    const operation = this.route(method, url);
    if (status >= 400) problems.push(...this.checkProblem(response, mediaType));
    if (operation === undefined) {
      if (!UNROUTED_STATUSES.has(status)) problems.push(`status ${status} for a request that names no operation`);
      if (status < 400) problems.push(`success ${status} for a request that names no operation`);
      return problems;
    }
    const declared = operation.object.responses[String(status)];
    if (declared === undefined) {
      problems.push(`status ${status} is not declared for ${operation.id} (declared: ${Object.keys(operation.object.responses).join(', ')})`);
      return problems;
    }
    const content = declared.content;
    if (content === undefined) return problems;
    const media = content[mediaType];
    if (media === undefined) {
      problems.push(`content type ${contentType} is not declared for ${operation.id} ${status} (declared: ${Object.keys(content).join(', ')})`);
      return problems;
    }
    if (mediaType === 'application/json' || mediaType === 'application/problem+json') {
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        problems.push(`${operation.id} ${status}: the body is not JSON`);
        return problems;
      }
      const validate = this.validator(operation, String(status), mediaType);
      if (!validate(body)) problems.push(`${operation.id} ${status} ${mediaType}: outside its schema: ${this.ajv.errorsText(validate.errors)}`);
    } else if (mediaType === 'application/octet-stream') {
      const size = response.headers['x-learning-rate-dtype'] === 'float64' ? 8 : 4;
      if (response.rawPayload.length % size !== 0) problems.push(`${operation.id}: ${response.rawPayload.length} bytes is not a whole number of values`);
    } else if (mediaType === 'text/csv' && !response.body.startsWith('step,learning_rate\n')) {
      problems.push(`${operation.id}: CSV without its header`);
    }
    return problems;
  }

  /** Every error: problem+json, matching ProblemDetails, its status and title, and the request id in `instance` and `x-request-id`. */
  private checkProblem(response: LightMyRequestResponse, mediaType: string): string[] {
    const problems: string[] = [];
    if (mediaType !== 'application/problem+json') return [`error ${response.statusCode} answered as ${mediaType || 'no content type'}`];
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      return [`error ${response.statusCode}: the body is not JSON`];
    }
    const validate = this.ajv.getSchema('openapi.json#/components/schemas/ProblemDetails');
    if (validate !== undefined && !validate(body)) problems.push(`a problem outside ProblemDetails: ${this.ajv.errorsText(validate.errors)}`);
    if (body['status'] !== response.statusCode) problems.push(`problem status ${String(body['status'])} on a ${response.statusCode} answer`);
    const id = response.headers['x-request-id'];
    if (typeof id !== 'string' || id === '') problems.push(`error ${response.statusCode} without x-request-id`);
    else if (body['instance'] !== id) problems.push(`error ${response.statusCode}: instance ${String(body['instance'])} is not the request id ${id}`);
    if (response.body.length > 64 * 1024) problems.push(`error ${response.statusCode}: a ${response.body.length}-byte problem document`);
    return problems;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Generation

interface GoldenCase {
  readonly kind: 'value' | 'error';
  readonly schedule: Json;
  readonly steps?: number[];
}

/** The schedules of the Keras golden file: real serialized forms (value cases) and ones Keras refuses (error cases). */
export function goldenSchedules(): { valid: Json[]; invalid: Json[] } {
  const lines = readFileSync(new URL('../fixtures/keras-golden.jsonl', import.meta.url), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const cases = lines.map((line) => JSON.parse(line) as GoldenCase);
  return { valid: cases.filter((c) => c.kind === 'value').map((c) => c.schedule), invalid: cases.filter((c) => c.kind === 'error').map((c) => c.schedule) };
}

/**
 * An arbitrary of values matching a JSON Schema of the document (the subset the document uses: $ref, type and type
 * lists, enum, const, not, bounds, items, properties, required, additionalProperties). `SerializedSchedule` — any
 * object by its schema — is drawn from real schedules instead, which is what the service can answer.
 */
export function arbitraryFor(contract: Contract, schema: Schema, schedules: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  if (schema['$ref'] === '#/components/schemas/SerializedSchedule') return schedules;
  const resolved = contract.resolve(schema);
  if (Array.isArray(resolved['enum'])) return fc.constantFrom(...(resolved['enum'] as Json[]));
  const types = ([] as string[]).concat((resolved['type'] as string | string[] | undefined) ?? 'object');
  return fc.oneof(...types.map((type) => arbitraryOfType(contract, resolved, type, schedules)));
}

function arbitraryOfType(contract: Contract, schema: Schema, type: string, schedules: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const minimum = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1e6;
  const maximum = typeof schema['maximum'] === 'number' ? schema['maximum'] : 1e6;
  const excluded = (schema['not'] as Schema | undefined)?.['enum'] as Json[] | undefined;
  const allowed = (value: Json) => excluded === undefined || !excluded.includes(value);
  switch (type) {
    case 'integer':
      return fc.oneof(fc.integer({ min: Math.max(minimum, -100_000), max: Math.min(maximum, 100_000) }), fc.constantFrom(minimum, maximum, 0)).filter(allowed);
    case 'number':
      return fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: minimum, max: maximum, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(minimum, maximum)).filter(allowed);
    case 'string':
      return fc.string({ maxLength: typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 20 });
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(contract, (schema['items'] as Schema | undefined) ?? {}, schedules), { maxLength: 20 });
    default: {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = (schema['required'] ?? []) as string[];
      const record = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, arbitraryFor(contract, property, schedules)]));
      return fc.record(record, { requiredKeys: required }) as fc.Arbitrary<Json>;
    }
  }
}

/** A request as generated: the inject options and a label for reports. */
export interface Case {
  readonly label: string;
  readonly request: InjectOptions;
}

const jsonRequest = (url: string, body: string | Buffer, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', ...headers },
  payload: body,
});

/** Mutations of a JSON value: each changes one thing. */
function valueMutations(value: Json): fc.Arbitrary<[string, Json]> {
  const weird: fc.Arbitrary<Json> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>('', '0.1', 'x'.repeat(5000), [], {}, true, null, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, Number.MIN_VALUE),
  );
  if (typeof value !== 'object' || value === null) return weird.map((other) => ['replaced', other] as [string, Json]);
  const keys = Array.isArray(value) ? value.map((_, index) => String(index)) : Object.keys(value);
  const pick = keys.length === 0 ? fc.constant('') : fc.constantFrom(...keys);
  return fc.oneof(
    fc.tuple(pick, weird).map(([key, other]) => [`${key} replaced`, replaceAt(value, key, other)] as [string, Json]),
    pick.map((key) => [`${key} removed`, removeAt(value, key)] as [string, Json]),
    fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('extra', '__proto__', 'constructor', 'k'.repeat(3000))), weird).map(
      ([key, other]) => [`extra ${key.slice(0, 20)}`, Array.isArray(value) ? [...value, other] : { ...value, [key]: other }] as [string, Json],
    ),
    // One level down (a schedule's config, a request's schedule).
    fc.tuple(pick, fc.nat()).chain(([key]) => {
      const child = (value as Record<string, Json>)[key];
      if (child === undefined || typeof child !== 'object' || child === null) return fc.constant(['unchanged', value] as [string, Json]);
      return valueMutations(child).map(([label, mutated]) => [`${key}/${label}`, replaceAt(value, key, mutated)] as [string, Json]);
    }),
  );
}

function replaceAt(value: Json, key: string, other: Json): Json {
  if (Array.isArray(value)) return value.map((item, index) => (String(index) === key ? other : item));
  if (typeof value === 'object' && value !== null) return { ...value, [key]: other };
  return other;
}

function removeAt(value: Json, key: string): Json {
  if (Array.isArray(value)) return value.filter((_, index) => String(index) !== key);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
  return value;
}

/** Text-level mutations of a JSON body: what a value cannot express. */
function textMutations(text: string, depth: number): fc.Arbitrary<[string, string | Buffer]> {
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
  const numberAt = numbers.length === 0 ? fc.constant(undefined) : fc.constantFrom(...numbers);
  return fc.oneof(
    fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => [`truncated at ${cut}`, text.slice(0, cut)] as [string, string]),
    fc.tuple(numberAt, fc.constantFrom('1e999', '-1e999', '1e308', '123456789012345678901234567890', '1e-999', '-0', '1.0', '0.1e1', '9007199254740993')).map(
      ([match, replacement]) => [
        `number → ${replacement}`,
        match === undefined ? text : text.slice(0, match.index) + replacement + text.slice((match.index ?? 0) + match[0].length),
      ] as [string, string],
    ),
    fc.nat({ max: Math.max(0, text.length) }).chain((at) =>
      fc.constantFrom([0xff], [0xc3, 0x28], [0xe0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]).map(
        (bytes) => [`invalid UTF-8 at ${at}`, Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))])] as [string, Buffer],
      ),
    ),
    fc.integer({ min: 13, max: depth }).map((levels) => [`nested ${levels} deep`, text.replace(/"schedule":\s*/, `"schedule": ${'['.repeat(levels)}`).replace(/\}\s*$/, `${']'.repeat(levels)}}`)] as [string, string]),
    fc.integer({ min: 13, max: depth }).map((levels) => [`an object nested ${levels} deep`, text.replace(/\}\s*$/, `, "deep": ${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`)] as [string, string]),
    fc.constantFrom('{', '}', '[]', 'null', '"schedule"', '', ' ', '{"schedule":}', '{"a":1,}', '\uFEFF{}', '{"schedule": NaN}', "{'schedule': 1}").map((other) => [`malformed ${JSON.stringify(other)}`, other] as [string, string]),
  );
}

const BAD_PERCENT = ['%FF', '%', '%E0%A4%A', '%C0%AF', '%ZZ', 'a%2', '%ED%A0%80', '%F8%88%80%80%80'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; charset=utf-16', 'application/problem+json', 'application/octet-stream', 'image/png'];

export interface Generators {
  readonly valid: fc.Arbitrary<Case>;
  readonly mutated: fc.Arbitrary<Case>;
  readonly all: fc.Arbitrary<Case>;
}

/** Request generators for every operation of the document. `depth` bounds the deep-nesting mutations. */
export function generators(contract: Contract, options: { depth?: number; bodyLimit?: number } = {}): Generators {
  const { depth = 2000, bodyLimit = 1_048_576 } = options;
  const { valid: validSchedules, invalid: invalidSchedules } = goldenSchedules();
  const schedules = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...validSchedules) }, { weight: 1, arbitrary: fc.constantFrom(...invalidSchedules) });
  const bodies = contract.operations.filter((operation) => contract.requestSchema(operation) !== undefined);
  const gets = contract.operations.filter((operation) => operation.method === 'GET');

  const bodyCase = (operation: Operation): fc.Arbitrary<{ operation: Operation; body: Json }> =>
    arbitraryFor(contract, contract.requestSchema(operation) as Schema, schedules).map((body) => ({ operation, body }));
  const anyBody = fc.oneof(...bodies.map(bodyCase));
  const accept = fc.option(fc.constantFrom('application/json', 'text/csv', 'application/octet-stream', '*/*', 'text/html', 'text/*', 'application/*;q=0.1, text/csv', 'garbage;;'), { nil: undefined });
  const className = fc.oneof(fc.constantFrom('CosineDecay', 'PiecewiseConstantDecay', 'ExponentialDecay', 'Nope', 'cosinedecay', '%43osineDecay', 'Cosine%20Decay', 'Cosine%2FDecay'), fc.string({ maxLength: 30 }).map(encodeURIComponent));
  const getCase = (operation: Operation): fc.Arbitrary<Case> =>
    operation.template.includes('{') ? className.map((name) => ({ label: `${operation.id} ${name}`, request: { method: 'GET', url: operation.template.replace(/\{[^}]+\}/, name) } })) : fc.constant({ label: operation.id, request: { method: 'GET', url: operation.template } });

  const valid: fc.Arbitrary<Case> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(anyBody, accept).map(([{ operation, body }, type]) => ({ label: `${operation.id} valid`, request: jsonRequest(operation.template, JSON.stringify(body), type === undefined ? {} : { accept: type }) })) },
    { weight: 1, arbitrary: fc.oneof(...gets.map(getCase)) },
  );

  const mutated: fc.Arbitrary<Case> = fc.oneof(
    anyBody.chain(({ operation, body }) => valueMutations(body).map(([label, value]) => ({ label: `${operation.id} ${label}`, request: jsonRequest(operation.template, JSON.stringify(value)) }))),
    anyBody.chain(({ operation, body }) => textMutations(JSON.stringify(body), depth).map(([label, payload]) => ({ label: `${operation.id} ${label}`, request: jsonRequest(operation.template, payload) }))),
    fc.tuple(anyBody, fc.constantFrom(...CONTENT_TYPES, '')).map(([{ operation, body }, type]) => ({
      label: `${operation.id} as ${type || 'no content type'}`,
      request: { method: 'POST', url: operation.template, headers: type === '' ? {} : { 'content-type': type }, payload: JSON.stringify(body) },
    })),
    fc.tuple(fc.constantFrom(...bodies), fc.constantFrom('name', 'class_name', 'module', 'registered_name', 'key'), fc.integer({ min: 200, max: 200_000 })).map(([operation, field, length]) => {
      const schedule: Record<string, Json> = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } };
      const long = 'L'.repeat(length);
      if (field === 'name') (schedule['config'] as Record<string, Json>)['name'] = long;
      else if (field === 'key') (schedule['config'] as Record<string, Json>)[long] = 1;
      else schedule[field] = long;
      return { label: `${operation.id} a ${length}-character ${field}`, request: jsonRequest(operation.template, JSON.stringify({ schedule, step: 1, steps: [1] })) };
    }),
    fc.tuple(fc.constantFrom(...bodies), fc.constantFrom(bodyLimit + 1, bodyLimit * 2)).map(([operation, size]) => ({
      label: `${operation.id} a ${size}-byte body`,
      request: jsonRequest(operation.template, `{"schedule": {"class_name": "CosineDecay", "config": {"name": "${'x'.repeat(size)}"}}}`),
    })),
    fc.tuple(fc.constantFrom(...gets.filter((operation) => operation.template.includes('{'))), fc.oneof(fc.constantFrom(...BAD_PERCENT), fc.integer({ min: 90, max: 3000 }).map((n) => 'C'.repeat(n)), fc.integer({ min: 30, max: 60 }).map((n) => '%41'.repeat(n)))).map(
      ([operation, segment]) => ({ label: `${operation.id} path ${segment.slice(0, 20)} (${segment.length})`, request: { method: 'GET', url: operation.template.replace(/\{[^}]+\}/, segment) } }),
    ),
    fc.tuple(fc.constantFrom(...contract.operations), fc.constantFrom(...BAD_PERCENT)).map(([operation, bad]) => ({ label: `${operation.id} with ${bad} in the path`, request: { method: operation.method as 'GET', url: `${operation.template.replace(/\{[^}]+\}/, 'CosineDecay')}${bad}` } })),
    fc.tuple(fc.constantFrom(...contract.operations), fc.constantFrom('PUT', 'DELETE', 'PATCH', 'GET', 'POST', 'OPTIONS')).map(([operation, method]) => ({ label: `${method} ${operation.template}`, request: { method: method as 'GET', url: operation.template.replace(/\{[^}]+\}/, 'CosineDecay') } })),
    // Unknown paths; the service's undocumented pages (`/` redirects to /docs, /docs itself, /problems/{status}) are left out.
    fc.oneof(fc.constantFrom('/v2/learning-rate', '/v1', '/v1/', '/v1/learning-rate/', '/v1/schedules/a/b', '//v1/schedules', '/%2e%2e/etc/passwd', '/v1/learning-rate?x=%FF'), fc.webPath().map((path) => `/v2${path.startsWith('/') ? '' : '/'}${path}`)).map(
      (url) => ({ label: `unknown ${url}`, request: { method: 'GET', url } }),
    ),
  );
  return { valid, mutated, all: fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: mutated }) };
}

/** Sends each generated request and checks the answer; returns the failures (empty: the contract holds). */
export async function runContract(app: FastifyInstance, contract: Contract, arbitrary: fc.Arbitrary<Case>, options: { seed: number; numRuns: number }): Promise<{ failures: string[]; statuses: Map<string, number> }> {
  const failures: string[] = [];
  const statuses = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async ({ label, request }) => {
      const response = await app.inject(request);
      const operation = contract.route(String(request.method), String(request.url));
      const key = `${operation?.id ?? '(no operation)'} ${response.statusCode}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const problems = contract.check(request, response);
      if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')} — answered ${response.statusCode} ${response.body.slice(0, 200)}`);
      return true;
    }),
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: false },
  );
  return { failures, statuses };
}
