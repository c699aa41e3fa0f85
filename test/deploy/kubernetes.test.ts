/** The Kubernetes manifests, validated against the API's schemas (kubernetes-models) and held to what we promise. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import t from 'tap';
import { parse } from 'yaml';

const directory = fileURLToPath(new URL('../../deploy/kubernetes/', import.meta.url));
const read = (file: string) => parse(readFileSync(join(directory, file), 'utf8')) as Record<string, unknown>;

t.test('every manifest is valid against its schema', async (t) => {
  const models = { 'deployment.yaml': Deployment, 'service.yaml': Service, 'hpa.yaml': HorizontalPodAutoscaler, 'pdb.yaml': PodDisruptionBudget };
  for (const [file, Model] of Object.entries(models)) {
    t.doesNotThrow(() => new Model(read(file) as never).validate(), file);
  }
  const listed = (read('kustomization.yaml')['resources'] as string[]).sort();
  t.same(listed, Object.keys(models).sort(), 'kustomization lists them all');
  t.same(readdirSync(directory).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort(), listed);
});

t.test('the Deployment probes, limits and locks down the service', async (t) => {
  const deployment = new Deployment(read('deployment.yaml') as never);
  const pod = deployment.spec?.template.spec;
  const container = pod?.containers[0];
  t.equal(container?.livenessProbe?.httpGet?.path, '/health');
  t.equal(container?.readinessProbe?.httpGet?.path, '/ready');
  t.ok(container?.resources?.requests?.['cpu'] && container.resources.limits?.['memory'], 'resources requested and limited');
  t.equal(container?.securityContext?.readOnlyRootFilesystem, true);
  t.equal(container?.securityContext?.allowPrivilegeEscalation, false);
  t.same(container?.securityContext?.capabilities?.drop, ['ALL']);
  t.equal(pod?.securityContext?.runAsNonRoot, true);
  t.ok(pod?.volumes?.some((volume) => volume.emptyDir) && container?.volumeMounts?.some((mount) => mount.mountPath === '/tmp'), 'a writable /tmp');
  const env = Object.fromEntries((container?.env ?? []).map(({ name, value }) => [name, value]));
  t.equal(env['HOST'], '0.0.0.0');
  t.equal(String(container?.ports?.[0]?.containerPort), env['PORT'], 'the container port is the one the service listens on');
  t.ok((pod?.terminationGracePeriodSeconds ?? 0) * 1000 > Number(env['SHUTDOWN_TIMEOUT_MS']), 'the grace period outlasts draining');
});

/** The pause of an exec preStop hook `node -e "setTimeout(() => {}, MS)"`, or of a `sleep` one, in ms. */
function preStopPauseMs(preStop: { exec?: { command?: string[] }; sleep?: { seconds: number } } | undefined): number {
  if (preStop?.sleep) return preStop.sleep.seconds * 1000;
  const script = preStop?.exec?.command?.join(' ') ?? '';
  return Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(script)?.[1] ?? 0);
}

t.test('a pod leaves the endpoints before it drains, and drains before it is killed', async (t) => {
  const deployment = new Deployment(read('deployment.yaml') as never);
  const pod = deployment.spec?.template.spec;
  const container = pod?.containers[0];
  const env = Object.fromEntries((container?.env ?? []).map(({ name, value }) => [name, value]));
  const pauseMs = preStopPauseMs(container?.lifecycle?.preStop);
  const drainMs = Number(env['SHUTDOWN_TIMEOUT_MS']);
  t.ok(pauseMs >= 5000, `preStop pauses ${pauseMs} ms, longer than endpoint propagation (1-5 s)`);
  t.ok(drainMs > 0, 'SHUTDOWN_TIMEOUT_MS is set');
  t.ok((pod?.terminationGracePeriodSeconds ?? 0) * 1000 >= pauseMs + drainMs + 2000, 'the grace period outlasts the pause plus draining, with room to exit');
  const readiness = container?.readinessProbe;
  const detectMs = (readiness?.periodSeconds ?? 10) * (readiness?.failureThreshold ?? 3) * 1000;
  t.ok(detectMs <= 10_000, `a replica that stops answering leaves the endpoints within ${detectMs} ms`);
  t.ok((readiness?.failureThreshold ?? 1) >= 2, 'not on a single slow probe');
  t.ok((readiness?.timeoutSeconds ?? 1) <= (readiness?.periodSeconds ?? 10), 'a probe times out before the next one');
  t.equal(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable, 0, 'a rollout never goes below the replica count');
  t.ok((deployment.spec?.minReadySeconds ?? 0) > 0, 'a new pod gets time to enter the endpoints before an old one goes');
});

t.test('the Service and the autoscaler point at the Deployment', async (t) => {
  const deployment = new Deployment(read('deployment.yaml') as never);
  const service = new Service(read('service.yaml') as never);
  const hpa = new HorizontalPodAutoscaler(read('hpa.yaml') as never);
  t.same(service.spec?.selector, deployment.spec?.template.metadata?.labels);
  t.equal(service.spec?.ports?.[0]?.targetPort, deployment.spec?.template.spec?.containers[0]?.ports?.[0]?.name);
  t.equal(hpa.spec?.scaleTargetRef.name, deployment.metadata?.name);
  t.ok((hpa.spec?.minReplicas ?? 0) >= 2 && (hpa.spec?.maxReplicas ?? 0) > (hpa.spec?.minReplicas ?? 0));
});
