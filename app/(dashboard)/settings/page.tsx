import type { Metadata } from "next";
import { ComingSection } from "@/components/shell/coming-section";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return <ComingSection title="Settings">Your account settings will appear here: password, two-factor sign-in and active sessions.</ComingSection>;
}
