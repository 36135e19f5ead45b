import { downloadText } from '../composables/downloadJson.ts';
import type { DiagnosisRecord } from './format.ts';
import { exchangeFileName, exportFile } from './exchange.ts';

/** The text of a `.aimm.json` file (also shown to copy where a frame blocks the download). */
export function diagnosesText(records: DiagnosisRecord[], kind: 'aimm-diagnosis' | 'aimm-workspace'): string {
  return `${JSON.stringify(exportFile(records, kind), null, 2)}\n`;
}

/** Saves diagnoses as a `.aimm.json` file: one (named after its company) or the whole workspace. */
export function downloadDiagnoses(records: DiagnosisRecord[], kind: 'aimm-diagnosis' | 'aimm-workspace', label: string): void {
  downloadText(diagnosesText(records, kind), exchangeFileName(label), 'application/json');
}

export function downloadWorkspace(records: DiagnosisRecord[]): void {
  downloadDiagnoses(records, 'aimm-workspace', 'workspace');
}
