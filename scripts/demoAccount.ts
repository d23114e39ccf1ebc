// The training account's people and groups. The passwords are public on purpose (README.md lists
// them): this account exists to be shown on a projector, never to hold anything real.

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
} as const;
