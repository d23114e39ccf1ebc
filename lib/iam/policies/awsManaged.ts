// The AWS managed policies every account can attach, with AWS's own names, descriptions and
// documents (as published in the AWS Managed Policy Reference). They belong to no account
// (accountId null, ARN arn:aws:iam::aws:policy/NAME) and cannot be edited. Portcullis ships each
// as version v1 of its current document.

import type { Tx } from "@/lib/db/client";
import { uniqueId } from "../core/ids";

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
    // AWS's ReadOnlyAccess grants the read actions of every service; Portcullis ships the statement
    // for the services it answers (IAM, STS and CloudTrail), with AWS's own action patterns for them.
    name: "ReadOnlyAccess",
    description: "Provides read-only access to AWS services and resources.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadOnlyActions",
          Effect: "Allow",
          Action: ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents", "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*", "sts:GetCallerIdentity"],
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

/**
 * Not an AWS managed policy but AWS's documented one, shipped as a built-in: the IAM User Guide example
 * "AWS: Allows MFA-authenticated IAM users to manage their own credentials on the Security credentials
 * page" (the current version, where a device may have any name). Its DenyAllExceptListedIfNoMFA
 * statement also lists iam:ChangePassword and iam:GetAccountPasswordPolicy, the addition that example's
 * note documents, so that a new employee can still set their own password before enrolling MFA. It
 * also lists iam:GetCallerPermissions, Portcullis's question "what may I do here?", which acts on
 * nothing: without it the console could not tell such an employee which buttons wait for MFA.
 */
export const FORCE_MFA_POLICY_NAME = "ForceMFA-ManageOwnCredentials";

const OWN_USER = "arn:aws:iam::*:user/${aws:username}";

const FORCE_MFA_POLICY: AwsManagedPolicy = {
  name: FORCE_MFA_POLICY_NAME,
  description:
    "Portcullis built-in (AWS IAM User Guide example): lets IAM users manage their own password, access keys and MFA devices, and denies everything else until they sign in with MFA.",
  document: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowViewAccountInfo",
        Effect: "Allow",
        Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
        Resource: "*",
      },
      { Sid: "AllowManageOwnPasswords", Effect: "Allow", Action: ["iam:ChangePassword", "iam:GetUser"], Resource: OWN_USER },
      {
        Sid: "AllowManageOwnAccessKeys",
        Effect: "Allow",
        Action: ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey", "iam:GetAccessKeyLastUsed"],
        Resource: OWN_USER,
      },
      {
        Sid: "AllowManageOwnSigningCertificates",
        Effect: "Allow",
        Action: ["iam:DeleteSigningCertificate", "iam:ListSigningCertificates", "iam:UpdateSigningCertificate", "iam:UploadSigningCertificate"],
        Resource: OWN_USER,
      },
      {
        Sid: "AllowManageOwnSSHPublicKeys",
        Effect: "Allow",
        Action: ["iam:DeleteSSHPublicKey", "iam:GetSSHPublicKey", "iam:ListSSHPublicKeys", "iam:UpdateSSHPublicKey", "iam:UploadSSHPublicKey"],
        Resource: OWN_USER,
      },
      {
        Sid: "AllowManageOwnGitCredentials",
        Effect: "Allow",
        Action: [
          "iam:CreateServiceSpecificCredential",
          "iam:DeleteServiceSpecificCredential",
          "iam:ListServiceSpecificCredentials",
          "iam:ResetServiceSpecificCredential",
          "iam:UpdateServiceSpecificCredential",
        ],
        Resource: OWN_USER,
      },
      { Sid: "AllowManageOwnVirtualMFADevice", Effect: "Allow", Action: ["iam:CreateVirtualMFADevice"], Resource: "arn:aws:iam::*:mfa/*" },
      {
        Sid: "AllowManageOwnUserMFA",
        Effect: "Allow",
        Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
        Resource: OWN_USER,
      },
      {
        Sid: "DenyAllExceptListedIfNoMFA",
        Effect: "Deny",
        NotAction: [
          "iam:CreateVirtualMFADevice",
          "iam:EnableMFADevice",
          "iam:GetUser",
          "iam:GetMFADevice",
          "iam:ListMFADevices",
          "iam:ListVirtualMFADevices",
          "iam:ResyncMFADevice",
          "sts:GetSessionToken",
          "iam:ChangePassword",
          "iam:GetAccountPasswordPolicy",
          "iam:GetCallerPermissions",
        ],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      },
    ],
  },
};

export const BUILT_IN_POLICIES: readonly AwsManagedPolicy[] = [...AWS_MANAGED_POLICIES, FORCE_MFA_POLICY];

export const awsManagedPolicyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

const DEFAULT_VERSION_ID = "v1";

/**
 * Creates the AWS managed policies that are missing and brings existing ones up to date with the
 * documents above. Safe to run on every start and from several instances: it only writes what differs.
 */
export async function ensureAwsManagedPolicies(db: Tx): Promise<void> {
  for (const policy of BUILT_IN_POLICIES) {
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
