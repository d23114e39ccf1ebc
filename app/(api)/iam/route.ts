// The IAM endpoint (API version 2010-05-08): point a client's IAM endpoint at /iam.

import { serveQuery } from "../_door/serveQuery";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => serveQuery("iam", request);
export const GET = (request: Request) => serveQuery("iam", request);
