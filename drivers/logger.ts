// What a driver logs through. Structural, so drivers/ needs nothing from src/: the till's
// logger (src/lib/log.ts) satisfies it and the daemon passes that one in.

export type DriverLogFields = Record<string, unknown>;

export interface DriverLogger {
  info(msg: string, fields?: DriverLogFields): void;
  warn(msg: string, fields?: DriverLogFields): void;
  child(fields: DriverLogFields): DriverLogger;
}

/** Drops everything: the default when no logger is passed (tests, tools). */
export const silentDriverLogger: DriverLogger = {
  info: () => {},
  warn: () => {},
  child: () => silentDriverLogger,
};
