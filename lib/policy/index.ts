// The policy engine's public API. Everything outside lib/policy imports from here.

export * from "./types";
export * from "./arn";
export { parsePolicy, readPolicy, type ParseResult } from "./parse";
export { validatePolicy, POLICY_CONTAINERS, type ValidateOptions, type PolicyContainer } from "./validate";
export { parseJson, type JsonDocument, type JsonParseResult, type JsonPathSegment, type SourcePosition } from "./json";
export { jsonSyntaxProblem, type JsonSyntaxProblem } from "./jsonSyntaxSentence";
export { compilePolicy, type CompiledPolicy } from "./compile";
export { evaluate, type EvaluationResult, type ExplainLevel } from "./evaluate";
export type { DecisionReason } from "./decide";
export { preparePolicySet, PreparedPolicySet, type PolicySet, type PolicyType } from "./candidates";
export type { DecidingExplanation, Explanation, StatementRef, StatementTrace, StatementElement } from "./explain";
export { POLICY_TYPE_NAMES } from "./explain";
export { evaluateCase, evaluateCases, type CaseResult, type CaseOptions, CasePolicyCache, type CaseWarning } from "./cases";
export { isTrustRequest, TRUST_ACTIONS } from "./trust";
export { rcpsGovern, RCP_SERVICES } from "./resourceControl";
export { parseOperator, CONDITION_OPERATOR_NAMES, type ParsedOperator } from "./conditionOperator";
export { conditionKeysOf, conditionKeysOfStatements } from "./conditionKeys";
export { statementSpans, type StatementSpan } from "./statementSpans";
export { POLICY_SIZE_QUOTAS } from "./validation/size";
