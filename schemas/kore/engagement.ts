/** Kore engagement models: to be written. */
export {}
