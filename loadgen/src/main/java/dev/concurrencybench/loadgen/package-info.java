/**
 * The load generator of concurrency-bench: the precise open-loop driver ({@code .driver}), declarative
 * scenarios ({@code .scenario}), server-process sampling ({@code .proc}), results files ({@code .results}) and
 * the orchestration of whole runs and sweeps ({@code .run}).
 */
package dev.concurrencybench.loadgen;
