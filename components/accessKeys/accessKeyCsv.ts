// The file AWS's console offers after creating an access key ("Download .csv file"): a header row and
// one row with the key. Built in the browser from what the page already holds, so the secret never
// travels again and no server route can serve it later.

import type { NewAccessKey } from "./accessKeyState";

export function accessKeyCsv(key: NewAccessKey): string {
  // Key IDs are base32 and secrets base64: neither can hold a comma or quote, so no quoting is needed.
  return `Access key ID,Secret access key\r\n${key.AccessKeyId},${key.SecretAccessKey}\r\n`;
}

/** AWS names the file after the user: alice_accessKeys.csv (rootkey.csv for the root user). */
export function accessKeyCsvFileName(key: NewAccessKey): string {
  return key.UserName ? `${key.UserName}_accessKeys.csv` : "rootkey.csv";
}
