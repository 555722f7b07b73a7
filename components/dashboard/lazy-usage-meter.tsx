"use client";
// The budget meter loads after the page (it polls; nothing on first paint depends on it).
import dynamic from "next/dynamic";

export const LazyUsageMeter = dynamic(() => import("./usage-meter").then((m) => m.UsageMeter), { ssr: false });
