/** The {@code runnel} command line: {@code demo}, {@code run} and {@code explain}, built with picocli. */
package dev.runnel.cli;
