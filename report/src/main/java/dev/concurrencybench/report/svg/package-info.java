/**
 * Charts as inline SVG text: no script, no fonts, no external reference, so a report opens offline. Each chart is
 * one {@code <svg class="chart" data-chart="…">} whose series are {@code <g data-series="…">} groups (tests and
 * readers find them by that attribute); every chart has axis labels with units and a legend, and a server has the
 * same colour ({@link dev.concurrencybench.report.svg.Palette}) on every chart. Invalid measurements are drawn in
 * red with their reasons, never like valid ones. All classes are stateless or single-use builders; not thread-safe.
 */
package dev.concurrencybench.report.svg;
