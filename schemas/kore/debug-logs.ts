/** Kore debug-logs models: to be written. */
export {}
