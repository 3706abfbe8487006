import { ERROR_CATALOG, type ErrorTypeInfo } from '@/domain/exercise/error-catalog';
import type { ErrorCategory } from '@/domain/exercise/errors/planting';
import { ERROR_TYPES, type ErrorType } from '@/domain/scenario/scenario-schema';

/** The catalog's categories in the order an audit worksheet groups them, with their headings. */
const CATEGORIES: { category: ErrorCategory; label: string }[] = [
  { category: 'data-quality', label: 'Data quality: lists and values' },
  { category: 'integrity', label: 'Record integrity: identity' },
  { category: 'deficiency', label: 'Documentation deficiencies' },
  { category: 'coding', label: 'Coding' },
];

export interface ErrorTypeGroup {
  category: ErrorCategory;
  label: string;
  types: ErrorTypeInfo[];
}

/**
 * Every error type of the catalog, grouped by category. The learner chooses from all of them,
 * not only the scenario's, so the list does not give away what was planted.
 */
export const ERROR_TYPE_GROUPS: ErrorTypeGroup[] = CATEGORIES.map(({ category, label }) => ({
  category,
  label,
  types: ERROR_TYPES.map((type) => ERROR_CATALOG[type]).filter((info) => info.category === category),
})).filter((group) => group.types.length > 0);

export function errorTypeInfo(type: string): ErrorTypeInfo | undefined {
  return (ERROR_TYPES as readonly string[]).includes(type) ? ERROR_CATALOG[type as ErrorType] : undefined;
}

/** The label of an error type; the raw value for one the catalog does not know (an old answer). */
export function errorTypeLabel(type: string): string {
  return errorTypeInfo(type)?.label ?? type;
}
