import type { Metadata } from "next";
import { ComingSection } from "@/components/shell/coming-section";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return <ComingSection title="Activity">The audit log will appear here: keys added, checked, shared and deleted, members invited and removed, and exports run.</ComingSection>;
}
