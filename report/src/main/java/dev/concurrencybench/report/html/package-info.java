/**
 * {@code report.html}: one self-contained page — inline CSS and inline SVG charts, no script, no font, no URL of any
 * kind — so it opens offline, from a CI artifact or attached to a ticket. Links point only at files beside it
 * (Gatling's own report, report.md). {@link dev.concurrencybench.report.html.HtmlPage} gives other pages of the suite
 * (the measured trade-off table) the same stylesheet and head. Stateless renderers.
 */
package dev.concurrencybench.report.html;
