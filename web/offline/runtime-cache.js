// The cache that keeps the engine's runtime for offline use: the service
// worker answers from it (build_tools/offline_sw.mjs), and offline.js alone
// writes it, with copies the browser has checked against their SRI hashes.
export const RUNTIME_CACHE = "engine-runtime";
