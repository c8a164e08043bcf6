/**
 * The {@code bench} command line (picocli): {@code run}, {@code load}, {@code sweep}, {@code scenarios} and
 * {@code serve}. Bad flags give a one-line error plus usage and exit code 2; failures a one-line error and 1.
 */
package dev.concurrencybench.cli;
