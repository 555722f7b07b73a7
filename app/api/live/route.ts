// GET /api/live?keys=…: Server-Sent Events with the valuations of the keys on screen
// (lib/market/live-route.ts: authorized like the data routes, ends when access ends).
import { route } from "@/lib/http/route";
import { openLiveStream } from "@/lib/live/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ req }) => openLiveStream(req));
