// Filling a catalogue text's {placeholders}, shared by the server's translator and the browser's
// (components/i18n/locale-provider.tsx). No catalogue here, so client code can import it.
// A value that is itself a MessageRef is rendered in the same language by `render` (a message
// that quotes another: the exchange's reason inside a sentence); a string or a number is data
// (a name, a count, words the exchange sent) and goes in as it is.
import type { MessageKey } from "./messages";

/** A catalogue text named by its key, with what fills its {placeholders}. */
export interface MessageRef {
  key: MessageKey;
  values?: MessageValues;
}

export type MessageValues = Record<string, string | number | MessageRef>;

export function fillMessage(
  template: string,
  values: MessageValues | undefined,
  render: (ref: MessageRef) => string,
): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    return typeof v === "object" ? render(v) : String(v);
  });
}
