// The shapes the policy editor receives from the service catalog. Kept apart from the server module
// so client components can import them without pulling the AWS data files into a browser bundle.

/** The access levels of AWS's Service Authorization Reference, in the order the AWS console lists them. */
export const ACCESS_LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;

export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface CatalogService {
  /** The action prefix: `iam`, `s3`. */
  readonly key: string;
  /** AWS's name for it: "AWS Identity and Access Management (IAM)". */
  readonly name: string;
}

export interface CatalogActionResource {
  /** The resource type key, such as `user`; looked up in `ServiceCatalog.resourceTypes`. */
  readonly name: string;
  readonly required: boolean;
}

export interface CatalogAction {
  /** The action name without the prefix: `CreateUser`. */
  readonly name: string;
  readonly description: string;
  readonly accessLevel: AccessLevel;
  readonly resourceTypes: readonly CatalogActionResource[];
  /** The condition keys a policy can test for this action: its own and its resource types' (the reference's column). */
  readonly conditionKeys: readonly string[];
}

export interface CatalogResourceType {
  readonly key: string;
  /** AWS's ARN template: `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`. */
  readonly arn: string;
}

export interface CatalogConditionKey {
  readonly key: string;
  readonly description: string;
  /** AWS's value type: String, ARN, Bool, Numeric, Date, IPAddress, ArrayOfString, … */
  readonly type: string;
}

/** Everything the visual editor needs about one service; loaded one service at a time. */
export interface ServiceCatalog extends CatalogService {
  readonly actions: readonly CatalogAction[];
  readonly resourceTypes: readonly CatalogResourceType[];
  /** The service's own keys followed by the global `aws:` keys. */
  readonly conditionKeys: readonly CatalogConditionKey[];
}
