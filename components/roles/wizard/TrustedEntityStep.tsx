"use client";

import { Checkbox } from "@/components/forms/Checkbox";
import { RadioGroup } from "@/components/forms/RadioGroup";
import { TextField } from "@/components/forms/TextField";
import { PolicyDocumentView } from "@/components/policies/PolicyDocumentView";
import { PolicyEditor } from "@/components/policyEditor/PolicyEditor";
import type { StepErrors } from "@/components/users/wizard/draft";
import { COMMON_SERVICES, EXTERNAL_ID_LENGTH, OTHER_SERVICE } from "@/lib/iam/roles/trustPolicyBuilder";
import { draftTrustPolicy, type CreateRoleDraft, type TrustedEntityType } from "./draft";

// The console's words for each trusted entity type, so a person who knows AWS finds them here.
const ENTITY_TYPES = [
  { value: "account", label: "AWS account", description: "Allow entities in this account or another AWS account to assume this role." },
  { value: "service", label: "AWS service", description: "Allow an AWS service such as EC2 or Lambda to perform actions in this account." },
  { value: "custom", label: "Custom trust policy", description: "Write a trust policy to let others perform actions in this account." },
] as const satisfies readonly { value: TrustedEntityType; label: string; description: string }[];

export function TrustedEntityStep({
  draft,
  errors,
  update,
  accountId,
  onCustomHasErrorsChange,
}: {
  draft: CreateRoleDraft;
  errors: StepErrors;
  update: (change: Partial<CreateRoleDraft>) => void;
  /** The account that will own the role: "This account" trusts it. */
  accountId: string;
  onCustomHasErrorsChange: (hasErrors: boolean) => void;
}) {
  const chooseType = (entityType: TrustedEntityType) =>
    // A custom policy starts from the one the previous choice wrote, so the person edits a valid
    // policy instead of starting from nothing; once written, it is kept as it is.
    update(entityType === "custom" && draft.customDocument === "" ? { entityType, customDocument: draftTrustPolicy(draft, accountId) } : { entityType });
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        A role&apos;s trust policy says who may assume it. Whoever assumes the role gets temporary credentials with the role&apos;s permissions, not their own.
      </p>
      <RadioGroup legend="Trusted entity type" name="entityType" options={ENTITY_TYPES} value={draft.entityType} onChange={chooseType} layout="cards" testId="trusted-entity-type" />
      {draft.entityType === "account" && <AccountChoice draft={draft} errors={errors} update={update} accountId={accountId} />}
      {draft.entityType === "service" && <ServiceChoice draft={draft} errors={errors} update={update} />}
      {draft.entityType === "custom" ? (
        <section aria-labelledby="custom-trust-title" className="flex flex-col gap-2">
          <h3 id="custom-trust-title" className="text-sm font-semibold text-slate-900">
            Custom trust policy
          </h3>
          <p className="text-sm text-slate-700">
            Name who may assume the role in each statement&apos;s Principal. A trust policy has no Resource: it applies to the role itself. Findings update as you type.
          </p>
          <PolicyEditor
            value={draft.customDocument}
            onChange={(customDocument) => update({ customDocument })}
            kind="trust"
            container="trust"
            label="Trust policy"
            initialTab="json"
            onHasErrorsChange={onCustomHasErrorsChange}
          />
          {errors.customDocument && <p className="text-sm font-medium text-red-700">{errors.customDocument}</p>}
        </section>
      ) : (
        <section aria-labelledby="generated-trust-title" className="flex flex-col gap-2" data-testid="generated-trust-policy">
          <h3 id="generated-trust-title" className="text-sm font-semibold text-slate-900">
            Trust policy this choice writes
          </h3>
          <p className="text-xs text-slate-600">Read-only: change the choices above, or choose Custom trust policy to edit it.</p>
          <PolicyDocumentView document={draftTrustPolicy(draft, accountId)} label="Generated trust policy" />
        </section>
      )}
    </div>
  );
}

