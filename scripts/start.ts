// `npm start`: prepare the data directory and database, then serve the production build.
// Arguments after `--` go to the server (for example `npm start -- -p 3100`; see serve.ts).

import { prepare } from "./prepare";
import { serve } from "./serve";

async function main(): Promise<void> {
  await prepare();
  await serve(process.argv.slice(2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
