import { downloadText } from '../composables/downloadJson.ts';
import type { DiagnosisRecord } from './format.ts';
import { exchangeFileName, exportFile } from './exchange.ts';

/** Saves diagnoses as a `.aimm.json` file: one (named after its company) or the whole workspace. */
export function downloadDiagnoses(records: DiagnosisRecord[], kind: 'aimm-diagnosis' | 'aimm-workspace', label: string): void {
  downloadText(`${JSON.stringify(exportFile(records, kind), null, 2)}\n`, exchangeFileName(label), 'application/json');
}

export function downloadWorkspace(records: DiagnosisRecord[]): void {
  downloadDiagnoses(records, 'aimm-workspace', 'workspace');
}
