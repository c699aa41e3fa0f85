/**
 * Screenshots Swagger UI (/docs) answering `POST /v1/learning-rates` with an SVG chart, for the README.
 *
 *   npx tsx scripts/swagger-screenshot.ts [--out docs/images/swagger-ui-svg.png] [--example chart]
 *                                         [--range start:stop:stride] [--width 1024] [--scale 2]
 *   npm run screenshot:swagger
 *
 * Starts the service in-process (buildApp with the default configuration, on 127.0.0.1 and a free port), then
 * drives headless Chromium through the DevTools protocol (puppeteer-core, which downloads no browser): opens /docs,
 * expands the operation, presses "Try it out", picks the named request example (--example; by default `chart`, the
 * dense range a user picks for the SVG answer, sent as it is), with --range (start:stop:stride) sets its `range`
 * to that instead, sets the response
 * media type to image/svg+xml, presses Execute, waits for the answer's <img> to load, and screenshots the operation
 * from its title to the rendered chart, at device pixel ratio --scale. Both are closed at the end.
 *
 * Every step that does not happen (a selector not found, an answer other than a 200 image/svg+xml, an answer that
 * Swagger UI does not show as a loaded image) stops the script with exit code 1 and a message saying which step,
 * with a screenshot of the page as it was in the temporary directory; nothing is written to --out then.
 *
 * Needs `chromium` on the PATH (Debian: `apt-get install -y chromium`), or CHROMIUM=/path/to/binary.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer, { type Browser, type HTTPResponse, type Page } from 'puppeteer-core';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

/** The operation's block in Swagger UI: `operations-<tag, spaces as underscores>-<operationId>`. */
const OPERATION = '#operations-learning_rates-computeLearningRates';
const SELECTORS = {
  expand: `${OPERATION} .opblock-summary-control`,
  tryItOut: `${OPERATION} .try-out__btn`,
  requestBody: `${OPERATION} .opblock-section-request-body`,
  exampleSelect: `${OPERATION} .opblock-section-request-body select.examples-select-element`,
  bodyText: `${OPERATION} .opblock-section-request-body textarea.body-param__text`,
  mediaType: `${OPERATION} .response-control-media-type--accept-controller select`,
  execute: `${OPERATION} .btn.execute`,
  liveBody: `${OPERATION} .live-responses-table tbody .response-col_description`,
} as const;
const SVG = 'image/svg+xml';
const STEP_TIMEOUT_MS = 20_000;

// The functions given to page.evaluate and $eval run in the page. The repo's tsconfig has no "dom" lib (the service
// runs on Node), so the little of the DOM they use is declared here, for this module only.
interface DomRect {
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
}
interface DomElement {
  readonly tagName: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly nextElementSibling: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  matches(selector: string): boolean;
  getBoundingClientRect(): DomRect;
  scrollIntoView(options: { block: 'start' }): void;
}
interface DomTextArea extends DomElement {
  readonly value: string;
  select(): void;
}
interface DomImage extends DomElement {
  readonly complete: boolean;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly src: string;
}
declare const document: { querySelector(selector: string): DomElement | null };
declare const window: {
  readonly scrollX: number;
  readonly scrollY: number;
  scrollBy(x: number, y: number): void;
  readonly versions?: { readonly swaggerUI?: { readonly version?: string } };
};

/** `name` itself if it has a slash, else the first executable of that name on the PATH (puppeteer needs a path). */
function findExecutable(name: string): string {
  const candidates = name.includes('/') ? [resolve(name)] : (process.env.PATH ?? '').split(delimiter).filter(isAbsolute).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`no executable ${name} ${name.includes('/') ? '' : 'on the PATH '}(Debian: apt-get install -y chromium; or set CHROMIUM=/path/to/binary)`);
}

function parseRange(text: string): { start: number; stop: number; stride: number } {
  const parts = text.split(':').map(Number);
  const [start, stop, stride = 1] = parts;
  if (parts.length < 2 || parts.length > 3 || !parts.every(Number.isSafeInteger) || start === undefined || stop === undefined || stride === 0) {
    throw new Error(`--range must be start:stop[:stride] (integers, stride not 0), not ${text}`);
  }
  return { start, stop, stride };
}

