// Any /api/ path we don't serve: a JSON 404 with a message, for every method (after the
// same request checks as every API route: a cross-site write is still refused as such).
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const notFound = route<{ path: string[] }>(async () => {
  throw new AppError("not_found", "error.noEndpoint");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
