// What the credential report page reads: GetCredentialReport (the stored CSV, filtered and paged
// in the page) and one GetCallerPermissions for its Generate and Download buttons, however many
// users the report lists.

import type { Caller } from "@/lib/auth/caller";
import { GenerateCredentialReport, GetCredentialReport } from "@/lib/iam/reports/credentialReport";
import { pagePermissions } from "../_server/pagePermissions";
import { readOperation } from "../_server/readOperation";

export async function loadCredentialReport(caller: Caller) {
  const [report, controls] = await Promise.all([
    readOperation(GetCredentialReport, {}, caller),
    pagePermissions(caller, { generate: { Operation: GenerateCredentialReport, Input: {} }, get: { Operation: GetCredentialReport, Input: {} } }),
  ]);
  return { report, controls };
}
