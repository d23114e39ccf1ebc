// The AWS managed policies every account can attach, with AWS's own names, descriptions and
// documents (as published in the AWS Managed Policy Reference). They belong to no account
// (accountId null, ARN arn:aws:iam::aws:policy/NAME) and cannot be edited. Portcullis ships each
// as version v1 of its current document.

import type { Tx } from "@/lib/db/client";
import { uniqueId } from "./ids";

export interface AwsManagedPolicy {
  readonly name: string;
  readonly description: string;
  readonly document: object;
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    name: "AdministratorAccess",
    description: "Provides full access to AWS services and resources.",
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  },
  {
    name: "IAMFullAccess",
    description: "Provides full access to IAM via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "iam:*",
            "organizations:DescribeAccount",
            "organizations:DescribeOrganization",
            "organizations:DescribeOrganizationalUnit",
            "organizations:DescribePolicy",
            "organizations:ListChildren",
            "organizations:ListParents",
            "organizations:ListPoliciesForTarget",
            "organizations:ListRoots",
            "organizations:ListPolicies",
            "organizations:ListTargetsForPolicy",
          ],
          Resource: "*",
        },
      ],
    },
  },
  {
    name: "IAMReadOnlyAccess",
    description: "Provides read only access to IAM via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "iam:GenerateCredentialReport",
            "iam:GenerateServiceLastAccessedDetails",
            "iam:Get*",
            "iam:List*",
            "iam:SimulateCustomPolicy",
            "iam:SimulatePrincipalPolicy",
          ],
          Resource: "*",
        },
      ],
    },
  },
  {
    name: "IAMUserChangePassword",
    description: "Provides the ability for an IAM user to change their own password.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:ChangePassword"],
          Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
        },
        { Effect: "Allow", Action: ["iam:GetAccountPasswordPolicy"], Resource: "*" },
      ],
    },
  },
];

export const awsManagedPolicyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

const DEFAULT_VERSION_ID = "v1";

/**
 * Creates the AWS managed policies that are missing and brings existing ones up to date with the
 * documents above. Safe to run on every start and from several instances: it only writes what differs.
 */
export async function ensureAwsManagedPolicies(db: Tx): Promise<void> {
  for (const policy of AWS_MANAGED_POLICIES) {
    const arn = awsManagedPolicyArn(policy.name);
    const document = JSON.stringify(policy.document, null, 2);
    const existing = await db.managedPolicy.findUnique({ where: { arn }, include: { versions: { where: { versionId: DEFAULT_VERSION_ID } } } });
    if (!existing) {
      await db.managedPolicy.create({
        data: {
          id: uniqueId("ANPA"),
          accountId: null,
          name: policy.name,
          nameLower: policy.name.toLowerCase(),
          path: "/",
          arn,
          description: policy.description,
          isAwsManaged: true,
          defaultVersionId: DEFAULT_VERSION_ID,
          versions: { create: { versionId: DEFAULT_VERSION_ID, document, isDefault: true } },
        },
      });
      continue;
    }
    if (existing.description !== policy.description) {
      await db.managedPolicy.update({ where: { id: existing.id }, data: { description: policy.description } });
    }
    const version = existing.versions[0];
    if (!version) {
      await db.policyVersion.create({ data: { policyId: existing.id, versionId: DEFAULT_VERSION_ID, document, isDefault: true } });
    } else if (version.document !== document) {
      // A new row, not an update in place: compiled policies are cached by version row (policySet.ts).
      await db.policyVersion.delete({ where: { id: version.id } });
      await db.policyVersion.create({ data: { policyId: existing.id, versionId: DEFAULT_VERSION_ID, document, isDefault: true } });
    }
  }
}
