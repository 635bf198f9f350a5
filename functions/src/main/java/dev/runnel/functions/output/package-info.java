/** Stage outputs: turning an output node's records into encoded, size-checked emissions for streams, tables and the console. */
package dev.runnel.functions.output;
