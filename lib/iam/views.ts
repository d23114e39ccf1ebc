// The shapes operations return, named and cased as AWS IAM's API returns them (UserName, Arn, …).
// Mappers from database rows; pages render these and never see a row.

import type { Tag } from "./validation";

export type { Tag };

export interface UserView {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
  PermissionsBoundaryArn?: string;
  Tags?: Tag[];
}

export interface GroupView {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
}

export interface PolicyView {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  IsAttachable: true;
  CreateDate: Date;
  UpdateDate: Date;
  IsAwsManaged: boolean;
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

interface UserRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  passwordLastUsed: Date | null;
  permissionsBoundaryArn: string | null;
  tags?: { key: string; value: string }[];
}

export function toTags(rows: { key: string; value: string }[]): Tag[] {
  return rows.map((t) => ({ Key: t.key, Value: t.value }));
}

export function toUserView(row: UserRow): UserView {
  const view: UserView = { UserName: row.name, UserId: row.id, Arn: row.arn, Path: row.path, CreateDate: row.createdAt };
  if (row.passwordLastUsed) view.PasswordLastUsed = row.passwordLastUsed;
  if (row.permissionsBoundaryArn) view.PermissionsBoundaryArn = row.permissionsBoundaryArn;
  if (row.tags) view.Tags = toTags(row.tags);
  return view;
}

export function toGroupView(row: { id: string; name: string; path: string; arn: string; createdAt: Date }): GroupView {
  return { GroupName: row.name, GroupId: row.id, Arn: row.arn, Path: row.path, CreateDate: row.createdAt };
}

interface PolicyRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  description: string;
  defaultVersionId: string;
  isAwsManaged: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toPolicyView(row: PolicyRow, attachmentCount: number): PolicyView {
  return {
    PolicyName: row.name,
    PolicyId: row.id,
    Arn: row.arn,
    Path: row.path,
    Description: row.description,
    DefaultVersionId: row.defaultVersionId,
    AttachmentCount: attachmentCount,
    IsAttachable: true,
    CreateDate: row.createdAt,
    UpdateDate: row.updatedAt,
    IsAwsManaged: row.isAwsManaged,
  };
}

export function toAttachedPolicy(row: { name: string; arn: string }): AttachedPolicy {
  return { PolicyName: row.name, PolicyArn: row.arn };
}
