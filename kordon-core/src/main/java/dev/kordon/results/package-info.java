/**
 * Analyzer answers as report sections: the one place where the typed results of {@code rbac},
 * {@code netpol}, {@code pss} and the control catalog become the cells, lines, graphs and JSON
 * records that every writer of {@code dev.kordon.report} renders. Front doors (the CLI, later the
 * dashboard) ask an analyzer, pass its answer here, and hand the report to a writer; analyzers
 * never see this package, writers never see the analyzers.
 */
package dev.kordon.results;
