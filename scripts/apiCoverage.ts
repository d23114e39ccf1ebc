// The README's table of AWS's IAM and STS API operations and whether Portcullis's Query door serves
// each. AWS's list is the real SDK's: every *Command the pinned @aws-sdk/client-iam and
// @aws-sdk/client-sts ship, so an operation AWS adds appears when the SDK is upgraded. An operation
// is Supported when the door dispatches it: it is in the registry (lib/iam/registry.ts), it is not a
// console-only operation (lib/query/consoleOnly.ts), and its action is the endpoint's service.
// tests/unit/console/apiCoverageTable.test.ts fails when README.md's table is not this output.
//
//   npx tsx --conditions=react-server scripts/apiCoverage.ts            prints the table
//   npx tsx --conditions=react-server scripts/apiCoverage.ts --write    puts it between README.md's markers

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { OPERATIONS } from "../lib/iam/registry";
import { CONSOLE_ONLY_OPERATIONS } from "../lib/query/consoleOnly";

type Service = "iam" | "sts";

const SDK_COMMANDS: Record<Service, URL> = {
  iam: new URL("../node_modules/@aws-sdk/client-iam/dist-types/commands/", import.meta.url),
  sts: new URL("../node_modules/@aws-sdk/client-sts/dist-types/commands/", import.meta.url),
};

/** AWS's operation names for a service, from the SDK's command declarations, sorted. */
export function awsOperations(service: Service): string[] {
  return readdirSync(fileURLToPath(SDK_COMMANDS[service]))
    .filter((file) => file.endsWith("Command.d.ts"))
    .map((file) => file.slice(0, -"Command.d.ts".length))
    .sort();
}

/** Whether the door at /<service> answers this operation rather than InvalidAction. */
export function isServed(service: Service, name: string): boolean {
  const op = OPERATIONS.find((candidate) => candidate.name === name);
  return op !== undefined && !CONSOLE_ONLY_OPERATIONS.has(name) && op.action.startsWith(`${service}:`);
}

/**
 * Why a family of operations is not there yet, for the gaps a reader will look for. The first
 * pattern that matches an unsupported operation names its note; supported operations need none.
 */
const GAP_NOTES: ReadonlyArray<readonly [RegExp, string]> = [
  [/CredentialReport|ServiceLastAccessed|PoliciesGrantingServiceAccess/, "access reports: issue 14"],
  [/Organizations/, "AWS Organizations (Portcullis accounts stand alone)"],
  [/InstanceProfile/, "instance profiles (EC2's wrapper for a role)"],
  [/SAMLProvider|OpenIDConnectProvider|ClientIDToOpenIDConnectProvider/, "SAML and OIDC identity providers"],
  [/ServiceLinkedRole/, "service-linked roles"],
  [/SSHPublicKey/, "SSH public keys (CodeCommit)"],
  [/SigningCertificate/, "X.509 signing certificates"],
  [/ServerCertificate/, "server certificates"],
  [/ServiceSpecificCredential/, "service-specific credentials"],
  [/DelegationRequest|DelegationToken|DelegatedAccessToken/, "delegation requests (cross-account permission requests)"],
  [/OutboundWebIdentityFederation|WebIdentityToken/, "outbound web identity federation"],
  [/^((Tag|Untag)MFADevice|ListMFADeviceTags)$/, "tags on MFA devices"],
  [/^GetMFADevice$/, "ListMFADevices covers a user's devices"],
  [/^(AcquireRole|GetRoleTemplateVersion)$/, "role templates"],
  [/^(Get|Put)AccountProperties$/, "account properties (Role Manager)"],
  [/^GetHumanReadableSummary$/, "summaries of delegation requests"],
  [/^SetSecurityTokenServicePreferences$/, "regional STS token versions (Portcullis has one endpoint)"],
  [/^GetScopedCredentials$/, "scoping down a session's own credentials"],
  [/^AssumeRoleWith(SAML|WebIdentity)$/, "needs SAML / OIDC identity providers"],
  [/^AssumeRoot$/, "AWS Organizations' centralized root access"],
  [/^DecodeAuthorizationMessage$/, "denials are not encoded: the explanation is in the x-portcullis-explanation header"],
  [/^GetFederationToken$/, "federated user sessions"],
];

function noteFor(name: string): string {
  return GAP_NOTES.find(([pattern]) => pattern.test(name))?.[1] ?? "";
}

export const README_MARKERS = { start: "<!-- api-coverage:start -->", end: "<!-- api-coverage:end -->" } as const;

/** The Markdown that sits between README.md's api-coverage markers: a summary line and the table. */
export function apiCoverageTable(): string {
  const rows: string[] = [];
  const counts: Record<Service, { served: number; total: number }> = { iam: { served: 0, total: 0 }, sts: { served: 0, total: 0 } };
  for (const service of ["iam", "sts"] as const) {
    for (const name of awsOperations(service)) {
      const served = isServed(service, name);
      counts[service].total++;
      if (served) counts[service].served++;
      rows.push(`| ${service.toUpperCase()} | \`${name}\` | ${served ? "Supported" : "Not yet"} | ${served ? "" : noteFor(name)} |`);
    }
  }
  const summary =
    `Portcullis serves ${counts.iam.served} of the ${counts.iam.total} IAM operations and ${counts.sts.served} of the ` +
    `${counts.sts.total} STS operations in @aws-sdk/client-iam and @aws-sdk/client-sts; any other action is answered \`InvalidAction\`.`;
  return [summary, "", "| API | operation | Portcullis | note |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** README.md with its table replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${README_MARKERS.start} and ${README_MARKERS.end}, in that order`);
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--write")) {
    const readme = new URL("../README.md", import.meta.url);
    writeFileSync(readme, withTable(readFileSync(readme, "utf8"), apiCoverageTable()));
  } else console.log(apiCoverageTable());
}
