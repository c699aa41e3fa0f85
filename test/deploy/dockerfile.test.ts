/**
 * No Docker engine runs here, so the Dockerfile is checked two ways: its
 * instructions are parsed and held to the practices we promise, and its build
 * and start commands are replayed in a clean copy of the repository.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import t from 'tap';
import { run, startService } from '../helpers/process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));

interface Stage {
  readonly name: string;
  readonly image: string;
  readonly instructions: Instruction[];
}

function initialArg(name: string): string | undefined {
  return dockerfile.getInitialARGs().find((arg) => arg.getProperty()?.getName() === name)?.getProperty()?.getValue() ?? undefined;
}

function stages(): Stage[] {
  const result: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image = '', , name = ''] = (instruction.getArgumentsContent() ?? '').split(/\s+/);
      result.push({ name, image: image.replace(/^\$\{(\w+)\}$/, (_, arg: string) => initialArg(arg) ?? image), instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const [build, runtime] = stages() as [Stage, Stage];
const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
const jsonArgs = (content: string) => JSON.parse(content.replace(/^.*?CMD\s+/s, '').replace(/\\\n/g, '')) as string[];

/** `NAME=value` pairs of a stage's ARG or ENV lines (quotes around a value dropped). */
function pairsOf(stage: Stage, keyword: 'ARG' | 'ENV'): [string, string][] {
  return args(stage, keyword).flatMap((content) =>
    content
      .split(/\s*\\?\n\s*|\s+/)
      .filter((pair) => pair.includes('='))
      .map((pair) => {
        const [name = '', value = ''] = pair.split('=');
        return [name, value.replace(/^"(.*)"$/, '$1')] as [string, string];
      }),
  );
}

/** The stage's environment as Docker sets it: `${NAME}` in an ENV value is the stage's ARG (its default, no --build-arg). */
function envOf(stage: Stage): Record<string, string> {
  const buildArgs = Object.fromEntries(pairsOf(stage, 'ARG'));
  return Object.fromEntries(pairsOf(stage, 'ENV').map(([name, value]) => [name, value.replace(/\$\{(\w+)\}/g, (_, arg: string) => buildArgs[arg] ?? '')]));
}

t.test('the Dockerfile follows the practices we promise', async (t) => {
  t.equal(stages().length, 2, 'two stages: build and runtime');
  t.equal(build.name, 'build');
  for (const stage of stages()) {
    t.match(stage.image, /^node:\d+\.\d+\.\d+-[a-z]+-slim$/, `${stage.name}: a Node image pinned to an exact version`);
    t.notMatch(stage.image, /latest/);
    const major = Number(/^node:(\d+)/.exec(stage.image)?.[1]);
    t.ok(major >= 20 && major % 2 === 0, `${stage.name}: an even-numbered (LTS) Node release`);
  }
  const buildRuns = args(build, 'RUN').join('\n');
  t.match(buildRuns, /npm ci/, 'installs from the lockfile');
  t.match(buildRuns, /npm run build/, 'compiles');
  t.match(buildRuns, /npm prune --omit=dev/, 'drops dev dependencies');
  t.same(args(runtime, 'RUN'), [], 'the runtime stage installs nothing');
  const runtimeCopies = dockerfile.getCOPYs().filter((copy) => copy.getRange().start.line > (runtime.instructions[0]?.getRange().start.line ?? 0));
  t.ok(runtimeCopies.length > 0, 'the runtime stage copies the build output');
  t.ok(
    runtimeCopies.every((copy) => copy.getFlags().some((flag) => flag.getName() === 'from' && flag.getValue() === 'build')),
    'and nothing else (no sources, no context files)',
  );
  t.equal(envOf(runtime)['NODE_ENV'], 'production');
  t.equal(envOf(runtime)['GIT_COMMIT'], '', 'GIT_COMMIT from the build argument of that name (empty without one: /version says null)');
  const user = args(runtime, 'USER');
  t.ok(user.length === 1 && !['root', '0'].includes(user[0] ?? ''), 'runs as a non-root user');
  const cmd = args(runtime, 'CMD');
  t.equal(cmd.length, 1);
  const command = jsonArgs(cmd[0] ?? '');
  t.equal(command[0], 'node', 'exec-form CMD running node itself (npm would swallow SIGTERM)');
  const healthcheck = args(runtime, 'HEALTHCHECK')[0] ?? '';
  t.match(healthcheck, /CMD \["node", "-e", ".*fetch\(.*\/health/s, "HEALTHCHECK uses node's own fetch against /health");
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8');
  t.match(ignored, /^\*$/m, '.dockerignore excludes everything not named (node_modules, .git, tests, secrets)');
});

t.test('replaying the build and start commands in a clean copy gives a healthy service', { timeout: 600_000 }, async (t) => {
  const workdir = mkdtempSync(join(tmpdir(), 'lr-docker-'));
  t.teardown(() => rmSync(workdir, { recursive: true, force: true }));
  const buildDir = join(workdir, 'build');
  const runtimeDir = join(workdir, 'runtime');

  // The build stage: COPY from the context (only what .dockerignore lets through), then RUN, in order.
  for (const instruction of build.instructions) {
    const keyword = instruction.getKeyword();
    const content = instruction.getArgumentsContent() ?? '';
    if (keyword === 'COPY') {
      const parts = content.split(/\s+/);
      const destination = join(buildDir, parts.at(-1) as string);
      for (const source of parts.slice(0, -1)) {
        cpSync(join(root, source), parts.length > 2 ? join(destination, source) : destination, { recursive: true });
      }
    } else if (keyword === 'RUN') {
      const { code, output } = await run('sh', ['-c', content], { cwd: buildDir, env: { CI: 'true' } });
      t.equal(code, 0, `RUN ${content}`) || t.comment(output);
    }
  }
  t.notOk(existsSync(join(buildDir, 'node_modules', 'typescript')), 'dev dependencies pruned');

  // The runtime stage: COPY --from=build, then the exact CMD with the stage's ENV.
  for (const copy of args(runtime, 'COPY')) {
    const [source, destination] = copy.split(/\s+/).filter((part) => !part.startsWith('--')) as [string, string];
    cpSync(join(buildDir, source.replace(/^\/app\//, '')), join(runtimeDir, destination), { recursive: true });
  }
  const [command, ...commandArgs] = jsonArgs(args(runtime, 'CMD')[0] ?? '');
  const service = await startService(command === 'node' ? process.execPath : (command as string), commandArgs, {
    cwd: runtimeDir,
    env: { ...envOf(runtime), HOST: '127.0.0.1', PORT: '0' },
  });
  t.teardown(() => service.child.kill('SIGKILL'));
  t.same(await (await fetch(`${service.baseUrl}/health`)).json(), { status: 'ok' }, '/health answers');
  const port = new URL(service.baseUrl).port;
  const healthcheck = jsonArgs(args(runtime, 'HEALTHCHECK')[0] ?? '');
  const probe = await run(process.execPath, healthcheck.slice(1), { cwd: runtimeDir, env: { PORT: port } });
  t.equal(probe.code, 0, 'the HEALTHCHECK command passes');
  service.child.kill('SIGTERM');
  t.equal((await service.exited).code, 0, 'stops cleanly on SIGTERM');
});
