import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FEWER_THAN, type ChartData } from '../../domain/reports/report';

/**
 * Fonts for the text of charts: resvg draws no text without one. The first of these that exists is
 * used (Debian's fonts-dejavu-core, then fonts-liberation); CI installs the first.
 */
export const CHART_FONTS: readonly { readonly file: string; readonly family: string }[] = [
  { file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', family: 'DejaVu Sans' },
  { file: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', family: 'Liberation Sans' },
];

export function chartFont(): { file: string; family: string } | null {
  return CHART_FONTS.find((f) => existsSync(f.file)) ?? null;
}

/** The vega-lite specification of a bar chart of the report's figures, with a target line if any. */
export function chartSpec(chart: ChartData, fontFamily: string): Record<string, unknown> {
  // A suppressed count is drawn as no bar, labelled "<5" (the text beside the chart says it in words).
  const values = chart.bars.map((b) => ({ x: b.x, y: b.y, text: b.text === FEWER_THAN ? '<5' : b.text }));
  const bars = {
    mark: { type: 'bar', color: '#1d70b8' },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: null, title: chart.xTitle, axis: { labelAngle: -40 } },
      y: { field: 'y', type: 'quantitative', title: chart.yTitle },
    },
  };
  const labels = { mark: { type: 'text', dy: -6, color: '#0b0c0c', fontSize: 11 }, encoding: { x: { field: 'x', type: 'ordinal', sort: null }, y: { field: 'y', type: 'quantitative' }, text: { field: 'text' } } };
  const layers: Record<string, unknown>[] = [bars, labels];
  if (chart.target) layers.push({ data: { values: [{ target: chart.target.value }] }, mark: { type: 'rule', color: '#d4351c', strokeDash: [6, 4], size: 2 }, encoding: { y: { field: 'target', type: 'quantitative' } } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 460,
    height: 200,
    background: '#ffffff',
    padding: 8,
    config: { font: fontFamily, axis: { labelFontSize: 11, titleFontSize: 12 }, view: { stroke: null } },
    data: { values },
    layer: layers,
  };
}

// vega and vega-lite are ES modules only; the bot is CommonJS. A worker imports them (and keeps
// the CPU of drawing off the thread that answers Teams).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
const ready = Promise.all([import(workerData.vega), import(workerData.vegaLite)]);
ready.catch(() => undefined);
parentPort.on('message', async (m) => {
  try {
    const [vega, vl] = await ready;
    const view = new vega.View(vega.parse(vl.compile(m.spec).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    const font = workerData.font
      ? { fontFiles: [workerData.font.file], loadSystemFonts: false, defaultFontFamily: workerData.font.family }
      : { loadSystemFonts: true };
    const png = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 1 } }).render().asPng();
    parentPort.postMessage({ id: m.id, png });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.message || error) });
  }
});`;

/** Draws charts to PNG in one long-lived worker thread, one chart at a time in order. */
export class ChartRenderer {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();
  private readonly font = chartFont();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        vega: pathToFileURL(require.resolve('vega')).href,
        vegaLite: pathToFileURL(require.resolve('vega-lite')).href,
        resvg: require.resolve('@resvg/resvg-js'),
        font: this.font,
      },
    });
    worker.unref();
    worker.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const waiter = this.waiting.get(m.id);
      if (!waiter) return;
      this.waiting.delete(m.id);
      if (m.png) waiter.resolve(Buffer.from(m.png));
      else waiter.reject(new Error(`The chart could not be drawn: ${m.error ?? 'unknown error'}`));
    });
    const fail = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('The chart worker stopped.')));
    this.worker = worker;
    return worker;
  }

  /** Loads the chart libraries now, so that the first report does not wait for them. */
  warm(): void {
    this.png({ title: '', xTitle: '', yTitle: '', bars: [{ x: 'a', y: 1, text: '1' }] }).catch(() => undefined);
  }

  png(chart: ChartData): Promise<Buffer> {
    const id = this.next++;
    const worker = this.start();
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, spec: chartSpec(chart, this.font?.family ?? 'sans-serif') });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
