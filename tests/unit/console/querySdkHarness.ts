// The real @aws-sdk/client-iam and client-sts, with their transport swapped for a function: the
// SDK serializes the request as it would on the wire and parses our response with its own
// deserializer, so the wire format is checked against the client rather than against our reading
// of it. No socket, no server: the door itself is not built yet.

import { Readable } from "node:stream";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";

export interface Exchange {
  /** The form body the SDK sent. */
  readonly body: string;
  readonly contentType: string | undefined;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

interface Handler {
  handle(request: { body?: unknown; headers: Record<string, string> }): Promise<{ response: unknown }>;
}

function handler(reply: (exchange: Exchange) => Reply, sent: Exchange[]): Handler {
  return {
    async handle(request) {
      const exchange = { body: String(request.body ?? ""), contentType: request.headers["content-type"] };
      sent.push(exchange);
      const r = reply(exchange);
      return {
        response: {
          statusCode: r.status,
          headers: { "content-type": "text/xml", ...r.headers },
          body: Readable.from([Buffer.from(r.body, "utf8")]),
        },
      };
    },
  };
}

const CONFIG = {
  region: "eu-west-3",
  endpoint: "http://127.0.0.1:9/",
  // One attempt: a 5xx must show, not be retried away.
  maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
};

export function iamClient(reply: (exchange: Exchange) => Reply): { client: IAMClient; sent: Exchange[] } {
  const sent: Exchange[] = [];
  return { client: new IAMClient({ ...CONFIG, requestHandler: handler(reply, sent) as never }), sent };
}

export function stsClient(reply: (exchange: Exchange) => Reply): { client: STSClient; sent: Exchange[] } {
  const sent: Exchange[] = [];
  return { client: new STSClient({ ...CONFIG, requestHandler: handler(reply, sent) as never }), sent };
}
