// ARN helpers for the IAM resource types. An ARN is `arn:partition:service:region:account:resource`;
// the resource part may itself contain colons and slashes, so only the first five colons split.

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN into its six parts, or returns undefined when it does not have that shape. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith("arn:")) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  const [partition, service, region, account] = parts as [string, string, string, string];
  return { partition, service, region, account, resource: text.slice(start) };
}

/** The account segment of an ARN ("" for ARNs without one), without building the parsed object. */
export function arnAccount(text: string): string | undefined {
  if (!text.startsWith("arn:")) return undefined;
  let start = 4;
  for (let i = 0; i < 3; i++) {
    start = text.indexOf(":", start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf(":", start);
  return end < 0 ? undefined : text.slice(start, end);
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

export function isAccountId(text: string): boolean {
  return ACCOUNT_ID_PATTERN.test(text);
}

/** The IAM resource types an ARN can name, plus STS's assumed-role and federated-user sessions. */
export type IamResourceType =
  | "root"
  | "user"
  | "group"
  | "role"
  | "policy"
  | "mfa"
  | "instance-profile"
  | "assumed-role"
  | "federated-user";

export interface IamArn {
  readonly partition: string;
  readonly account: string;
  readonly type: IamResourceType;
  /** `/` or `/division/team/`; always starts and ends with `/`. Sessions and root have `/`. */
  readonly path: string;
  /** User, group, role, policy, MFA device or instance profile name; the role name for a session. */
  readonly name: string;
  /** Only for assumed-role sessions: the role session name. */
  readonly sessionName?: string;
}

const IAM_TYPES = new Set<IamResourceType>(["user", "group", "role", "policy", "mfa", "instance-profile"]);

/** Reads an IAM or STS principal/resource ARN into its IAM meaning, or undefined if it is not one. */
export function parseIamArn(text: string): IamArn | undefined {
  const arn = parseArn(text);
  if (!arn || arn.region !== "" || !isAccountId(arn.account)) return undefined;
  const { partition, account, resource } = arn;
  if (arn.service === "sts") {
    const session = /^assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(resource);
    if (session) return { partition, account, type: "assumed-role", path: "/", name: session[1]!, sessionName: session[2]! };
    const federated = /^federated-user\/([\w+=,.@-]+)$/.exec(resource);
    if (federated) return { partition, account, type: "federated-user", path: "/", name: federated[1]! };
    return undefined;
  }
  if (arn.service !== "iam") return undefined;
  if (resource === "root") return { partition, account, type: "root", path: "/", name: "root" };
  const slash = resource.indexOf("/");
  if (slash < 0) return undefined;
  const type = resource.slice(0, slash) as IamResourceType;
  if (!IAM_TYPES.has(type)) return undefined;
  const rest = resource.slice(slash);
  const lastSlash = rest.lastIndexOf("/");
  const name = rest.slice(lastSlash + 1);
  if (name === "") return undefined;
  return { partition, account, type, path: rest.slice(0, lastSlash + 1), name };
}

/** Formats an IAM ARN; paths are normalised to start and end with `/`. */
export function formatIamArn(arn: Omit<IamArn, "partition"> & { partition?: string }): string {
  const partition = arn.partition ?? "aws";
  if (arn.type === "root") return `arn:${partition}:iam::${arn.account}:root`;
  if (arn.type === "assumed-role") {
    return `arn:${partition}:sts::${arn.account}:assumed-role/${arn.name}/${arn.sessionName ?? ""}`;
  }
  if (arn.type === "federated-user") return `arn:${partition}:sts::${arn.account}:federated-user/${arn.name}`;
  return `arn:${partition}:iam::${arn.account}:${arn.type}${normalizePath(arn.path)}${arn.name}`;
}

function normalizePath(path: string): string {
  let p = path === "" ? "/" : path;
  if (!p.startsWith("/")) p = "/" + p;
  if (!p.endsWith("/")) p += "/";
  return p;
}

export const userArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "user", path, name });
export const groupArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "group", path, name });
export const roleArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "role", path, name });
export const policyArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "policy", path, name });
export const mfaArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "mfa", path, name });
export const instanceProfileArn = (account: string, name: string, path = "/") =>
  formatIamArn({ account, type: "instance-profile", path, name });
export const accountRootArn = (account: string) => formatIamArn({ account, type: "root", path: "/", name: "root" });
export const assumedRoleArn = (account: string, roleName: string, sessionName: string) =>
  formatIamArn({ account, type: "assumed-role", path: "/", name: roleName, sessionName });
export const federatedUserArn = (account: string, name: string) =>
  formatIamArn({ account, type: "federated-user", path: "/", name });

/** The account a principal belongs to: from its ARN, or the bare account ID itself. */
export function principalAccount(principal: string): string | undefined {
  if (isAccountId(principal)) return principal;
  const arn = parseArn(principal);
  return arn && isAccountId(arn.account) ? arn.account : undefined;
}
