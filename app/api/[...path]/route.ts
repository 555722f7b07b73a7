// Every /api/ address but Auth.js's (app/api/auth): the API table's router (app/api/_routes),
// for every method. It answers the table's routes, OPTIONS, HEAD, 405 and a JSON 404 for
// anything else, each after the same request checks and with the API security headers.
import { api } from "../_routes";

export const dynamic = "force-dynamic";

const serve = (req: Request) => api.app.fetch(req);

export { serve as GET, serve as HEAD, serve as OPTIONS, serve as POST, serve as PUT, serve as PATCH, serve as DELETE };
