import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/sessions/session";
import { HOME_PATH } from "@/lib/sign-in/after-sign-in";

export default async function Home() {
  redirect((await getCurrentUser()) ? HOME_PATH : "/sign-in");
}
