/** storm's version, kept in step with package.json by a test. */
export const STORM_VERSION = '0.1.0';
