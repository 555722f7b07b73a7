import "@testing-library/jest-dom";
// A ceiling for a stuck test, not a time any test must beat: the unit tests run beside the
// integration suites at a lower CPU priority (tests/run.ts), where a loaded machine can take
// many times the usual few milliseconds (the transport test's 9 MB body once took over 5 s).
jest.setTimeout(60_000);
