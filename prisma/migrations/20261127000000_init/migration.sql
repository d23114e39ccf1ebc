-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "alias" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RootUser" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passwordLastUsed" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RootUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "permissionsBoundaryArn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passwordLastUsed" DATETIME,
    CONSTRAINT "User_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "passwordHash" TEXT NOT NULL,
    "passwordResetRequired" BOOLEAN NOT NULL DEFAULT false,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoginProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Group_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "groupId"),
    CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Role" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "trustPolicy" TEXT NOT NULL,
    "maxSessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "permissionsBoundaryArn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Role_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ManagedPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isAwsManaged" BOOLEAN NOT NULL DEFAULT false,
    "defaultVersionId" TEXT NOT NULL,
    "nextVersionNumber" INTEGER NOT NULL DEFAULT 2,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ManagedPolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ManagedPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserPolicyAttachment" (
    "userId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "attachedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "policyId"),
    CONSTRAINT "UserPolicyAttachment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UserPolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ManagedPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupPolicyAttachment" (
    "groupId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "attachedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "policyId"),
    CONSTRAINT "GroupPolicyAttachment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupPolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ManagedPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolePolicyAttachment" (
    "roleId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "attachedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roleId", "policyId"),
    CONSTRAINT "RolePolicyAttachment_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RolePolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ManagedPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InlinePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "userId" TEXT,
    "groupId" TEXT,
    "roleId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InlinePolicy_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InlinePolicy_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InlinePolicy_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "keyLower" TEXT NOT NULL,
    "value" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "roleId" TEXT,
    "policyId" TEXT,
    CONSTRAINT "Tag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tag_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tag_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ManagedPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MfaDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "userId" TEXT,
    "rootAccountId" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "enabledAt" DATETIME,
    "lastUsedTimeStep" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MfaDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MfaDevice_rootAccountId_fkey" FOREIGN KEY ("rootAccountId") REFERENCES "RootUser" ("accountId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT,
    "rootAccountId" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "lastUsedService" TEXT,
    CONSTRAINT "AccessKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessKey_rootAccountId_fkey" FOREIGN KEY ("rootAccountId") REFERENCES "RootUser" ("accountId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordPolicy" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "minimumPasswordLength" INTEGER NOT NULL DEFAULT 8,
    "requireSymbols" BOOLEAN NOT NULL DEFAULT false,
    "requireNumbers" BOOLEAN NOT NULL DEFAULT false,
    "requireUppercaseCharacters" BOOLEAN NOT NULL DEFAULT false,
    "requireLowercaseCharacters" BOOLEAN NOT NULL DEFAULT false,
    "allowUsersToChangePassword" BOOLEAN NOT NULL DEFAULT true,
    "maxPasswordAge" INTEGER,
    "passwordReusePrevention" INTEGER,
    "hardExpiry" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PasswordPolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "time" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "principalArn" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "sourceIp" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_alias_key" ON "Account"("alias");

-- CreateIndex
CREATE UNIQUE INDEX "RootUser_email_key" ON "RootUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_arn_key" ON "User"("arn");

-- CreateIndex
CREATE INDEX "User_accountId_path_idx" ON "User"("accountId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "User_accountId_nameLower_key" ON "User"("accountId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "Group_arn_key" ON "Group"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Group_accountId_nameLower_key" ON "Group"("accountId", "nameLower");

-- CreateIndex
CREATE INDEX "GroupMembership_groupId_idx" ON "GroupMembership"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Role_arn_key" ON "Role"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Role_accountId_nameLower_key" ON "Role"("accountId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "ManagedPolicy_arn_key" ON "ManagedPolicy"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "ManagedPolicy_accountId_nameLower_key" ON "ManagedPolicy"("accountId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_policyId_versionId_key" ON "PolicyVersion"("policyId", "versionId");

-- CreateIndex
CREATE INDEX "UserPolicyAttachment_policyId_idx" ON "UserPolicyAttachment"("policyId");

-- CreateIndex
CREATE INDEX "GroupPolicyAttachment_policyId_idx" ON "GroupPolicyAttachment"("policyId");

-- CreateIndex
CREATE INDEX "RolePolicyAttachment_policyId_idx" ON "RolePolicyAttachment"("policyId");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_userId_nameLower_key" ON "InlinePolicy"("userId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_groupId_nameLower_key" ON "InlinePolicy"("groupId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_roleId_nameLower_key" ON "InlinePolicy"("roleId", "nameLower");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_userId_keyLower_key" ON "Tag"("userId", "keyLower");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_roleId_keyLower_key" ON "Tag"("roleId", "keyLower");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_policyId_keyLower_key" ON "Tag"("policyId", "keyLower");

-- CreateIndex
CREATE UNIQUE INDEX "MfaDevice_serialNumber_key" ON "MfaDevice"("serialNumber");

-- CreateIndex
CREATE INDEX "MfaDevice_userId_idx" ON "MfaDevice"("userId");

-- CreateIndex
CREATE INDEX "MfaDevice_rootAccountId_idx" ON "MfaDevice"("rootAccountId");

-- CreateIndex
CREATE INDEX "AccessKey_userId_idx" ON "AccessKey"("userId");

-- CreateIndex
CREATE INDEX "AccessKey_rootAccountId_idx" ON "AccessKey"("rootAccountId");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_time_idx" ON "AuditEvent"("accountId", "time");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_principalArn_idx" ON "AuditEvent"("accountId", "principalArn");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_action_idx" ON "AuditEvent"("accountId", "action");

