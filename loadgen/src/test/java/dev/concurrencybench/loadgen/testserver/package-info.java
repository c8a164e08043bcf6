/** HTTP servers with known behaviour (fixed delay, one stall) that the driver's accuracy tests run against. */
package dev.concurrencybench.loadgen.testserver;
