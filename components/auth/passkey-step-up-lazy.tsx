"use client";
// PasskeyStepUp in its own chunk: pages load it only when they show it, for someone who has a
// passkey (the key page and Settings are near their first-load budget, bench:bundle).
import dynamic from "next/dynamic";

export const LazyPasskeyStepUp = dynamic(() => import("./passkey-step-up").then((m) => m.PasskeyStepUp));
