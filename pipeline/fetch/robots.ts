/** robots.txt per origin, fetched once and cached: allow/disallow and crawl-delay for the dlxh user agent. */
import robotsParserModule from 'robots-parser';

// The package's types declare an ES default export, but the CommonJS module exports the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Seconds between requests the site asks for, if any. */
  crawlDelay(): number | undefined;
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelay: () => undefined };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelay: () => undefined };

/** Rules from a robots.txt body for the agent token `agent` (e.g. 'dlxh'). */
export function parseRobots(robotsUrl: string, body: string, agent: string): RobotsRules {
  const robot = robotsParser(robotsUrl, body);
  return {
    isAllowed: (url) => robot.isAllowed(url, agent) !== false,
    crawlDelay: () => robot.getCrawlDelay(agent),
  };
}

/**
 * Rules for a robots.txt response status, as RFC 9309 says: 2xx parsed, 4xx allows everything, anything else
 * (5xx, timeout, refused) disallows everything until the cache expires.
 */
export function robotsForResponse(
  robotsUrl: string,
  response: { status: number; body: string } | null,
  agent: string,
): RobotsRules {
  if (!response || response.status >= 500 || response.status < 200) return DISALLOW_ALL;
  if (response.status >= 400) return ALLOW_ALL;
  if (response.status >= 300) return DISALLOW_ALL;
  return parseRobots(robotsUrl, response.body, agent);
}
