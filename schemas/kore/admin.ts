/** Kore admin models: to be written. */
export {}
