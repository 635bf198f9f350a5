/** Backoff between the attempts of a batched write. */
package dev.runnel.functions.retry;
