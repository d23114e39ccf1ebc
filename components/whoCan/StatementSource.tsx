import Link from "next/link";
import type { StatementView } from "@/lib/iam/policies/accessVerdict";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { groupHref } from "@/components/groups/groupHref";
import { inlinePolicyHref } from "@/components/policies/inlinePolicyHref";
import { policyHref } from "@/components/policies/policyHref";

export interface StatementOwner {
  readonly kind: "user" | "group" | "role";
  readonly name: string;
}

function policyLink(statement: StatementView, owner: StatementOwner): string {
  if (statement.PolicyArn) return policyHref(statement.PolicyArn);
  // An inline policy of a user's group lives on the group's page.
  return statement.ViaGroup ? inlinePolicyHref("group", statement.ViaGroup, statement.PolicyName) : inlinePolicyHref(owner.kind, owner.name, statement.PolicyName);
}

function path(statement: StatementView, owner: StatementOwner): React.ReactNode {
  if (statement.PolicyType === "boundary") return "permissions boundary";
  const kind = statement.PolicyKind === "inline" ? "inline policy" : statement.PolicyKind === "aws-managed" ? "AWS managed policy" : "customer managed policy";
  if (!statement.ViaGroup || (owner.kind === "group" && owner.name === statement.ViaGroup)) return `own ${kind}`;
  return (
    <>
      {kind} via group{" "}
      <Link href={groupHref(statement.ViaGroup, "permissions")} className={`${buttonStyles.link} underline`}>
        {statement.ViaGroup}
      </Link>
    </>
  );
}

/** "Statement DenyDeleteUser of NoUserDeletion (own inline policy)": which statement decided, and how it reaches the principal. */
export function StatementSource({ statement, owner }: { statement: StatementView; owner: StatementOwner }) {
  return (
    <span className="wrap-anywhere" data-testid="deciding-statement">
      {/* A statement without a Sid is known by its place in the policy, counted from 1 as people count. */}
      {statement.Statement.startsWith("#") ? `Statement ${statement.Index + 1}` : <>Statement <code className="font-mono text-xs">{statement.Statement}</code></>} of{" "}
      <Link href={policyLink(statement, owner)} className={`${buttonStyles.link} font-medium`}>
        {statement.PolicyName}
      </Link>{" "}
      <span className="text-slate-600">({path(statement, owner)})</span>
    </span>
  );
}
