// The XML that the Query protocol answers with: AWS's response envelope around a result written
// from plain values. Element names are AWS's shape member names, written as given (PascalCase);
// field order is the order of the object's keys, which the door sets in AWS's documented order.

export type QueryService = "iam" | "sts";

/** Each API version's namespace, as AWS puts it on the envelope's root element. */
const NAMESPACES: Record<QueryService, string> = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
};

/** The API version each endpoint serves: a request's `Version` must name it. */
export const API_VERSIONS: Readonly<Record<QueryService, string>> = { iam: "2010-05-08", sts: "2011-06-15" };

export function namespaceFor(service: QueryService): string {
  return NAMESPACES[service];
}

/**
 * Fields whose text AWS URL-encodes: policy documents, wherever they appear (GetPolicyVersion,
 * GetRole, GetUserPolicy, GetAccountAuthorizationDetails' lists). Clients decode them: the CLI
 * does it itself, SDK users call decodeURIComponent.
 */
export const URL_ENCODED_FIELDS: ReadonlySet<string> = new Set(["Document", "PolicyDocument", "AssumeRolePolicyDocument"]);

/**
 * Blob fields whose value an operation gives as text: written base64-encoded, as AWS encodes every
 * blob (CreateVirtualMFADevice's Base32StringSeed is the base32 text's bytes; the SDKs hand users
 * those bytes and the CLI writes them to --outfile; GetCredentialReport's Content is the CSV's
 * bytes). QRCodePNG is already the PNG's base64.
 */
export const BASE64_TEXT_FIELDS: ReadonlySet<string> = new Set(["Base32StringSeed", "Content"]);

/** A map shape (GetAccountSummary's SummaryMap): written as `<entry><key>…</key><value>…</value></entry>`. */
export class XmlMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, XmlValue]>) {}

  static of(record: Readonly<Record<string, XmlValue>>): XmlMap {
    return new XmlMap(Object.entries(record));
  }
}

/** What a result field may hold. `undefined` and `null` leave the element out, as AWS omits unset members. */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlMap | XmlStruct | readonly XmlValue[];

export interface XmlStruct {
  readonly [member: string]: XmlValue;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#xD;" };

/**
 * Text and attribute escaping. A carriage return is written as a character reference because XML
 * parsers turn a literal one into a line feed. The other C0 controls cannot appear in XML 1.0 at
 * all, not even as references: they become U+FFFD rather than a document the client cannot parse.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD");
}

/** AWS's timestamp form in Query responses: ISO 8601 in UTC, whole seconds (`2026-12-01T12:00:00Z`). */
export function awsDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError("awsDate: invalid date");
  return `${date.toISOString().slice(0, 19)}Z`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function checkName(name: string): string {
  // Names come from our own shapes, never from a request: a bad one is a programming error.
  if (!NAME.test(name)) throw new TypeError(`Not an XML element name: ${JSON.stringify(name)}`);
  return name;
}

function scalarText(value: string | number | boolean | Date, name: string): string {
  if (value instanceof Date) return awsDate(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${name}: not a finite number`);
    return String(value);
  }
  // Base32 text and the credential report (IAM names, paths and ARNs are ASCII) are ASCII, which btoa encodes byte for byte.
  if (BASE64_TEXT_FIELDS.has(name)) return btoa(value);
  return escapeXml(URL_ENCODED_FIELDS.has(name) ? encodeURIComponent(value) : value);
}

/** One member: `<Name>…</Name>`, a list's `<member>` elements, or nothing for an unset value. */
export function writeElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return "";
  const tag = checkName(name);
  if (Array.isArray(value)) {
    // An empty list is an empty element (`<Users/>`): the SDKs read it as [], and AWS sends it so.
    if (value.length === 0) return `<${tag}/>`;
    return `<${tag}>${value.map((item: XmlValue) => writeListMember(item, name)).join("")}</${tag}>`;
  }
  if (value instanceof XmlMap) {
    const entries = value.entries.map(([key, v]) => `<entry><key>${escapeXml(key)}</key>${writeElement("value", v)}</entry>`);
    return entries.length === 0 ? `<${tag}/>` : `<${tag}>${entries.join("")}</${tag}>`;
  }
  if (typeof value === "object" && !(value instanceof Date)) return `<${tag}>${writeMembers(value as XmlStruct)}</${tag}>`;
  return `<${tag}>${scalarText(value as string | number | boolean | Date, name)}</${tag}>`;
}

function writeListMember(item: XmlValue, listName: string): string {
  if (item === undefined || item === null) throw new TypeError(`${listName}: a list member cannot be empty`);
  if (Array.isArray(item)) throw new TypeError(`${listName}: lists of lists are not a Query shape`);
  if (typeof item === "object" && !(item instanceof Date) && !(item instanceof XmlMap)) return `<member>${writeMembers(item as XmlStruct)}</member>`;
  // Scalars in a list keep the list's encoding rule off: no IAM list holds policy documents as strings.
  return writeElement("member", item);
}

/** A structure's members, in key order. */
export function writeMembers(struct: XmlStruct): string {
  let out = "";
  for (const [name, value] of Object.entries(struct)) out += writeElement(name, value);
  return out;
}

/**
 * The success envelope:
 * `<CreateUserResponse xmlns="…"><CreateUserResult>…</CreateUserResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></CreateUserResponse>`.
 * Actions with no output (DeleteUser) have no Result element at all, as AWS answers them.
 */
export function queryResponse(service: QueryService, action: string, result: XmlStruct | undefined, requestId: string): string {
  const name = checkName(action);
  const body = result === undefined ? "" : `<${name}Result>${writeMembers(result)}</${name}Result>`;
  return (
    `<${name}Response xmlns="${NAMESPACES[service]}">` +
    body +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${name}Response>`
  );
}