function AccountChoice({ draft, errors, update, accountId }: { draft: CreateRoleDraft; errors: StepErrors; update: (change: Partial<CreateRoleDraft>) => void; accountId: string }) {
  return (
    <section aria-label="AWS account" className="flex flex-col gap-4">
      <RadioGroup
        legend="An AWS account"
        name="account"
        options={[
          { value: "this", label: `This account (${accountId})`, description: "Users and roles of this account whose own policies allow sts:AssumeRole on the role." },
          { value: "other", label: "Another AWS account", description: "Users and roles of that account whose policies there allow it." },
        ]}
        value={draft.account}
        onChange={(account) => update({ account })}
        testId="trusted-account"
      />
      {draft.account === "other" && (
        <div className="ml-6 max-w-sm">
          <TextField
            label="Account ID"
            value={draft.otherAccountId}
            onChange={(event) => update({ otherAccountId: event.target.value })}
            description="The 12-digit ID of the account that may use this role."
            error={errors.otherAccountId}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            testId="other-account-id"
          />
        </div>
      )}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium text-slate-800">Options</legend>
        <Checkbox
          label="Require external ID (Best practice when a third party will assume this role)"
          checked={draft.requireExternalId}
          onChange={(event) => update({ requireExternalId: event.target.checked })}
          testId="require-external-id"
        />
        {draft.requireExternalId && (
          <div className="ml-6 flex max-w-xl flex-col gap-2">
            <TextField
              label="External ID"
              value={draft.externalId}
              onChange={(event) => update({ externalId: event.target.value })}
              description={`${EXTERNAL_ID_LENGTH.min}–${EXTERNAL_ID_LENGTH.max.toLocaleString("en-US")} characters: letters, digits and _ + = , . @ : / -`}
              error={errors.externalId}
              autoComplete="off"
              maxLength={EXTERNAL_ID_LENGTH.max}
              testId="external-id"
            />
            <p className="text-xs text-slate-600">
              An external ID protects you from the &ldquo;confused deputy&rdquo;: a third party that acts for several customers must pass the ID you agreed with it, so
              another of its customers cannot make it use your role. Use it when you do not own or administer the account that will assume the role. Switching roles
              in the console cannot send an external ID: such a role is assumed through the API or CLI.
            </p>
          </div>
        )}
        <Checkbox
          label="Require MFA"
          description="The role can be assumed only by a session that signed in with multi-factor authentication (aws:MultiFactorAuthPresent)."
          checked={draft.requireMfa}
          onChange={(event) => update({ requireMfa: event.target.checked })}
          testId="require-mfa"
        />
      </fieldset>
    </section>
  );
}

function ServiceChoice({ draft, errors, update }: { draft: CreateRoleDraft; errors: StepErrors; update: (change: Partial<CreateRoleDraft>) => void }) {
  return (
    <section aria-label="AWS service" className="flex flex-col gap-3">
      <RadioGroup
        legend="Use case: the service that will assume the role"
        name="service"
        options={[
          ...COMMON_SERVICES.map((service) => ({ value: service.principal, label: service.label, description: `${service.principal}: ${service.description}` })),
          { value: OTHER_SERVICE, label: "Another service", description: "Enter its service principal." },
        ]}
        value={draft.service}
        onChange={(service) => update({ service })}
        testId="trusted-service"
      />
      {draft.service === OTHER_SERVICE && (
        <div className="ml-6 max-w-sm">
          <TextField
            label="Service principal"
            value={draft.otherService}
            onChange={(event) => update({ otherService: event.target.value })}
            description="As the service documents it, for example sagemaker.amazonaws.com."
            error={errors.service}
            autoComplete="off"
            testId="other-service"
          />
        </div>
      )}
      <p className="text-xs text-slate-600">Portcullis runs no AWS services: the role is kept exactly as AWS would, for the trust policy to teach and to export.</p>
    </section>
  );
}
