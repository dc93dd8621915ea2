/** Kore messages models: to be written. */
export {}
