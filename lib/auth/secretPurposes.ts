// The associated data each kind of sealed secret is bound to (lib/auth/crypto seal/open), so a value
// sealed for one purpose can never be opened as another. It lives in lib/auth because both sides
// need it: lib/iam seals access-key and role-session secrets, and SigV4 verification (below lib/iam)
// opens them again.

/** Access-key secrets: long-term keys (AccessKey rows) and role-session keys (RoleSession rows) alike. */
export const ACCESS_KEY_SECRET_PURPOSE = "portcullis:access-key-secret";

/** TOTP seeds of virtual MFA devices (MfaDevice rows). */
export const MFA_SEED_PURPOSE = "portcullis:mfa-seed";
