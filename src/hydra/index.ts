/**
 * Hydra YAML → SageMaker container arguments that Hydra parses back exactly.
 * See /work/shared/reference/hydra-grammar.md for the rules this follows.
 */
export { loadHydraConfig, type HydraConfig } from './yaml-load.js'
export {
  parseOverride,
  parseValue,
  OverrideSyntaxError,
  KNOWN_FUNCTIONS,
  type ParsedOverride,
  type ParsedElement,
  type FunctionCall,
  type OverrideType,
  type ValueType
} from './override-parser.js'
export {
  planContainerArguments,
  SAGEMAKER_MAX_ARGS,
  SAGEMAKER_MAX_ARG_LENGTH,
  type ContainerArgumentsPlan,
  type PlanInput
} from './plan.js'
export { encodeValue, encodeString, quoteString, encodeDictKey, InexpressibleError } from './encode.js'
export { flattenConfig, renderUnit, units, type Flattened } from './flatten.js'
export { packOverrides, type PackResult } from './pack.js'
export { applyOverrides, mergeValues } from './apply.js'
export { formatArgumentsSummary } from './summary.js'
export * from './value.js'
