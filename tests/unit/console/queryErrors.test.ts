import { describe, expect, it } from "vitest";
import { GetUserCommand, NoSuchEntityException } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { errorClass, errorResponse, KNOWN_ERROR_CODES, QueryError } from "@/lib/query/errors";
import { iamClient, stsClient } from "./querySdkHarness";

describe("the status table", () => {
  it.each([
    ["NoSuchEntity", 404],
    ["EntityAlreadyExists", 409],
    ["LimitExceeded", 409],
    ["DeleteConflict", 409],
    ["ConcurrentModification", 409],
    ["MalformedPolicyDocument", 400],
    ["InvalidInput", 400],
    ["ValidationError", 400],
    ["PasswordPolicyViolation", 400],
    ["MissingParameter", 400],
    ["InvalidAction", 400],
    ["AccessDenied", 403],
    ["InvalidClientTokenId", 403],
    ["SignatureDoesNotMatch", 403],
    ["ExpiredToken", 403],
    ["RequestExpired", 403],
    ["IncompleteSignature", 403],
    ["MissingAuthenticationToken", 403],
  ])("%s → %i, Sender", (code, status) => {
    expect(errorClass(code)).toEqual({ status, type: "Sender" });
  });

  it("never answers 5xx for a client's mistake: only the server's own failures are Receiver errors", () => {
    const receivers = KNOWN_ERROR_CODES.filter((code) => errorClass(code).type === "Receiver");
    expect(receivers.sort()).toEqual(["InternalFailure", "PolicyEvaluation", "ServiceFailure", "ServiceUnavailable"]);
    for (const code of KNOWN_ERROR_CODES) expect(errorClass(code).status >= 500, code).toBe(errorClass(code).type === "Receiver");
    // A code the table does not know is still the client's: 400.
    expect(errorClass("SomethingNew")).toEqual({ status: 400, type: "Sender" });
    expect(errorClass("constructor")).toEqual({ status: 400, type: "Sender" });
  });

  it("gives QueryError its status and type from the table", () => {
    const error = new QueryError("EntityAlreadyExists", "User with name bob already exists.");
    expect([error.status, error.type, error.name, error.message]).toEqual([409, "Sender", "EntityAlreadyExists", "User with name bob already exists."]);
  });
});

describe("errorResponse", () => {
  it("writes AWS's ErrorResponse envelope with the RequestId beside Error", () => {
    expect(errorResponse("iam", "NoSuchEntity", "The user with name nobody cannot be found.", "req-7")).toEqual({
      status: 404,
      body:
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        "<Message>The user with name nobody cannot be found.</Message></Error><RequestId>req-7</RequestId></ErrorResponse>",
    });
    expect(errorResponse("sts", "ExpiredToken", "The security token included in the request is expired", "r").body).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
  });

  it("escapes the message", () => {
    expect(errorResponse("iam", "ValidationError", `Value '<a&b>' at "x"`, "r").body).toContain("<Message>Value &apos;&lt;a&amp;b&gt;&apos; at &quot;x&quot;</Message>");
  });
});

describe("the real SDK reads our errors", () => {
  const reply = (service: "iam" | "sts", code: string, message: string) => () => {
    const { status, body } = errorResponse(service, code, message, "req-9");
    return { status, body, headers: { "x-amzn-requestid": "req-9" } };
  };

  it("NoSuchEntity becomes the SDK's NoSuchEntityException, a client fault with 404", async () => {
    const { client } = iamClient(reply("iam", "NoSuchEntity", "The user with name nobody cannot be found."));
    const error = await client.send(new GetUserCommand({ UserName: "nobody" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect(error).toMatchObject({
      name: "NoSuchEntityException",
      message: "The user with name nobody cannot be found.",
      $fault: "client",
      $metadata: { httpStatusCode: 404, requestId: "req-9", attempts: 1 },
    });
  });

  it.each(["SignatureDoesNotMatch", "InvalidClientTokenId", "AccessDenied", "ValidationError", "InvalidAction"])("%s keeps its code, as a client fault", async (code) => {
    const { client } = stsClient(reply("sts", code, `a ${code} message`));
    const error = await client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: code, message: `a ${code} message`, $fault: "client", $metadata: { httpStatusCode: errorClass(code).status } });
  });
});
