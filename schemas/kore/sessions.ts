/** Kore sessions models: to be written. */
export {}
