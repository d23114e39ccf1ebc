// The training accounts' people, groups and roles. The passwords and the external ID are public on
// purpose (README.md lists them): these accounts exist to be shown on a projector, never to hold
// anything real.

export const DEMO = {
  accountName: "Example Corp",
  alias: "example-corp",
  root: { email: "root@example.com", password: "Root-Demo-2026!" },
  groups: [
    { name: "Admins", policies: ["AdministratorAccess"] },
    { name: "Developers", policies: ["IAMReadOnlyAccess", "IAMUserChangePassword"] },
    { name: "ReadOnly", policies: ["IAMReadOnlyAccess"] },
    // AWS's "manage your own credentials, and require MFA for everything else": a new hire can
    // only enroll MFA and change their password until they sign in again with a code.
    { name: "NewHires", policies: ["ForceMFA-ManageOwnCredentials", "IAMReadOnlyAccess"] },
  ],
  users: [
    { name: "ada.admin", group: "Admins", team: "platform", password: "Admin-Demo-2026!" },
    { name: "dev.developer", group: "Developers", team: "engineering", password: "Developer-Demo-2026!" },
    { name: "rita.readonly", group: "ReadOnly", team: "audit", password: "ReadOnly-Demo-2026!" },
    { name: "nina.newhire", group: "NewHires", team: "engineering", password: "NewHire-Demo-2026!" },
  ],
  // Roles trusted by the account itself (its root ARN), which leaves the choice of who may assume
  // them to identity policies: each group named here gets an inline policy allowing sts:AssumeRole
  // on the role, so the table in README.md holds (Admins' AdministratorAccess would allow it anyway).
  roles: [
    {
      name: "ReadOnlyAuditor",
      color: "green",
      description: "Read-only access for audits. Developers may assume it.",
      policies: ["ReadOnlyAccess"],
      requireMfa: false,
      assumedBy: "Developers",
    },
    {
      name: "Administrator",
      color: "red",
      description: "Full access, only with MFA. Admins may assume it from a session signed in with an MFA code.",
      policies: ["AdministratorAccess"],
      requireMfa: true,
      assumedBy: "Admins",
    },
  ],
  // A second account, a partner company, whose user may assume PartnerAuditor in Example Corp when
  // it names the external ID the role's trust policy requires (the confused-deputy guard).
  partner: {
    accountName: "Example Partner",
    alias: "example-partner",
    root: { email: "root@partner.example.com", password: "Partner-Root-Demo-2026!" },
    user: { name: "pat.partner", team: "partner-audit", password: "Partner-Demo-2026!" },
    role: {
      name: "PartnerAuditor",
      description: "Read-only access for Example Partner's auditors; requires the external ID.",
      policies: ["ReadOnlyAccess"],
      externalId: "example-partner-audit-2026",
    },
  },
} as const;
