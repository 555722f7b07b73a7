import type { Metadata } from "next";
import { ComingSection } from "@/components/shell/coming-section";

export const metadata: Metadata = { title: "Keys" };

export default function KeysPage() {
  return <ComingSection title="Keys">Your exchange API keys will be listed here: what each key may do (Read, Trade, Withdraw), its IP allow-list, and its balances and order history. Adding keys is not available in this version yet.</ComingSection>;
}
