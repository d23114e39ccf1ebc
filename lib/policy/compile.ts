// Compiling a policy document once into statements ready to match. A compiled policy is immutable
// and holds no request state, so callers cache it per policy version and share it freely.

import { compileStatement, type CompiledStatement } from "./statement";
import { POLICY_VERSION_2012, type PolicyDocument } from "./types";

export interface CompiledPolicy {
  /** How explanations name the policy: a managed policy's name or ARN, an inline policy's name. */
  readonly name: string;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
  /** Policy variables are substituted only when the document's Version is 2012-10-17. */
  readonly variables: boolean;
}

export function compilePolicy(document: PolicyDocument, name: string): CompiledPolicy {
  const variables = document.Version === POLICY_VERSION_2012;
  return {
    name,
    document,
    variables,
    statements: document.Statement.map((s, i) => compileStatement(s, i, variables)),
  };
}
