/** What "Edit trust policy" sends to its server action: the trust policy text as typed. */
export interface TrustPolicyDraft {
  readonly document: string;
}
