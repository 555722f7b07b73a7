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
};
