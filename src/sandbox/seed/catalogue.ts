import type { Severity } from '@shared/avara/contract'
import { pick, uidComponent, weighted, type Random } from './prng'

/** Realistic study descriptions by modality; `acute` ones are the usual stat reads. */
export const STUDY_CATALOGUE: ReadonlyArray<{ description: string; modality: string; acute?: boolean }> = [
  { description: 'CT Head without contrast', modality: 'CT', acute: true },
  { description: 'CTA Chest PE protocol', modality: 'CT', acute: true },
  { description: 'CTA Head and Neck stroke protocol', modality: 'CT', acute: true },
  { description: 'CT Abdomen/Pelvis with contrast', modality: 'CT', acute: true },
  { description: 'CT Cervical Spine without contrast', modality: 'CT', acute: true },
  { description: 'CT Chest without contrast', modality: 'CT' },
  { description: 'CT Chest/Abdomen/Pelvis with contrast', modality: 'CT' },
  { description: 'CT Renal Stone protocol', modality: 'CT' },
  { description: 'MRI Brain w/wo contrast', modality: 'MR' },
  { description: 'MRI Brain stroke protocol', modality: 'MR', acute: true },
  { description: 'MRI Lumbar Spine without contrast', modality: 'MR' },
  { description: 'MRI Cervical Spine without contrast', modality: 'MR' },
  { description: 'MRI Knee Right without contrast', modality: 'MR' },
  { description: 'MRA Head without contrast', modality: 'MR' },
  { description: 'MRI Abdomen MRCP', modality: 'MR' },
  { description: 'XR Chest 2 views', modality: 'DX' },
  { description: 'XR Chest portable', modality: 'DX', acute: true },
  { description: 'XR Wrist Left 3 views', modality: 'DX' },
  { description: 'XR Ankle Right 3 views', modality: 'DX' },
  { description: 'XR Hip Left 2 views', modality: 'DX' },
  { description: 'US Abdomen complete', modality: 'US' },
  { description: 'US Renal', modality: 'US' },
  { description: 'US Pelvis transvaginal', modality: 'US' },
  { description: 'US Venous Doppler Lower Extremity Left', modality: 'US', acute: true },
  { description: 'US Appendix', modality: 'US', acute: true },
  { description: 'NM Bone scan whole body', modality: 'NM' },
  { description: 'PET/CT Skull base to mid-thigh', modality: 'PT' },
  { description: 'Mammogram screening bilateral (3D)', modality: 'MG' },
  { description: 'Mammogram diagnostic Left', modality: 'MG' }
]

const DEPARTMENTS = ['Emergency', 'Inpatient', 'Outpatient', 'Urgent Care'] as const

/** Root used for generated UIDs (an example root; every component is a valid DICOM component). */
const UID_ROOT = '1.2.826.0.1.3680043.8.498'

export function studyUid(random: Random, serial: number): string {
  return `${UID_ROOT}.${serial + 1}.${uidComponent(random, 10)}.${uidComponent(random, 6)}`
}

export function severityFor(random: Random, acute: boolean, statShare: number): Severity {
  const stat = acute ? statShare * 2 : statShare / 3
  return weighted<Severity>(random, [['stat', stat], ['high', 0.25], ['normal', Math.max(0.05, 1 - stat - 0.25)]])
}

export function studyMetadata(random: Random, modality: string): Record<string, string> {
  return {
    accessionNumber: 'A' + uidComponent(random, 8),
    modality,
    department: pick(random, DEPARTMENTS)
  }
}
