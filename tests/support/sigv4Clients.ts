// Requests signed by the real AWS clients' signer, for tests of SigV4 verification without a server.
//   - sdkSigned: the JavaScript SDK itself (IAMClient / STSClient) builds and signs the request; a
//     request handler catches it on its way to the network. So the header set is exactly the SDK's:
//     amz-sdk-*, x-amz-content-sha256, x-amz-user-agent, the body encoded with %20.
//   - cliSigned: @smithy/signature-v4's SignatureV4 (the signer the SDK uses) over a request shaped
//     as the AWS CLI sends it: only content-type (with a charset), host and x-amz-date signed, no
//     x-amz-content-sha256, the body form-encoded with "+" for spaces.
// Both hand back the request as a server receives it (SignableRequest), with Node-style lower-case headers.

import { IAMClient, type IAMClientConfig } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SignableRequest } from "@/lib/auth/sigv4/canonicalRequest";

export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The request as the SDK's handler receives it (smithy's HttpRequest, the fields a server sees). */
interface OutgoingRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

class Captured extends Error {
  constructor(readonly request: OutgoingRequest) {
    super("captured before sending");
  }
}

/** Never sends: throws the signed request back to the caller instead. */
const capturingHandler = {
  handle: async (request: OutgoingRequest) => {
    throw new Captured(request);
  },
} as unknown as IAMClientConfig["requestHandler"];

function rawQuery(query: OutgoingRequest["query"]): string {
  return Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => (v === null ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(v)}`)))
    .join("&");
}

function received(request: OutgoingRequest): SignableRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: request.method, path: request.path, query: rawQuery(request.query), headers, body: typeof request.body === "string" ? request.body : "" };
}

export interface SdkOptions {
  readonly service?: "iam" | "sts";
  readonly region?: string;
  /** The endpoint's path ("/" for IAM by default, "/sts" for STS). */
  readonly endpointPath?: string;
  /** Milliseconds the SDK's clock is off by (its systemClockOffset): -16 min signs 16 minutes in the past. */
  readonly clockOffsetMs?: number;
}

/** The Command the SDK would send, as the server would receive it. */
export async function sdkSigned(command: object, credentials: TestCredentials, options: SdkOptions = {}): Promise<SignableRequest> {
  const service = options.service ?? "iam";
  const config = {
    region: options.region ?? "us-east-1",
    endpoint: `http://127.0.0.1:3000${options.endpointPath ?? (service === "sts" ? "/sts" : "/")}`,
    credentials,
    requestHandler: capturingHandler,
    maxAttempts: 1,
    systemClockOffset: options.clockOffsetMs ?? 0,
  };
  const client = service === "sts" ? new STSClient(config) : new IAMClient(config);
  try {
    await (client.send as (command: object) => Promise<unknown>)(command);
  } catch (error) {
    if (error instanceof Captured) return received(error.request);
    throw error;
  } finally {
    client.destroy();
  }
  throw new Error("the SDK sent nothing");
}

/** The SHA-256 implementation the SDK's own clients sign with. */
const sdkSha256 = new IAMClient({ region: "us-east-1" }).config.sha256;

export interface CliOptions {
  readonly service?: "iam" | "sts";
  readonly region?: string;
  readonly signingDate?: Date;
  readonly path?: string;
  /** Further headers sent (and so signed) beside the CLI's three. */
  readonly extraHeaders?: Record<string, string>;
}

/** A form body signed as the CLI signs it: content-type;host;x-amz-date (plus the token, if any). */
export async function cliSigned(body: string, credentials: TestCredentials, options: CliOptions = {}): Promise<SignableRequest> {
  const signer = new SignatureV4({
    service: options.service ?? "iam",
    region: options.region ?? "us-east-1",
    credentials,
    sha256: sdkSha256,
    // The CLI (botocore) sends no x-amz-content-sha256 to IAM or STS.
    applyChecksum: false,
  });
  const request = {
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 3000,
    path: options.path ?? "/",
    query: {},
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", Host: "127.0.0.1:3000", ...options.extraHeaders },
    body,
  };
  const signed = (await signer.sign(request, { signingDate: options.signingDate ?? new Date() })) as unknown as OutgoingRequest;
  return received(signed);
}

/** The same request with some headers replaced (names lower-case), as a proxy or an attacker would. */
export function withHeaders(request: SignableRequest, changes: Record<string, string | undefined>): SignableRequest {
  const headers = { ...(request.headers as Record<string, string | undefined>) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}
