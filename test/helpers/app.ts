import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig, type ServiceConfig } from '../../src/config.js';
import type { ProblemDetails } from '../../src/schemas/shared.js';

/** A fresh app for one test, closed when the test ends. */
export async function buildTestApp(t: Test, overrides: Partial<ServiceConfig> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: defaultConfig(overrides), logger: false });
  t.teardown(() => app.close());
  return app;
}

/** A problem document as the service declares it. */
export type ProblemBody = ProblemDetails;

/** Decodes the binary format: little-endian float32 or float64 values. */
export function decodeBinary(payload: Buffer, dtype: string): number[] {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const size = dtype === 'float32' ? 4 : 8;
  return Array.from({ length: payload.byteLength / size }, (_, i) => (size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true)));
}

export function decodeCsv(text: string): { steps: number[]; rates: number[] } {
  const [header, ...rows] = text.trimEnd().split('\n');
  if (header !== 'step,learning_rate') throw new Error(`unexpected CSV header ${header}`);
  const parsed = rows.map((row) => row.split(','));
  return { steps: parsed.map(([step]) => Number(step)), rates: parsed.map(([, rate]) => Number(rate)) };
}
