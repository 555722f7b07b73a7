// Lets the work already started run to its end: a number of event-loop turns, not a time. A
// test that checks that nothing more happens (no further fetch after a cancel) waits for the
// fakes' promises, which settle within a turn or two, however busy the machine is.
// (jsdom has no setImmediate: a zero timer is a turn there.)
const turn = (): Promise<void> =>
  new Promise<void>((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

export async function flushTasks(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await turn();
}
