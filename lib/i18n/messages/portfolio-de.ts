// Portfolio im Zeitverlauf: Wertverlauf in der Übersicht eines Schlüssels und die Portfolio-Startseite, Deutsch.
import type { portfolioEn } from "./portfolio-en";

export const portfolioDe: Record<keyof typeof portfolioEn, string> = {
  "nav.portfolio": "Portfolio",
  "portfolio.title": "Portfolio",
  "portfolio.intro":
    "Alle Schlüssel, die Sie sehen können, Ihre eigenen und die mit Ihnen geteilten, in EUR bewertet aus gespeicherten Momentaufnahmen.",
  "portfolio.total": "Gesamtwert",
  "portfolio.noKeys":
    "Sie haben noch keine Schlüssel. Fügen Sie einen Schlüssel hinzu, um hier Ihr Portfolio zu sehen.",
  "portfolio.noSnapshots":
    "Noch keine Werte erfasst. Keydesk erfasst einen Wert, wenn ein Schlüssel gelesen wird, und jede Stunde.",
  "portfolio.hiddenNote":
    "{count} geteilte(r) Schlüssel verbirgt Beträge vor Ihnen: Er zählt weder zum Gesamtwert noch zum Diagramm und wird nur mit Prozentangaben aufgeführt.",
  "portfolio.allocation": "Aufteilung",
  "portfolio.keys": "Schlüssel",
  "portfolio.key": "Schlüssel",
  "portfolio.value": "Wert",
  "portfolio.part": "Anteil",
  "portfolio.change": "Veränderung",
  "portfolio.asOf": "Stand",
  "portfolio.holdings": "Bestände",
  "portfolio.hidden": "Beträge vom Eigentümer verborgen",
  "portfolio.stopped": "Gestoppt",
  "history.title": "Wertverlauf",
  "history.range": "Zeitraum",
  "history.range.24h": "24 Std.",
  "history.range.7d": "7 Tage",
  "history.range.30d": "30 Tage",
  "history.range.1y": "1 Jahr",
  "history.range.all": "Gesamt",
  "history.change": "Veränderung",
  "history.priceEffect": "Durch Kurse",
  "history.balanceEffect": "Durch Bestandsänderungen",
  "history.approx":
    "Näherungswert: Die Aufteilung vergleicht aufeinanderfolgende Momentaufnahmen; Bestandsänderungen (Handel, Einzahlungen, Auszahlungen) werden zu den Kursen der Momentaufnahmen bewertet.",
  "history.empty": "Für diesen Zeitraum sind noch nicht genug Werte erfasst.",
  "history.hiddenNote":
    "Die Beträge sind vom Eigentümer des Schlüssels verborgen: Das Diagramm zeigt die Veränderung in Prozent.",
  "history.chartLabel": "Wertdiagramm",
  "history.export": "Wertverlauf herunterladen (CSV)",
  "history.points": "{count} Werte von {from} bis {to}",
  // Welche Schlüssel zählen, Werte älter als zugesagt, ausgenommene Schlüssel.
  "portfolio.promise": "Werte sind höchstens {minutes} Minuten alt; ältere sind mit ihrem Alter markiert.",
  "portfolio.allHidden":
    "Beträge verborgen: Jeder mit Ihnen geteilte Schlüssel verbirgt seine Beträge, daher gibt es keinen Gesamtwert.",
  "portfolio.staleCount": "{count} Wert(e) in dieser Summe sind älter als zugesagt: siehe die Schlüssel unten.",
  "portfolio.sharedAccount": "Diese Schlüssel gehören zu einem Börsenkonto und zählen einmal: {labels}.",
  "portfolio.countedInstead": "Dasselbe Börsenkonto wie \u201e{label}\u201c, der zählt (sein Wert ist aktueller)",
  "portfolio.excludedTitle": "Nicht im Gesamtwert",
  "portfolio.excludedIntro":
    "Diese Schlüssel können gerade nicht gelesen werden und zählen nicht mit. Ihr letzter erfasster Wert:",
  "portfolio.excluded.stopped": "Von der Eigentümerin oder dem Eigentümer gestoppt",
  "portfolio.excluded.revoked": "An der Börse widerrufen",
  "portfolio.excluded.ip_blocked": "Die Börse lehnt die IP-Adresse dieses Servers ab",
  "portfolio.excluded.invalid": "Die Börse lehnt den Schlüssel ab",
  "portfolio.lastValue": "Letzter Wert",
  "portfolio.noLastValue": "kein Wert erfasst",
  "valueAge.minutes": "{n} Min. alt",
  "valueAge.hours": "{n} Std. alt",
  "valueAge.days": "{n} Tage alt",
};
