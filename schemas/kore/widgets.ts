/** Kore widgets models: to be written. */
export {}
