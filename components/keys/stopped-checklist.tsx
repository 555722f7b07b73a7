// What a stopped key's page shows: that it is stopped (by whom, when) and the seed's checklist
// to recover: delete it at the exchange, create a Read-only key allow-listed to this server's
// address, then Replace (the only way back).
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import type { Translate } from "@/lib/i18n";

export function StoppedChecklist({
  t,
  owner,
  egressIp,
  stoppedBy,
  stoppedAt,
}: {
  t: Translate;
  owner: boolean;
  egressIp: string | null;
  stoppedBy?: string;
  stoppedAt?: Date;
}) {
  return (
    <Alert tone="warning" title={t("status.stopped")}>
      {stoppedAt && stoppedBy ? (
        <p>
          {t("stop.stoppedBy", { who: stoppedBy })} <LocalTime iso={stoppedAt.toISOString()} />
        </p>
      ) : (
        <p>{t("alert.key_stopped.body")}</p>
      )}
      {owner ? (
        <section aria-labelledby="stopped-checklist" className="mt-2">
          <h2 id="stopped-checklist" className="font-semibold">
            {t("stop.checklistTitle")}
          </h2>
          <ol className="list-decimal pl-5" data-testid="stopped-checklist">
            <li>{t("stop.step1")}</li>
            <li>{egressIp ? t("stop.step2", { ip: egressIp }) : t("stop.step2NoIp")}</li>
            <li>
              <a className="underline" href="#replace">
                {t("stop.step3")}
              </a>
            </li>
          </ol>
        </section>
      ) : null}
    </Alert>
  );
}
