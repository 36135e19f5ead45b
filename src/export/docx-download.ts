/**
 * The browser's side of the Word report: the radar drawn off screen at print resolution, the consultant's logo read
 * from its data URL, the document built and saved. Loaded (with the `docx` library) only when the user asks.
 */
import { downloadBlob } from '../composables/downloadJson.ts';
import { createReportText } from '../composables/reportText.ts';
import { radarColors, radarConfig } from '../components/report/radar.ts';
import { radarData } from '../components/report/sections.ts';
import { buildReportDocument, reportFileName, type ImageInput, type ReportDocumentInput } from './docx.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The radar's size on the page in CSS pixels, and how many device pixels each gets (sharp on paper). */
const RADAR_SIZE = 440;
const RADAR_RATIO = 4;

export type DownloadReportInput = Omit<ReportDocumentInput, 'radar' | 'branding'> & {
  branding: { name: string; organization: string; logoDataUrl: string };
};

function dataUrlBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The logo as the document embeds it, with its size; null when there is none or it does not decode. */
async function logoImage(dataUrl: string): Promise<ImageInput | null> {
  const type = /^data:image\/(png|jpeg);base64,/.exec(dataUrl)?.[1];
  if (!type) return null;
  const data = dataUrlBytes(dataUrl);
  try {
    const bitmap = await createImageBitmap(new Blob([data as BlobPart], { type: `image/${type}` }));
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size.width > 0 && size.height > 0 ? { data, type: type === 'png' ? 'png' : 'jpg', ...size } : null;
  } catch {
    return null;
  }
}

/** The radar drawn with the screen's chart configuration on a canvas of its own, on white, as PNG bytes. */
async function radarImage(input: DownloadReportInput): Promise<ImageInput | null> {
  const canvas = document.createElement('canvas');
  canvas.width = RADAR_SIZE;
  canvas.height = RADAR_SIZE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const { Chart, RadarController, RadialLinearScale, PointElement, LineElement, Filler, Legend } = await import('chart.js');
  Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Legend);
  const rt = createReportText({
    t: input.t,
    lang: () => input.lang,
    context: () => ({ knowledge: input.knowledge, questionnaire: input.questionnaire, profile: input.profile, answers: input.answers, company: input.company, readOnly: true }),
  });
  const data = radarData(rt, input.diagnosis, input.knowledge.rules);
  const config = radarConfig({
    ...data,
    num: rt.num,
    colors: radarColors((name) => getComputedStyle(document.documentElement).getPropertyValue(name)),
    devicePixelRatio: RADAR_RATIO,
    responsive: false,
  });
  config.options = { ...config.options, plugins: { ...config.options?.plugins, tooltip: { enabled: false } } };
  config.plugins = [{
    id: 'paper',
    beforeDraw: (chart) => {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  }];
  const chart = new Chart(context, config);
  try {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return null;
    return { data: new Uint8Array(await blob.arrayBuffer()), type: 'png', width: canvas.width, height: canvas.height };
  } finally {
    chart.destroy();
  }
}

/** Builds the report as a .docx and saves it as `aimm-<company>-<date>.docx`. */
export async function downloadReportDocument(input: DownloadReportInput): Promise<void> {
  // A chart that cannot be drawn (no canvas) leaves its description in words.
  const [logo, radar] = await Promise.all([
    logoImage(input.branding.logoDataUrl),
    radarImage(input).catch(() => null),
  ]);
  const bytes = await buildReportDocument({
    ...input,
    branding: { name: input.branding.name, organization: input.branding.organization, logo },
    radar,
  });
  downloadBlob(new Blob([bytes as BlobPart], { type: DOCX_TYPE }), reportFileName(input.company, input.answeredOn));
}
