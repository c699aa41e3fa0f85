// Which source files each test file's coverage counts for (tap's coverage-map).
// Tests that start the service as a separate process (server, Dockerfile replay) are end-to-end checks: their
// child processes run transpiled or compiled copies whose coverage does not map back onto src/ cleanly, so they
// count for nothing. Every other test counts for everything it loads.
export default function coverageMap(testFile) {
  return /test[\\/](server\.test|deploy[\\/])/.test(testFile) ? null : [];
}
