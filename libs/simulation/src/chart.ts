import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One subject's PASI at baseline and at the assessment after treatment. */
export interface PasiResponse {
  subjectId: string;
  baseline: number;
  current: number;
  improvementPercent: number;
  pasi75: boolean;
}

/** The response chart as a Vega-Lite spec: per subject, a line from baseline PASI to PASI after treatment, ordered by improvement. */
export function responseChartSpec(responses: PasiResponse[], title: string): TopLevelSpec {
  const values = responses.map((r) => ({ ...r, outcome: r.pasi75 ? 'PASI75 reached' : 'PASI75 not reached' }));
  const x = { field: 'subjectId', type: 'nominal' as const, title: 'subject (by improvement)', sort: { field: 'improvementPercent', order: 'descending' as const }, axis: { labelAngle: -60 } };
  const color = { field: 'outcome', type: 'nominal' as const, title: null, scale: { domain: ['PASI75 reached', 'PASI75 not reached'], range: ['#1b9e77', '#d95f02'] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: Math.max(300, responses.length * 18),
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: { field: 'baseline', type: 'quantitative', title: 'PASI' }, y2: { field: 'current' }, color } },
      { mark: { type: 'point', filled: true, color: '#777777', size: 50 }, encoding: { x, y: { field: 'baseline', type: 'quantitative' }, tooltip: [{ field: 'baseline' }] } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { x, y: { field: 'current', type: 'quantitative' }, color } },
    ],
  };
}

/** Renders a Vega-Lite spec to SVG without a browser. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
