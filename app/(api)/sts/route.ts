// The STS endpoint (API version 2011-06-15): point a client's STS endpoint at /sts.

import { serveQuery } from "../_door/serveQuery";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => serveQuery("sts", request);
export const GET = (request: Request) => serveQuery("sts", request);
