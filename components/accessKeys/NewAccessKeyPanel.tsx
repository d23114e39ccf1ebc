"use client";

import { useEffect, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { accessKeyCsv, accessKeyCsvFileName } from "./accessKeyCsv";
import type { NewAccessKey } from "./accessKeyState";

function download(key: NewAccessKey) {
  const url = URL.createObjectURL(new Blob([accessKeyCsv(key)], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = accessKeyCsvFileName(key);
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The one time a secret access key is shown, as AWS's "Retrieve access keys" step: hidden until asked
 * for, copyable, downloadable as .csv. Closing the panel drops it from the page for good.
 */
export function NewAccessKeyPanel({ accessKey, onDone }: { accessKey: NewAccessKey; onDone: () => void }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<"" | "copied" | "failed">("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(accessKey.SecretAccessKey);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section aria-label="New access key" className="flex flex-col gap-3 rounded-md border border-emerald-300 bg-emerald-50 p-4" data-testid="new-access-key">
      <div>
        <h3 className="text-sm font-semibold text-emerald-950">Access key created</h3>
        <p className="mt-1 text-sm text-emerald-950">
          This is the only time the secret access key can be viewed or downloaded. You cannot recover it later; if you lose it, create a new access key and
          deactivate this one.
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium text-slate-600">Access key ID</dt>
          <dd className="font-mono break-all" data-testid="new-access-key-id">
            {accessKey.AccessKeyId}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600">Secret access key</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="font-mono break-all" data-testid="new-access-key-secret">
              {shown ? accessKey.SecretAccessKey : "•".repeat(40)}
            </code>
            <button type="button" className={buttonStyles.link} onClick={() => setShown(!shown)} aria-pressed={shown} data-testid="show-secret">
              {shown ? "Hide" : "Show"}
            </button>
          </dd>
        </div>
      </dl>
      <KeyUsage accessKeyId={accessKey.AccessKeyId} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={copy} data-testid="copy-secret">
          Copy secret access key
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => download(accessKey)} data-testid="download-csv">
          Download .csv file
        </button>
        <button type="button" className={buttonStyles.primary} onClick={onDone} data-testid="new-access-key-done">
          Done
        </button>
        <span role="status" aria-live="polite" className="text-sm text-slate-700">
          {copied === "copied" ? "Copied" : copied === "failed" ? "Copying was blocked by the browser: select the key and copy it." : ""}
        </span>
      </div>
    </section>
  );
}

/**
 * How to use the key: the AWS CLI and SDKs reach Portcullis at this server's /iam and /sts. The
 * console's own origin is the API's (one server answers both), as the browser sees it behind any
 * proxy. The secret is never put in the commands: they ask for it.
 */
function KeyUsage({ accessKeyId }: { accessKeyId: string }) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  if (!origin) return null;
  const commands = [
    `aws configure set aws_access_key_id ${accessKeyId} --profile portcullis`,
    `aws configure set aws_secret_access_key "<the secret access key>" --profile portcullis`,
    `aws configure set region us-east-1 --profile portcullis`,
    `aws --profile portcullis --endpoint-url ${origin}/sts sts get-caller-identity`,
    `aws --profile portcullis --endpoint-url ${origin}/iam iam list-access-keys`,
  ].join("\n");
  return (
    <details className="rounded-md border border-emerald-200 bg-white p-3 text-sm" data-testid="new-access-key-usage">
      <summary className="cursor-pointer font-medium text-slate-900">Use this key with the AWS CLI or an SDK</summary>
      <p className="mt-2 text-slate-700">
        Portcullis answers the IAM API at <code className="font-mono">{origin}/iam</code> and STS at <code className="font-mono">{origin}/sts</code>, in any region. Every
        request is decided by the same policies as the console, and recorded in the audit log.
      </p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100" data-testid="new-access-key-commands">
        {commands}
      </pre>
      <p className="mt-2 text-slate-700">
        In JavaScript: <code className="font-mono">{`new IAMClient({ endpoint: "${origin}/iam", region: "us-east-1" })`}</code>.
      </p>
    </details>
  );
}
