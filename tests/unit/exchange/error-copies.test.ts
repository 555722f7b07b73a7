// npm start's fast path runs each route from its own server bundle, and the one gate of the
// process hands them the exchange client of whichever bundle made it: an ExchangeError made by
// one copy of lib/exchange/errors.ts must still be one to another copy (else a 404 from the
// exchange became a 500).
import { ExchangeError } from "@/lib/exchange/errors";

it("an ExchangeError from another copy of the module is an ExchangeError here", () => {
  let Other: typeof ExchangeError | undefined;
  jest.isolateModules(() => {
    Other = (jest.requireActual("@/lib/exchange/errors") as typeof import("@/lib/exchange/errors")).ExchangeError;
  });
  expect(Other).toBeDefined();
  expect(Other).not.toBe(ExchangeError);
  const fromOther = new Other!("ORDER_NOT_FOUND", 404);
  expect(fromOther instanceof ExchangeError).toBe(true);
  expect(new Error("x") instanceof ExchangeError).toBe(false);
  expect({ code: "ORDER_NOT_FOUND" } instanceof ExchangeError).toBe(false);
});
