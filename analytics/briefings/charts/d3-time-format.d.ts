// The part of d3-time-format (a dependency of @observablehq/plot, which has no published types here) we use.
declare module 'd3-time-format' {
  export interface TimeLocaleDefinition {
    dateTime: string;
    date: string;
    time: string;
    periods: [string, string];
    days: [string, string, string, string, string, string, string];
    shortDays: [string, string, string, string, string, string, string];
    months: [string, string, string, string, string, string, string, string, string, string, string, string];
    shortMonths: [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
  }
  export interface TimeLocaleObject {
    format(specifier: string): (date: Date) => string;
    utcFormat(specifier: string): (date: Date) => string;
  }
  export function timeFormatLocale(definition: TimeLocaleDefinition): TimeLocaleObject;
}
