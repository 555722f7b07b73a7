"use client";
// The budget meter in its own chunk (it polls; first-load JS stays small). Rendered on the
// server too, from the server's first reading, so it is in the page's HTML.
import dynamic from "next/dynamic";

export const LazyUsageMeter = dynamic(() => import("./usage-meter").then((m) => m.UsageMeter));
