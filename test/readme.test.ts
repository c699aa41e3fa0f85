/**
 * The README's examples work as written: every curl command of its Examples block runs against the app
 * (listening on a free port instead of 3000) and answers 2xx, and where the README shows the answer, it is
 * that answer; the Python client snippet runs too.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildTestApp } from './helpers/app.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = readme.slice(readme.indexOf('## Examples'));
const shell = /```sh\n([\s\S]*?)```/.exec(examples)?.[1] ?? '';
const python = /```python\n([\s\S]*?)```/.exec(examples)?.[1] ?? '';

interface Example {
  readonly command: string;
  readonly expected: string | undefined;
}

/** The block's commands (continuation lines joined), each with the `# {...}` answer shown right after it, if any. */
function commands(block: string): { setup: string; examples: Example[] } {
  const lines = block.replace(/\\\n\s*/g, '').split('\n');
  const setup = lines.filter((line) => /^[A-Z_]+=/.test(line)).join('\n');
  const examples: Example[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('curl ')) return;
    const next = lines[i + 1] ?? '';
    examples.push({ command: line.replace(/\s+#.*$/, ''), expected: next.startsWith('# {') ? next.slice(2) : undefined });
  });
  return { setup, examples };
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;
// Asynchronously: the service answering these commands runs in this process, on this event loop.
const run = promisify(execFile);

t.test('every curl example answers, and as the README shows', { skip: hasCurl ? false : 'curl is not installed here' }, async (t) => {
  const app = await buildTestApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const { setup, examples: list } = commands(shell);
  t.ok(list.length >= 15, `${list.length} curl examples`);
  const directory = mkdtempSync(join(tmpdir(), 'readme-'));
  t.teardown(() => rmSync(directory, { recursive: true, force: true }));
  for (const { command, expected } of list) {
    const script = `${setup}\n${command.replaceAll('localhost:3000', `127.0.0.1:${port}`)} -w '\\n%{http_code}'`;
    const { stdout: output } = await run('bash', ['-c', script], { cwd: directory, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const status = Number(output.slice(output.lastIndexOf('\n') + 1));
    const body = output.slice(0, output.lastIndexOf('\n'));
    t.ok(status >= 200 && status < 400, `${command.slice(0, 90)}: ${status}`);
    if (expected !== undefined) t.same(JSON.parse(body), JSON.parse(expected), `${command.slice(0, 60)}… answers what the README shows`);
  }
});

t.test('the Python client snippet runs against the service', async (t) => {
  const app = await buildTestApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const code = python.replace('http://127.0.0.1:3000', `http://127.0.0.1:${port}`);
  const { stdout } = await run('python3', ['-c', code], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: 'clients/python/src' } });
  t.match(stdout, /^0 0\.0\n1 1\.0000001111620804e-06\n2 2\.000000222324161e-06\n$/, 'the first rates of the warmup');
});
