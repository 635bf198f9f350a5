/**
 * Timers of keyed process operators: the {@code Timers} handle an operator registers them with, how they are stored
 * in the key's state, and the {@code @OnTimer} method that runs when one fires (docs/time.md).
 */
package dev.runnel.functions.timers;