/** Runs one step of the walk through Swagger UI; a failure names the step. */
async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await action();
    console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (error) {
    throw new Error(`step "${name}" failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Replaces the whole text of a React-controlled textarea as typing would (select all, then one insertText). */
async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.$eval(selector, (element) => (element as unknown as DomTextArea).select());
  await page.keyboard.press('Delete');
  await page.keyboard.sendCharacter(text);
  const now = await page.$eval(selector, (element) => (element as unknown as DomTextArea).value);
  if (now !== text) throw new Error('the request body did not take the new text');
}

/** What Swagger UI shows as the live response's body: an <img> (with its load state), or something else. */
interface ShownBody {
  readonly kind: 'img' | 'other';
  readonly complete?: boolean;
  readonly naturalWidth?: number;
  readonly naturalHeight?: number;
  readonly src?: string;
  /** What is shown instead of an image. */
  readonly description?: string;
  /** Whether that is a code block of the SVG's source. */
  readonly source?: boolean;
}

async function shownBody(page: Page): Promise<ShownBody> {
  const handle = await page.waitForFunction(
    (selector) => {
      const cell = document.querySelector(selector);
      const heading = [...(cell?.querySelectorAll('h5') ?? [])].find((h) => h.textContent === 'Response body');
      const body = heading?.nextElementSibling;
      if (cell === null || body === null || body === undefined) return false;
      const img = (body.tagName === 'IMG' ? body : body.querySelector('img')) as DomImage | null;
      if (img === null) {
        const code = body.matches('.highlight-code') ? body.querySelector('code')?.textContent ?? '' : null;
        const shown = code !== null ? `a code block of its source ("${code.slice(0, 60).replace(/\s+/g, ' ')}…")` : `<${body.tagName.toLowerCase()} class="${body.className}">`;
        return { kind: 'other', description: shown, source: code !== null && /^\s*<(\?xml|svg)\b/.test(code) };
      }
      if (!img.complete) return false;
      return { kind: 'img', complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, src: img.src.slice(0, 80) };
    },
    { timeout: STEP_TIMEOUT_MS, polling: 100 },
    SELECTORS.liveBody,
  );
  return (await handle.jsonValue()) as ShownBody;
}

/** The region from the operation's title down to the rendered chart, in document coordinates (CSS pixels). */
async function clipAround(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.$eval(
    OPERATION,
    (operation, liveBody) => {
      const img = document.querySelector(`${liveBody} img`);
      if (img === null) throw new Error('the chart is gone');
      const top = operation.getBoundingClientRect();
      const bottom = img.getBoundingClientRect();
      const margin = 12;
      return {
        x: Math.max(0, top.left + window.scrollX - margin),
        y: Math.max(0, top.top + window.scrollY - margin),
        width: top.width + 2 * margin,
        height: bottom.bottom - top.top + 2 * margin,
      };
    },
    SELECTORS.liveBody,
  );
}

/** A screenshot of the page as it is, for a failure's message. */
async function failureScreenshot(page: Page): Promise<string | null> {
  try {
    const path = join(mkdtempSync(join(tmpdir(), 'swagger-screenshot-')), 'failure.png');
    await page.screenshot({ path, fullPage: true });
    return path;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'docs/images/swagger-ui-svg.png' },
      example: { type: 'string', default: 'chart' },
      range: { type: 'string' },
      width: { type: 'string', default: '1024' },
      scale: { type: 'string', default: '2' },
    },
  });
  const range = values.range === undefined ? undefined : parseRange(values.range);
  const width = Number(values.width);
  const scale = Number(values.scale);
  if (!(width >= 800) || !(scale > 0)) throw new Error('--width must be at least 800 and --scale positive');
  const chromium = findExecutable(process.env.CHROMIUM ?? 'chromium');
  const out = resolve(values.out);
  const started = performance.now();

  const app = await buildApp({ config: defaultConfig(), logger: { level: 'warn' } });
  let browser: Browser | null = null;
  let page: Page | null = null;
  const pageErrors: string[] = [];
  try {
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(`service on ${origin}; ${chromium}`);
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'],
    });
    page = await browser.newPage();
    const p = page;
    p.setDefaultTimeout(STEP_TIMEOUT_MS);
    await p.setViewport({ width, height: 1000, deviceScaleFactor: scale });
    p.on('pageerror', (error) => pageErrors.push(String(error)));
    p.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    const docs = await step('open /docs', async () => {
      const response = await p.goto(`${origin}/docs`, { waitUntil: 'networkidle0' });
      if (response === null || !response.ok()) throw new Error(`GET /docs answered ${response?.status() ?? 'nothing'}`);
      await p.waitForSelector(SELECTORS.expand);
      return response;
    });
    const csp = docs.headers()['content-security-policy'] ?? null;
    await step('expand POST /v1/learning-rates', async () => {
      await p.click(SELECTORS.expand);
      await p.waitForSelector(SELECTORS.tryItOut);
    });
    await step('press "Try it out"', async () => {
      await p.click(SELECTORS.tryItOut);
      await p.waitForSelector(SELECTORS.exampleSelect);
      await p.waitForSelector(SELECTORS.execute);
    });
    await step(`pick the request example ${values.example}`, async () => {
      const names = await p.$$eval(`${SELECTORS.exampleSelect} option`, (options) => options.map((option) => (option as unknown as DomTextArea).value));
      if (!names.includes(values.example)) throw new Error(`no such example; the dropdown has ${names.join(', ')}`);
      const before = await p.$eval(SELECTORS.bodyText, (element) => (element as unknown as DomTextArea).value);
      const selected = await p.$eval(SELECTORS.exampleSelect, (element) => (element as unknown as DomTextArea).value);
      if (selected === values.example) return; // already shown
      await p.select(SELECTORS.exampleSelect, values.example);
      // Swagger UI rewrites the body textarea with the example's value: wait for the text to change.
      await p.waitForFunction(
        (selector, previous) => (document.querySelector(selector) as DomTextArea | null)?.value !== previous,
        {},
        SELECTORS.bodyText,
        before,
      );
    });
    const body = await step(range === undefined ? 'read the example body' : `set its range to ${JSON.stringify(range)}`, async () => {
      const shown = await p.$eval(SELECTORS.bodyText, (element) => (element as unknown as DomTextArea).value);
      if (range === undefined) return shown;
      const example = JSON.parse(shown) as Record<string, unknown>;
      if (!('range' in example)) throw new Error('the example asks for a list of steps, not a range');
      const text = JSON.stringify({ ...example, range }, null, 2);
      await replaceText(p, SELECTORS.bodyText, text);
      return text;
    });
    await step(`set the response media type to ${SVG}`, async () => {
      const chosen = await p.select(SELECTORS.mediaType, SVG);
      if (!chosen.includes(SVG)) throw new Error(`${SVG} is not among the operation's response media types`);
    });
    const answer = await step('press Execute and get the answer', async () => {
      const answered = p.waitForResponse((response) => response.url() === `${origin}/v1/learning-rates` && response.request().method() === 'POST');
      await p.click(SELECTORS.execute);
      const response: HTTPResponse = await answered;
      const type = response.headers()['content-type'] ?? '';
      if (response.request().headers().accept !== SVG) throw new Error(`Swagger UI sent Accept: ${response.request().headers().accept ?? '(none)'}`);
      if (response.request().postData() !== body) throw new Error('Swagger UI did not send the body as typed');
      if (response.status() !== 200 || !type.startsWith(SVG)) {
        throw new Error(`the service answered ${response.status()} ${type}: ${(await response.text()).slice(0, 300)}`);
      }
      return { type, bytes: (await response.buffer()).length };
    });
    await step('see the chart rendered as an image', async () => {
      const shown = await shownBody(p);
      if (shown.kind !== 'img') {
        const version = await p.evaluate(() => window.versions?.swaggerUI?.version ?? 'unknown');
        throw new Error(
          `Swagger UI ${version} did not render the chart. The ${answer.bytes}-byte ${answer.type} answer arrived (200), but ` +
            `the response body shows ${shown.description ?? 'something else'}, not an <img>. ` +
            `The service's side looks right: the content type is ${SVG}, the call is same-origin (no CORS involved), and /docs ` +
            `sends ${csp === null ? 'no Content-Security-Policy' : `Content-Security-Policy: ${csp}`}.` +
            (shown.source === true
              ? " This is Swagger UI's own choice: its response-body component tests the content type for /xml/ before " +
                '/^image\\//, so an image/svg+xml answer is shown as pretty-printed XML, and its image branch shows any "svg" ' +
                'type as text too (swagger-api/swagger-ui#5261). It takes a Swagger UI plugin (wrapComponents.responseBody) ' +
                "in the service's uiConfig to show SVG answers as images."
              : ''),
        );
      }
      if (!(shown.naturalWidth !== undefined && shown.naturalWidth > 0)) {
        throw new Error(`the <img> (${shown.src ?? ''}…) did not load (naturalWidth ${shown.naturalWidth ?? '?'}); /docs Content-Security-Policy: ${csp ?? '(none)'}; page errors: ${pageErrors.join(' | ') || 'none'}`);
      }
      console.log(`    <img> ${shown.naturalWidth} × ${shown.naturalHeight ?? '?'} from ${shown.src ?? ''}…`);
    });
    await step(`screenshot the request and the chart into ${values.out}`, async () => {
      // A window tall enough that the operation, from its title to the chart, is in view at once.
      let clip = await clipAround(p);
      await p.setViewport({ width, height: Math.ceil(clip.height) + 24, deviceScaleFactor: scale });
      await p.$eval(OPERATION, (operation) => operation.scrollIntoView({ block: 'start' }));
      await p.evaluate(() => window.scrollBy(0, -12));
      clip = await clipAround(p);
      mkdirSync(dirname(out), { recursive: true });
      await p.screenshot({ path: out, clip, captureBeyondViewport: false });
      if (statSync(out).size === 0) throw new Error(`wrote an empty ${out}`);
      console.log(`    ${Math.round(clip.width * scale)} × ${Math.round(clip.height * scale)} px, ${statSync(out).size} bytes`);
    });
    if (pageErrors.length > 0) console.warn(`page errors (not fatal): ${pageErrors.join(' | ')}`);
    console.log(`${values.out}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    const picture = page === null ? null : await failureScreenshot(page);
    if (pageErrors.length > 0) (error as Error).message += `\n  errors in the page: ${pageErrors.join(' | ')}`;
    if (picture !== null) (error as Error).message += `\n  the page as it was: ${picture}`;
    throw error;
  } finally {
    await browser?.close();
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`swagger-screenshot: ${message}`);
    process.exitCode = 1;
  });
}
