import type { Metadata } from "next";
import { ComingSection } from "@/components/shell/coming-section";

export const metadata: Metadata = { title: "Teams" };

export default function TeamsPage() {
  return <ComingSection title="Teams">Teams you own or belong to will appear here. A team shares read-only keys with its members, who see the data but never the key.</ComingSection>;
}
