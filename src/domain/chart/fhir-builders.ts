import type { CodeableConcept, Coding, Quantity, Reference } from '@medplum/fhirtypes';
import { SYSTEMS, type Coded, type Interval } from '@/domain/codes/code-types';

export const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export function coding(system: keyof typeof SYSTEMS, coded: Coded): Coding {
  return { system: SYSTEMS[system], code: coded.code, display: coded.display };
}

export function concept(system: keyof typeof SYSTEMS, coded: Coded, text?: string): CodeableConcept {
  return { coding: [coding(system, coded)], text: text ?? coded.display };
}

export function ref(resourceType: string, id: string, display?: string): Ref {
  return display ? { reference: `${resourceType}/${id}`, display } : { reference: `${resourceType}/${id}` };
}

export function quantity(value: number, ucum: string, unitDisplay?: string): Quantity {
  return { value, unit: unitDisplay ?? ucum, system: SYSTEMS.ucum, code: ucum };
}

export type Flag = 'N' | 'H' | 'L' | 'HH' | 'LL';

const FLAG_DISPLAY: Record<Flag, string> = {
  N: 'Normal',
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
};

/** H/L/N against the reference interval, HH/LL past the critical limits. */
export function flagFor(value: number, reference: Interval, critical?: Interval): Flag {
  if (critical?.high !== undefined && value >= critical.high) return 'HH';
  if (critical?.low !== undefined && value <= critical.low) return 'LL';
  if (reference.high !== undefined && value > reference.high) return 'H';
  if (reference.low !== undefined && value < reference.low) return 'L';
  return 'N';
}

export function interpretation(flag: Flag): CodeableConcept[] {
  return [{ coding: [{ system: INTERPRETATION_SYSTEM, code: flag, display: FLAG_DISPLAY[flag] }], text: FLAG_DISPLAY[flag] }];
}

export function categoryConcept(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }] };
}

/** `ResourceType/id` → id. */
export function refId(reference: Reference | undefined): string | undefined {
  return reference?.reference?.split('/')[1];
}

/**
 * A reference whose target type is left open. medplum types `Reference<T>` only through the
 * optional `resource?: T`, so `Reference<never>` fits every reference element.
 */
export type Ref = Reference<never>;
