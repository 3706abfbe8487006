import { ERROR_CATALOG } from '@/domain/exercise/error-catalog';
import { ERROR_TYPES, type ErrorType } from '@/domain/scenario/scenario-schema';

/** The error catalog as choices for the editor: label and the one-line description learners see. */
export const ERROR_TYPE_OPTIONS: { value: ErrorType; label: string; description: string; category: string }[] = ERROR_TYPES.map((type) => ({
  value: type,
  label: ERROR_CATALOG[type].label,
  description: ERROR_CATALOG[type].description,
  category: ERROR_CATALOG[type].category,
}));

export function errorTypeLabel(type: string): string {
  return (ERROR_TYPES as readonly string[]).includes(type) ? ERROR_CATALOG[type as ErrorType].label : type;
}
