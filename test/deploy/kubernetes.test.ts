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

t.test('the Service and the autoscaler point at the Deployment', async (t) => {
  const deployment = new Deployment(read('deployment.yaml') as never);
  const service = new Service(read('service.yaml') as never);
  const hpa = new HorizontalPodAutoscaler(read('hpa.yaml') as never);
  t.same(service.spec?.selector, deployment.spec?.template.metadata?.labels);
  t.equal(service.spec?.ports?.[0]?.targetPort, deployment.spec?.template.spec?.containers[0]?.ports?.[0]?.name);
  t.equal(hpa.spec?.scaleTargetRef.name, deployment.metadata?.name);
  t.ok((hpa.spec?.minReplicas ?? 0) >= 2 && (hpa.spec?.maxReplicas ?? 0) > (hpa.spec?.minReplicas ?? 0));
});
