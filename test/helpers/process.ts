import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningService {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Resolves with the exit code and signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Starts a service process on a free port and waits for its "listening" log line. */
export async function startService(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunningService> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`service exited before listening:\n${output}`));
    });
  });
  return { child, baseUrl, exited, output: () => output };
}

/** Runs a command to completion and returns its exit code and output. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Splits a raw HTTP/1.1 response (as read off a socket) into status, headers and body, undoing chunked encoding. */
export function parseHttpResponse(raw: Buffer): { status: number; headers: Record<string, string>; body: Buffer; complete: boolean } {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd < 0) return { status: 0, headers: {}, body: Buffer.alloc(0), complete: false };
  const [statusLine = '', ...lines] = raw.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const status = Number(statusLine.split(' ')[1]);
  const payload = raw.subarray(headerEnd + 4);
  if (headers['transfer-encoding'] !== 'chunked') {
    const length = Number(headers['content-length'] ?? payload.length);
    return { status, headers, body: payload.subarray(0, length), complete: payload.length === length };
  }
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', offset);
    if (lineEnd < 0) return { status, headers, body: Buffer.concat(parts), complete: false };
    const size = Number.parseInt(payload.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return { status, headers, body: Buffer.concat(parts), complete: payload.indexOf('\r\n', lineEnd + 2) === lineEnd + 2 };
    if (!Number.isInteger(size) || lineEnd + 2 + size + 2 > payload.length) return { status, headers, body: Buffer.concat(parts), complete: false };
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
