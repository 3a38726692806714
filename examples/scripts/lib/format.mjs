/** The last 8 characters of an id: enough to tell runs apart in a log line. */
export function shortId(/** @type {string} */ id) {
  return id.slice(-8);
}
